import { Router, type Request, type Response } from 'express';
import mime from 'mime-types';
import { createTypedRouter } from '@callboard/backend-plugin-api';
import { techdocsRoutes } from '../common/techdocsRoutes.ts';
import type { EntityName, TechdocsService } from './TechdocsService.ts';

/** Served for use in the page (<img>); anything else is a download, never a document of this origin. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
  'image/x-icon',
  'image/vnd.microsoft.icon',
  'text/plain',
  'application/pdf',
]);

export function createTechdocsRouter(service: TechdocsService, listDocumented: () => Promise<EntityName[]>): Router {
  const router = Router();
  router.use(
    createTypedRouter(techdocsRoutes, {
      getSite: ({ params }) => service.siteResponse(params),
      getPage: ({ params, query }) => service.pageResponse(params, query.route),
      getSiteWarnings: ({ params }) => service.allWarnings(params),
      refreshSite: ({ params }) => service.refresh(params),
      async getSearchDocuments() {
        const documents = [];
        const failed = [];
        for (const name of await listDocumented()) {
          try {
            documents.push(...(await service.searchDocuments(name)));
          } catch (error) {
            // One broken site (a bad mkdocs.yml) must not keep every other site out of search.
            failed.push({ entityRef: `${name.kind}:${name.namespace}/${name.name}`.toLowerCase(), message: (error as Error).message });
          }
        }
        return { documents, failed };
      },
    }),
  );
  router.get('/static/:namespace/:kind/:name/*file', async (request: Request, response: Response) => {
    const { namespace, kind, name } = request.params as Record<string, string>;
    const segments = (request.params as Record<string, string[] | string>)['file'];
    const file = Array.isArray(segments) ? segments.join('/') : String(segments ?? '');
    const asset = await service.asset({ namespace: namespace!, kind: kind!, name: name! }, file);
    const type = mime.lookup(asset.file) || 'application/octet-stream';
    const inline = INLINE_TYPES.has(type);
    response.setHeader('Content-Type', inline ? type : 'application/octet-stream');
    // Files come from the docs' authors: even opened directly they may not run script here.
    response.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox");
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, max-age=60');
    if (!inline) response.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(asset.file.split('/').pop() ?? 'file')}"`);
    response.send(asset.bytes);
  });
  return router;
}
