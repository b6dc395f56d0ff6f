import { coreServices, createBackendPlugin, createTypedRouter } from '@callboard/backend-plugin-api';
import { searchRoutes } from '../common/searchRoutes.ts';
import { searchCollatorsExtensionPoint, searchDocumentsChanged } from './extensionPoints.ts';
import { SearchIndex } from './SearchIndex.ts';

/**
 * Search across plugins: collators contribute documents through
 * `search.collators`, changes arrive as `search.documents.changed` events,
 * and everything is held in an in-memory index per process.
 */
export const searchPlugin = createBackendPlugin({
  id: 'search',
  extensionPoints: [searchCollatorsExtensionPoint],
  deps: {
    logger: coreServices.logger,
    httpRouter: coreServices.httpRouter,
    lifecycle: coreServices.lifecycle,
    events: coreServices.events,
    collators: searchCollatorsExtensionPoint.contributions,
  },
  async init({ logger, httpRouter, lifecycle, events, collators }) {
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
    lifecycle.addStartupHook(() => {
      void collate();
    });
    lifecycle.addShutdownHook(() => controller.abort());

    httpRouter.use(
      createTypedRouter(searchRoutes, {
        query: ({ query }) => index.query(query.term, { ...(query.type ? { type: query.type } : {}), ...(query.limit ? { limit: query.limit } : {}) }),
      }),
    );
  },
});
