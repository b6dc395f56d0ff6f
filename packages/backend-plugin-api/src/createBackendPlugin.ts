import type { z } from 'zod';
import type { DependencyRef, ExtensionPoint, ResolvedDeps } from './refs.ts';

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface BackendPlugin {
  readonly $$type: 'BackendPlugin';
  readonly id: string;
  readonly deps: Record<string, DependencyRef>;
  readonly extensionPoints: readonly ExtensionPoint<unknown>[];
  readonly configSchema?: z.ZodType;
  init(deps: Record<string, unknown>): Promise<void>;
}

export interface BackendModule {
  readonly $$type: 'BackendModule';
  /** The plugin this module extends; it initialises just before that plugin. */
  readonly pluginId: string;
  readonly moduleId: string;
  readonly deps: Record<string, DependencyRef>;
  init(deps: Record<string, unknown>): Promise<void>;
}

export type BackendFeature = BackendPlugin | BackendModule;

type NoConfig = { config?: never };

/**
 * Declares a backend plugin: its id (mounted at /api/<id>), what it needs,
 * an optional zod schema for its app-config section, and a plain `init`.
 * The config section is validated before any plugin starts.
 */
export function createBackendPlugin<
  TDeps extends Record<string, DependencyRef> & NoConfig,
  TConfig extends z.ZodType | undefined = undefined,
>(options: {
  id: string;
  deps: TDeps;
  config?: TConfig;
  extensionPoints?: readonly ExtensionPoint<any>[];
  init(
    deps: ResolvedDeps<TDeps> & { config: TConfig extends z.ZodType ? z.output<TConfig> : undefined },
  ): void | Promise<void>;
}): BackendPlugin {
  if (!PLUGIN_ID.test(options.id)) {
    throw new TypeError(`Plugin id '${options.id}' must be kebab-case, e.g. 'my-plugin'`);
  }
  for (const point of options.extensionPoints ?? []) {
    if (!point.id.startsWith(`${options.id}.`)) {
      throw new TypeError(
        `Plugin '${options.id}' declares extension point '${point.id}'; its id must start with '${options.id}.'`,
      );
    }
  }
  return {
    $$type: 'BackendPlugin',
    id: options.id,
    deps: options.deps,
    extensionPoints: options.extensionPoints ?? [],
    ...(options.config ? { configSchema: options.config } : {}),
    async init(deps) {
      await options.init(deps as never);
    },
  };
}

/** Extends a plugin (typically through its extension points) without touching its code. */
export function createBackendModule<TDeps extends Record<string, DependencyRef>>(options: {
  pluginId: string;
  moduleId: string;
  deps: TDeps;
  init(deps: ResolvedDeps<TDeps>): void | Promise<void>;
}): BackendModule {
  return {
    $$type: 'BackendModule',
    pluginId: options.pluginId,
    moduleId: options.moduleId,
    deps: options.deps,
    async init(deps) {
      await options.init(deps as never);
    },
  };
}

export function isBackendFeature(value: unknown): value is BackendFeature {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as BackendFeature).$$type === 'BackendPlugin' || (value as BackendFeature).$$type === 'BackendModule')
  );
}
