import { z } from 'zod';
import { defineRoutes } from '@callboard/common';
import { buildWarningSchema, pageResponseSchema, siteResponseSchema } from './docsSchemas.ts';

const entityParams = z.object({
  namespace: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
});

export const techdocsRoutes = defineRoutes({
  /** The site's name, navigation and warnings; checks for a newer source when the last check is old. */
  getSite: {
    method: 'GET',
    path: '/sites/:namespace/:kind/:name',
    params: entityParams,
    response: siteResponseSchema,
  },
  /** One page, rendered on first view and cached under its source's hash. */
  getPage: {
    method: 'GET',
    path: '/sites/:namespace/:kind/:name/page',
    params: entityParams,
    query: z.object({ route: z.string().max(2048).default('') }),
    response: pageResponseSchema,
  },
  /** Renders every page (from the cache where it can) and lists every warning. */
  getSiteWarnings: {
    method: 'GET',
    path: '/sites/:namespace/:kind/:name/warnings',
    params: entityParams,
    response: z.object({ warnings: z.array(buildWarningSchema), pageCount: z.number().int(), rendered: z.number().int() }),
  },
  /** Every page of every documented entity as a search document, for the search plugin's collator. */
  getSearchDocuments: {
    method: 'GET',
    path: '/search-documents',
    response: z.object({
      documents: z.array(
        z.object({ title: z.string(), text: z.string(), headings: z.array(z.string()), location: z.string(), entityRef: z.string(), siteName: z.string() }),
      ),
      failed: z.array(z.object({ entityRef: z.string(), message: z.string() })),
    }),
  },
  /** Checks the source now instead of waiting for the interval. */
  refreshSite: {
    method: 'POST',
    path: '/sites/:namespace/:kind/:name/refresh',
    params: entityParams,
    response: z.object({ version: z.string(), changedPages: z.array(z.string()) }),
  },
});

/** Where the backend serves a site's images and other files; not JSON, so outside the table. */
export function assetPathPrefix(ref: { namespace: string; kind: string; name: string }): string {
  return `/api/techdocs/static/${[ref.namespace, ref.kind, ref.name].map((s) => encodeURIComponent(s.toLowerCase())).join('/')}/`;
}

/** The annotation that says where an entity's docs live: `dir:<path>` or `url:<url>`. */
export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
