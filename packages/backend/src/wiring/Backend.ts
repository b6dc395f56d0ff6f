import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import {
  isBackendFeature,
  type BackendFeature,
  type BackendPlugin,
  type DependencyRef,
  type ExtensionPoint,
  type LoggerService,
  type ServiceFactory,
  type ServiceRef,
} from '@callboard/backend-plugin-api';
import { describeZodError } from '@callboard/common';
import { RootConfig } from '../config/RootConfig.ts';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { backendConfigSchema, type BackendConfig } from '../config/backendConfigSchema.ts';
import { createRootLogger } from '../logging/createRootLogger.ts';
import { DatabaseManager } from '../database/DatabaseManager.ts';
import { KnexScheduler } from '../scheduler/KnexScheduler.ts';
import { schedulerMigrations } from '../scheduler/schedulerMigrations.ts';
import { createHttpApp, type PluginMount } from '../http/createHttpApp.ts';
import { StartupError } from '../StartupError.ts';
import { createCoreServiceFactories } from './coreServiceFactories.ts';
import { LifecycleHooks } from './LifecycleHooks.ts';
import { ServiceRegistry } from './ServiceRegistry.ts';
import { featureName, planStartup } from './startupPlan.ts';

export interface BackendOptions {
  config: LoadedConfig;
  /** Every installed plugin and module; `backend.plugins` in config may narrow it. */
  features: readonly BackendFeature[];
  /** Extra service factories, or replacements for core ones (same service id). */
  services?: readonly ServiceFactory<any>[];
  appDistDir?: string;
  logger?: LoggerService;
}

/** Picks the enabled features, naming an unknown plugin and what is installed. */
export function selectFeatures(features: readonly BackendFeature[], enabledIds: string[] | undefined): BackendFeature[] {
  if (!enabledIds) return [...features];
  const installed = features.filter((f): f is BackendPlugin => f.$$type === 'BackendPlugin').map((p) => p.id);
  enabledIds.forEach((id, index) => {
    if (!installed.includes(id)) {
      throw new StartupError(
        `Invalid configuration: backend.plugins[${index}]: unknown plugin '${id}'. Installed plugins: ${installed.sort().join(', ') || 'none'}. Add the plugin under plugins/${id}, or remove '${id}' from backend.plugins.`,
      );
    }
  });
  return features.filter((f) => enabledIds.includes(f.$$type === 'BackendPlugin' ? f.id : f.pluginId));
}

export class Backend {
  private readonly rootConfig: RootConfig;
  private backendConfig: BackendConfig | undefined;
  private logger: LoggerService | undefined;
  private databases: DatabaseManager | undefined;
  private scheduler: KnexScheduler | undefined;
  private lifecycle: LifecycleHooks | undefined;
  private server: http.Server | undefined;
  private app: Express | undefined;
  private readonly mounts = new Map<string, PluginMount>();
  private ready = false;
  private stopping: Promise<void> | undefined;

  private constructor(private readonly options: BackendOptions) {
    this.rootConfig = RootConfig.from(options.config);
  }

  static create(options: BackendOptions): Backend {
    return new Backend(options);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The backend is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }

  get isListening(): boolean {
    return Boolean(this.server?.listening);
  }

  get isReady(): boolean {
    return this.ready;
  }

  get rootLogger(): LoggerService {
    if (!this.logger) throw new Error('The backend has not started');
    return this.logger;
  }

  /** Starts listening at once (so /healthz answers), then initialises plugins in dependency order. */
  async start(): Promise<void> {
    try {
      await this.startInternal();
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw error;
    }
  }

