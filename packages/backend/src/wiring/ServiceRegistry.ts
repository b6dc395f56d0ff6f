import type { ServiceFactory, ServiceRef } from '@callboard/backend-plugin-api';
import { StartupError } from '../StartupError.ts';

/**
 * Builds services on first use: root-scoped ones once, plugin-scoped ones
 * once per plugin. A factory's own deps resolve the same way.
 */
export class ServiceRegistry {
  private readonly instances = new Map<string, Promise<unknown>>();

  constructor(private readonly factories: ReadonlyMap<string, ServiceFactory>) {}

  get<T>(ref: ServiceRef<T>, pluginId: string, chain: string[] = []): Promise<T> {
    const factory = this.factories.get(ref.id);
    if (!factory) {
      throw new StartupError(`Service '${ref.id}' (needed by ${chain.at(-1) ?? pluginId}) has no factory`);
    }
    if (chain.includes(ref.id)) {
      throw new StartupError(`Services depend on each other in a circle: ${[...chain, ref.id].join(' → ')}`);
    }
    const scope = factory.service.scope;
    const key = scope === 'root' ? ref.id : `${pluginId}|${ref.id}`;
    let instance = this.instances.get(key);
    if (!instance) {
      instance = (async () => {
        const deps: Record<string, unknown> = {};
        for (const [name, depRef] of Object.entries(factory.deps)) {
          if (scope === 'root' && depRef.scope === 'plugin') {
            throw new StartupError(`Root service '${ref.id}' cannot depend on plugin-scoped service '${depRef.id}'`);
          }
          deps[name] = await this.get(depRef, pluginId, [...chain, ref.id]);
        }
        return factory.create(deps, { pluginId: scope === 'root' ? 'root' : pluginId });
      })();
      this.instances.set(key, instance);
    }
    return instance as Promise<T>;
  }
}
