import { coreServices, createBackendPlugin } from '@callboard/backend-plugin-api';
import { catalogConfigSchema } from './config.ts';
import { catalogMigrations } from './database/catalogMigrations.ts';
import { KnexEntityStore } from './database/KnexEntityStore.ts';
import { catalogProcessorsExtensionPoint } from './extensionPoints.ts';
import { LocationIngester } from './ingestion/LocationIngester.ts';
import { createCatalogRouter } from './createCatalogRouter.ts';

export const catalogPlugin = createBackendPlugin({
  id: 'catalog',
  config: catalogConfigSchema,
  extensionPoints: [catalogProcessorsExtensionPoint],
  deps: {
    logger: coreServices.logger,
    database: coreServices.database,
    httpRouter: coreServices.httpRouter,
    scheduler: coreServices.scheduler,
    events: coreServices.events,
    rootConfig: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    processors: catalogProcessorsExtensionPoint.contributions,
  },
  async init({ logger, database, httpRouter, scheduler, events, rootConfig, lifecycle, processors, config }) {
    const knex = await database.connect({ migrations: catalogMigrations });
    const store = KnexEntityStore.create(knex);
    const ingester = new LocationIngester({
      config,
      baseDir: rootConfig.baseDir,
      store,
      logger,
      events,
      processors,
    });

    // The first read runs once every plugin has started, so subscribers to
    // catalog events see the initial entities, and before the backend reports
    // ready, so a ready portal always shows its catalog.
    lifecycle.addStartupHook(async () => {
      const reports = await ingester.refreshAll();
      const total = reports.reduce((n, r) => n + r.added + r.changed + r.unchanged, 0);
      const failed = reports.filter((r) => r.error).length;
      logger.info(`Catalog loaded ${total} entities from ${reports.length - failed} of ${reports.length} locations`);
    });

    await scheduler.scheduleTask({
      id: 'refresh-locations',
      frequencyMs: config.refresh.intervalSeconds * 1000,
      timeoutMs: Math.max(60_000, config.refresh.intervalSeconds * 1000),
      initialDelayMs: config.refresh.intervalSeconds * 1000,
      fn: async () => {
        await ingester.refreshAll();
      },
    });

    httpRouter.use(createCatalogRouter(store));
  },
});
