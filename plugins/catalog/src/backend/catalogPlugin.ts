import os from 'node:os';
import path from 'node:path';
import { coreServices, createBackendPlugin, readLocalGitDirectory } from '@callboard/backend-plugin-api';
import { catalogConfigSchema } from './config.ts';
import { catalogMigrations } from './database/catalogMigrations.ts';
import { KnexEntityStore } from './database/KnexEntityStore.ts';
import { KnexLocationStore } from './database/KnexLocationStore.ts';
import { createEntityValidator } from '@callboard/catalog-model';
import { catalogKindsExtensionPoint, catalogProcessorsExtensionPoint } from './extensionPoints.ts';
import { CatalogEngine } from './CatalogEngine.ts';
import { createCatalogRouter } from './createCatalogRouter.ts';
import { LocationReader } from './reading/LocationReader.ts';
import { ProcessingWorkers } from './processing/ProcessingWorkers.ts';
import { listFiles } from './git/listFiles.ts';
import { createGitReading } from './reading/gitReading.ts';
import { createGithubReading } from './reading/githubReading.ts';

/**
 * Files shorter than this are processed on the event loop: a worker's round
 * trip costs more than parsing a few entities (most files registered
 * through the API are one entity).
 */
const WORKER_MIN_FILE_CHARS = 16_384;

export const catalogPlugin = createBackendPlugin({
  id: 'catalog',
  config: catalogConfigSchema,
  extensionPoints: [catalogProcessorsExtensionPoint, catalogKindsExtensionPoint],
  deps: {
    logger: coreServices.logger,
    database: coreServices.database,
    httpRouter: coreServices.httpRouter,
    scheduler: coreServices.scheduler,
    events: coreServices.events,
    rootConfig: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    urlReader: coreServices.urlReader,
    github: coreServices.github,
    processors: catalogProcessorsExtensionPoint.contributions,
    extraKinds: catalogKindsExtensionPoint.contributions,
  },
  async init({ logger, database, httpRouter, scheduler, events, rootConfig, lifecycle, urlReader, github, processors, extraKinds, config }) {
    const knex = await database.connect({ migrations: catalogMigrations });
    const store = KnexEntityStore.create(knex);
    const locations = KnexLocationStore.create(knex);
    const validator = createEntityValidator({ extraKinds });
    // Workers know only the built-in kinds and run no plugin code: with
    // processors or kinds from plugins, everything stays on the event loop.
    const workers =
      processors.length === 0 && extraKinds.length === 0
        ? new ProcessingWorkers({
            size: config.processingWorkers ?? Math.min(4, Math.max(1, os.availableParallelism() - 1)),
            minChars: WORKER_MIN_FILE_CHARS,
            validator,
            prepareRows: store.writesPreparedRows,
            logger,
          })
        : undefined;
    if (workers) lifecycle.addShutdownHook(() => workers.close());
    const reader = new LocationReader({
      processFile: workers ? (file) => workers.process(file) : undefined,
      urlReader,
      git: createGitReading({ cacheDir: path.resolve(rootConfig.baseDir, config.gitCacheDir) }),
      github: createGithubReading(github),
      maxFileBytes: config.maxFileBytes,
      listFiles,
    });
    const engine = new CatalogEngine({
      config,
      baseDir: rootConfig.baseDir,
      entities: store,
      locations,
      reader,
      validator,
      processors,
      extraKinds,
      events,
      logger,
      isUrlAllowed: (url) => urlReader.isAllowed(url),
      localGitDirectory: readLocalGitDirectory(rootConfig.get('integrations.local'), rootConfig.baseDir),
    });

    // The first read runs once every plugin has started, so subscribers to
    // catalog events see the initial entities, and before the backend reports
    // ready, so a ready portal always shows its catalog.
    lifecycle.addStartupHook(async () => {
      await engine.syncConfiguredLocations();
      const reports = await engine.refreshAll();
      const total = reports.reduce((n, r) => n + r.added + r.changed + r.unchanged, 0);
      const failed = reports.filter((r) => r.status === 'failed').length;
      logger.info(`Catalog loaded ${total} entities from ${reports.length - failed} of ${reports.length} locations`);
    });

    await scheduler.scheduleTask({
      id: 'refresh-locations',
      frequencyMs: config.refresh.intervalSeconds * 1000,
      timeoutMs: Math.max(60_000, config.refresh.intervalSeconds * 1000),
      initialDelayMs: config.refresh.intervalSeconds * 1000,
      fn: async () => {
        await engine.refreshAll();
      },
    });

    httpRouter.use(createCatalogRouter({ store, locations, engine, validator }));
  },
});