  private async startInternal(): Promise<void> {
    const config = this.rootConfig.section('backend', backendConfigSchema);
    this.backendConfig = config;
    const logger = this.options.logger ?? createRootLogger({ level: config.logLevel });
    this.logger = logger;

    const features = selectFeatures(this.options.features, config.plugins);
    this.databases = DatabaseManager.fromConfig(config.database, this.rootConfig.baseDir);
    this.lifecycle = new LifecycleHooks(logger);
    const factories = new Map<string, ServiceFactory>();
    const core = createCoreServiceFactories({
      config: this.rootConfig,
      rootLogger: logger,
      databases: this.databases,
      scheduler: () => {
        if (!this.scheduler) throw new Error('The scheduler is not ready');
        return this.scheduler;
      },
      mounts: this.mounts,
      lifecycle: this.lifecycle,
      internalOrigin: () => this.url,
    });
    for (const factory of [...core, ...(this.options.services ?? [])]) factories.set(factory.service.id, factory);

    const order = planStartup(features, factories);
    this.validatePluginConfig(features);

    const coreDb = await this.databases.forPlugin('core').connect({ migrations: schedulerMigrations });
    this.scheduler = KnexScheduler.create({
      knex: coreDb,
      logger: logger.child({ service: 'scheduler' }),
      pollIntervalMs: config.scheduler.pollIntervalMs,
    });

    this.app = createHttpApp({
      logger,
      mounts: this.mounts,
      isReady: () => this.ready,
      ...(this.options.appDistDir ? { appDistDir: this.options.appDistDir } : {}),
    });
    await this.listen(config);

    const registry = new ServiceRegistry(factories);
    const contributions = new Map<string, unknown[]>();
    for (const feature of order) {
      const pluginId = feature.$$type === 'BackendPlugin' ? feature.id : feature.pluginId;
      let open = true;
      const deps: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(feature.deps) as [string, DependencyRef][]) {
        if (ref.$$type === 'ServiceRef') {
          deps[name] = await registry.get(ref as ServiceRef<unknown>, pluginId);
        } else if (ref.$$type === 'ExtensionPoint') {
          const point = ref as ExtensionPoint<unknown>;
          deps[name] = {
            add: (item: unknown) => {
              if (!open) {
                throw new Error(`${featureName(feature)} added to '${point.id}' after its init finished; add during init`);
              }
              const list = contributions.get(point.id) ?? [];
              list.push(item);
              contributions.set(point.id, list);
            },
          };
        } else {
          deps[name] = Object.freeze([...(contributions.get(ref.point.id) ?? [])]);
        }
      }
      if (feature.$$type === 'BackendPlugin') {
        deps.config = feature.configSchema ? feature.configSchema.parse(this.rootConfig.get(feature.id)) : undefined;
      }
      try {
        await feature.init(deps);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.debug({ err: error }, `${featureName(feature)} failed to start`);
        throw new StartupError(`The ${featureName(feature)} failed to start: ${message}`, { cause: error });
      } finally {
        open = false;
      }
      // The httpRouter service made the plugin's mount when the plugin asked for it.
      const mount = feature.$$type === 'BackendPlugin' ? this.mounts.get(feature.id) : undefined;
      if (mount) mount.isReady = () => true;
    }
    await this.lifecycle.runStartup();
    this.scheduler.start();
    this.ready = true;
    logger.info({ url: this.url, plugins: order.filter(isBackendFeature).map((f) => featureName(f)) }, `Callboard is ready at ${this.url}`);
  }

  private validatePluginConfig(features: readonly BackendFeature[]): void {
    const problems: string[] = [];
    for (const feature of features) {
      if (feature.$$type !== 'BackendPlugin' || !feature.configSchema) continue;
      const result = feature.configSchema.safeParse(this.rootConfig.get(feature.id));
      if (!result.success) problems.push(describeZodError(result.error, feature.id));
    }
    if (problems.length) throw new StartupError(`Invalid configuration: ${problems.join('; ')}`);
  }

  private listen(config: BackendConfig): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = http.createServer(this.app);
      server.keepAliveTimeout = 65_000;
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          reject(
            new StartupError(
              `Port ${config.listen.port} on ${config.listen.host} is already in use. Stop the other process or set backend.listen.port in app-config.local.yaml.`,
            ),
          );
        } else reject(error);
      });
      server.listen(config.listen.port, config.listen.host, () => {
        this.server = server;
        resolve();
      });
    });
  }

  /** Stops taking connections, lets in-flight requests finish, runs shutdown hooks, closes the databases. */
  stop(): Promise<void> {
    this.stopping ??= this.stopInternal();
    return this.stopping;
  }

  private async stopInternal(): Promise<void> {
    this.ready = false;
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeoutMs = this.backendConfig?.shutdownTimeoutMs ?? 10_000;
      const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
      // Keep-alive sockets that go idle after their last response must be closed too.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      await closed;
      clearTimeout(timer);
      clearInterval(idle);
    }
    await this.scheduler?.stop();
    await this.lifecycle?.runShutdown();
    await this.databases?.close();
    this.logger?.info('Callboard stopped');
    this.logger?.flush?.();
  }
}
