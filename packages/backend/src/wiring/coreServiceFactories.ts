import { Router } from 'express';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type ServiceFactory,
} from '@callboard/backend-plugin-api';
import type { RootConfig } from '../config/RootConfig.ts';
import type { DatabaseManager } from '../database/DatabaseManager.ts';
import type { KnexScheduler } from '../scheduler/KnexScheduler.ts';
import { InProcessEvents } from '../events/InProcessEvents.ts';
import { GuestIdentity } from '../identity/GuestIdentity.ts';
import { UrlReader } from '../reading/UrlReader.ts';
import { GithubApi } from '../reading/GithubApi.ts';
import type { PluginMount } from '../http/createHttpApp.ts';
import type { LifecycleHooks } from './LifecycleHooks.ts';

export interface CoreInternals {
  config: RootConfig;
  rootLogger: LoggerService;
  databases: DatabaseManager;
  scheduler: () => KnexScheduler;
  mounts: Map<string, PluginMount>;
  lifecycle: LifecycleHooks;
  /** The listening address; the server listens before any plugin starts. */
  internalOrigin: () => string;
}

export function createCoreServiceFactories(internals: CoreInternals): ServiceFactory[] {
  return [
    createServiceFactory({ service: coreServices.rootConfig, deps: {}, create: () => internals.config }),
    createServiceFactory({ service: coreServices.rootLogger, deps: {}, create: () => internals.rootLogger }),
    createServiceFactory({
      service: coreServices.logger,
      deps: {},
      create: (_deps, { pluginId }) => internals.rootLogger.child({ plugin: pluginId }),
    }),
    createServiceFactory({
      service: coreServices.database,
      deps: {},
      create: (_deps, { pluginId }) => internals.databases.forPlugin(pluginId),
    }),
    createServiceFactory({
      service: coreServices.httpRouter,
      deps: {},
      create: (_deps, { pluginId }) => {
        let mount = internals.mounts.get(pluginId);
        if (!mount) {
          mount = { pluginId, router: Router(), isReady: () => false };
          internals.mounts.set(pluginId, mount);
        }
        const router = mount.router;
        return { use: (...handlers) => void router.use(...handlers) };
      },
    }),
    createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      create: (_deps, { pluginId }) => internals.scheduler().forPlugin(pluginId),
    }),
    createServiceFactory({
      service: coreServices.lifecycle,
      deps: {},
      create: (_deps, { pluginId }) => internals.lifecycle.forPlugin(pluginId),
    }),
    createServiceFactory({
      service: coreServices.events,
      deps: {},
      create: () => new InProcessEvents(internals.rootLogger.child({ service: 'events' })),
    }),
    createServiceFactory({ service: coreServices.identity, deps: {}, create: () => new GuestIdentity() }),
    createServiceFactory({
      service: coreServices.urlReader,
      deps: {},
      create: () => UrlReader.fromConfig(internals.config, { logger: internals.rootLogger.child({ service: 'urlReader' }) }),
    }),
    createServiceFactory({
      service: coreServices.github,
      deps: {},
      create: () => GithubApi.fromConfig(internals.config, { logger: internals.rootLogger.child({ service: 'github' }) }),
    }),
    createServiceFactory({
      service: coreServices.discovery,
      deps: {},
      create: () => ({ getInternalOrigin: () => internals.internalOrigin() }),
    }),
  ] as ServiceFactory[];
}
