import path from 'node:path';
import { coreServices, createBackendPlugin, defineEventTopic } from '@callboard/backend-plugin-api';
import { createApiClient } from '@callboard/frontend-plugin-api/client';
import { NotFoundError } from '@callboard/common';
import { CATALOG_EVENTS, catalogRoutes, type CatalogEntityEvent } from '@callboard/plugin-catalog/common';
import type { Entity } from '@callboard/catalog-model';
import { techdocsConfigSchema } from './config.ts';
import { createTechdocsRouter } from './createTechdocsRouter.ts';
import { KnexTechdocsStore } from './KnexTechdocsStore.ts';
import { GitHistory } from './GitHistory.ts';
import { techdocsMigrations } from './techdocsMigrations.ts';
import { TechdocsService, type EntityLookup, type EntityName } from './TechdocsService.ts';
import { TECHDOCS_REF_ANNOTATION } from '../common/techdocsRoutes.ts';
import { SEARCH_EVENTS, type SearchDocumentsChanged } from '@callboard/plugin-search/common';
import { toSearchDocument } from './techdocsSearchCollator.ts';

const searchDocumentsChanged = defineEventTopic<SearchDocumentsChanged>(SEARCH_EVENTS.documentsChanged);

const entityAdded = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityAdded);
const entityChanged = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityChanged);
const entityRemoved = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityRemoved);

/**
 * TechDocs: Markdown sites beside the code, rendered in Node page by page.
 * Entities come from the catalog's HTTP API (its contract), never its tables.
 */
export const techdocsPlugin = createBackendPlugin({
  id: 'techdocs',
  config: techdocsConfigSchema,
  deps: {
    logger: coreServices.logger,
    database: coreServices.database,
    httpRouter: coreServices.httpRouter,
    urlReader: coreServices.urlReader,
    events: coreServices.events,
    discovery: coreServices.discovery,
    rootConfig: coreServices.rootConfig,
  },
  async init({ logger, database, httpRouter, urlReader, events, discovery, rootConfig, config }) {
    const store = KnexTechdocsStore.create(await database.connect({ migrations: techdocsMigrations }));
    const catalogApi = createApiClient('catalog', catalogRoutes, { baseUrl: discovery.getInternalOrigin() });
    const catalog: EntityLookup = {
      async getEntity(name) {
        try {
          return (await catalogApi.getEntityByName({ params: name })) as Entity;
        } catch (error) {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }
      },
      async refreshEntity(entityRef) {
        await catalogApi.refreshEntity({ body: { entityRef } });
      },
    };
    const service = new TechdocsService({
      store,
      catalog,
      urlReader,
      config,
      logger,
      gitHistory: new GitHistory({ baseDir: path.resolve(rootConfig.baseDir, config.historyCacheDir), logger }),
      // Changed pages go to search as they are rendered again.
      onPagesChanged: (change) =>
        events.publish(searchDocumentsChanged, {
          type: 'techdocs',
          upserts: change.upserts.map((doc) => toSearchDocument(doc)),
          removedLocations: change.removed,
        }),
    });
    const listDocumented = async (): Promise<EntityName[]> => {
      const names: EntityName[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalogApi.getEntitiesByQuery({
          query: cursor ? { cursor } : { filter: [`metadata.annotations.${TECHDOCS_REF_ANNOTATION}`], fields: ['apiVersion,kind,metadata.name,metadata.namespace'], limit: 500 },
        });
        for (const e of page.items) names.push({ kind: e.kind, namespace: e.metadata.namespace ?? 'default', name: e.metadata.name });
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      return names;
    };

    // A changed entity may point at other docs, or its repository moved on: check on the next view.
    const stale = ({ entityRef }: CatalogEntityEvent) => service.refreshInBackground(entityRef);
    events.subscribe(entityAdded, stale);
    events.subscribe(entityChanged, stale);
    events.subscribe(entityRemoved, ({ entityRef }) => service.forget(entityRef));

    httpRouter.use(createTechdocsRouter(service, listDocumented));
  },
});
