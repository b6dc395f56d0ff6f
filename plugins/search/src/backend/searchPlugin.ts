import { z } from 'zod';
import { coreServices, createBackendPlugin, createTypedRouter } from '@callboard/backend-plugin-api';
import { searchRoutes } from '../common/searchRoutes.ts';
import { searchCollatorsExtensionPoint, searchDocumentsChanged } from './extensionPoints.ts';
import { SearchIndex } from './SearchIndex.ts';

/**
 * Search across plugins: collators contribute documents through
 * `search.collators`, changes arrive as `search.documents.changed` events,
 * and everything is held in an in-memory index per process.
 */
const searchConfigSchema = z
  .object({
    /**
     * Collect every collator's documents after start-up. Collecting asks each
     * plugin for all its documents (TechDocs renders every page it has not
     * cached); without it the index fills only from change events.
     */
    collateAtStartup: z.boolean().default(true),
  })
  .default({ collateAtStartup: true });

export const searchPlugin = createBackendPlugin({
  id: 'search',
  config: searchConfigSchema,
  extensionPoints: [searchCollatorsExtensionPoint],
  deps: {
    logger: coreServices.logger,
    httpRouter: coreServices.httpRouter,
    lifecycle: coreServices.lifecycle,
    events: coreServices.events,
    collators: searchCollatorsExtensionPoint.contributions,
  },
  async init({ logger, httpRouter, lifecycle, events, collators, config }) {
    const index = new SearchIndex();
    const controller = new AbortController();

    events.subscribe(searchDocumentsChanged, (change) => {
      index.remove(change.removedLocations);
      index.upsert(change.upserts);
    });

    const collate = async () => {
      for (const collator of collators) {
        const started = Date.now();
        try {
          const documents = await collator.collect({ signal: controller.signal });
          index.replaceType(collator.type, documents);
          logger.info(`Search indexed ${documents.length} ${collator.type} documents in ${Date.now() - started} ms`);
        } catch (error) {
          if (controller.signal.aborted) return;
          logger.warn({ err: error }, `Search could not collect ${collator.type} documents: ${(error as Error).message}`);
        }
      }
    };
    // After every plugin has started (collators call their plugins' APIs), and without holding up readiness.
    if (config.collateAtStartup) {
      lifecycle.addStartupHook(() => {
        void collate();
      });
    }
    lifecycle.addShutdownHook(() => controller.abort());

    httpRouter.use(
      createTypedRouter(searchRoutes, {
        query: ({ query }) => index.query(query.term, { ...(query.type ? { type: query.type } : {}), ...(query.limit ? { limit: query.limit } : {}) }),
      }),
    );
  },
});
