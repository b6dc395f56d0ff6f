import type { ResolvedDeps, ServiceRef } from './refs.ts';

/**
 * Builds a service. Root services are built once; plugin-scoped services are
 * built once per plugin and receive that plugin's id.
 */
export interface ServiceFactory<T = unknown> {
  readonly $$type: 'ServiceFactory';
  readonly service: ServiceRef<T>;
  readonly deps: Record<string, ServiceRef<unknown>>;
  create(deps: Record<string, unknown>, context: { pluginId: string }): T | Promise<T>;
}

export function createServiceFactory<T, TDeps extends Record<string, ServiceRef<any>>>(options: {
  service: ServiceRef<T>;
  deps: TDeps;
  create(deps: ResolvedDeps<TDeps>, context: { pluginId: string }): T | Promise<T>;
}): ServiceFactory<T> {
  return {
    $$type: 'ServiceFactory',
    service: options.service,
    deps: options.deps,
    create: (deps, context) => options.create(deps as ResolvedDeps<TDeps>, context),
  };
}
