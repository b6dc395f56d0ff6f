import type {
  BackendFeature,
  BackendModule,
  BackendPlugin,
  DependencyRef,
  ExtensionPoint,
  ServiceFactory,
} from '@callboard/backend-plugin-api';
import { StartupError } from '../StartupError.ts';

export function featureName(feature: BackendFeature): string {
  return feature.$$type === 'BackendPlugin'
    ? `plugin '${feature.id}'`
    : `module '${feature.moduleId}' of plugin '${feature.pluginId}'`;
}

const RESERVED_IDS = new Set(['core', 'app', 'healthz', 'readyz']);

/**
 * Checks everything that can be checked before any code runs and returns the
 * order to initialise in. Order comes from the dependency graph alone (a
 * contributor before the owner of the extension point it contributes to, a
 * module before its plugin); ties break by name so it is stable.
 */
export function planStartup(
  features: readonly BackendFeature[],
  factories: ReadonlyMap<string, ServiceFactory>,
): BackendFeature[] {
  const plugins = new Map<string, BackendPlugin>();
  const modules = new Map<string, BackendModule>();
  for (const feature of features) {
    if (feature.$$type === 'BackendPlugin') {
      if (RESERVED_IDS.has(feature.id)) {
        throw new StartupError(`Plugin id '${feature.id}' is reserved by Callboard. Rename the plugin.`);
      }
      if (plugins.has(feature.id)) {
        throw new StartupError(
          `Two plugins have the id '${feature.id}'. Plugin ids must be unique: rename one of them in its createBackendPlugin call, or install only one.`,
        );
      }
      plugins.set(feature.id, feature);
    } else {
      const key = `${feature.pluginId}.${feature.moduleId}`;
      if (modules.has(key)) {
        throw new StartupError(`Module '${feature.moduleId}' of plugin '${feature.pluginId}' is installed twice. Remove one.`);
      }
      modules.set(key, feature);
    }
  }
  for (const mod of modules.values()) {
    if (!plugins.has(mod.pluginId)) {
      throw new StartupError(
        `Module '${mod.moduleId}' extends plugin '${mod.pluginId}', which is not installed or not enabled. Enable plugin '${mod.pluginId}' or remove the module.`,
      );
    }
  }

  const pointOwners = new Map<string, BackendPlugin>();
  for (const plugin of plugins.values()) {
    for (const point of plugin.extensionPoints) {
      const existing = pointOwners.get(point.id);
      if (existing) {
        throw new StartupError(`Extension point '${point.id}' is declared by both plugin '${existing.id}' and plugin '${plugin.id}'.`);
      }
      pointOwners.set(point.id, plugin);
    }
  }

  const nodeKey = (f: BackendFeature) => (f.$$type === 'BackendPlugin' ? f.id : `${f.pluginId}.${f.moduleId}`);
  const before = new Map<string, Set<string>>(); // key -> keys that must init first
  const all = [...plugins.values(), ...modules.values()];
  for (const f of all) before.set(nodeKey(f), new Set());

  for (const feature of all) {
    const key = nodeKey(feature);
    if (feature.$$type === 'BackendModule') before.get(feature.pluginId)!.add(key);
    for (const [depName, ref] of Object.entries(feature.deps) as [string, DependencyRef][]) {
      if (ref.$$type === 'ServiceRef') {
        if (!factories.has(ref.id)) {
          throw new StartupError(
            `The ${featureName(feature)} needs service '${ref.id}' (deps.${depName}), which nothing provides. Add a service factory for '${ref.id}' to the backend, or remove it from the deps of ${featureName(feature)}.`,
          );
        }
      } else if (ref.$$type === 'ExtensionPoint') {
        const owner = pointOwners.get(ref.id);
        if (!owner) {
          throw new StartupError(
            `The ${featureName(feature)} contributes to extension point '${ref.id}' (deps.${depName}), but no enabled plugin declares it. Enable plugin '${ref.id.split('.')[0]}' or remove the dependency.`,
          );
        }
        if (feature.$$type === 'BackendPlugin' && owner.id === feature.id) {
          throw new StartupError(`Plugin '${feature.id}' cannot contribute to its own extension point '${ref.id}'.`);
        }
        before.get(owner.id)!.add(key);
      } else {
        const point = (ref as { point: ExtensionPoint<unknown> }).point;
        const owner = pointOwners.get(point.id);
        if (!owner || feature.$$type !== 'BackendPlugin' || owner.id !== feature.id) {
          throw new StartupError(
            `The ${featureName(feature)} reads the contributions of extension point '${point.id}' (deps.${depName}), but only the plugin that declares it in extensionPoints may.`,
          );
        }
      }
    }
  }

  // Depth-first topological sort that reports the cycle it finds.
  const byKey = new Map(all.map((f) => [nodeKey(f), f] as const));
  const order: BackendFeature[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string) => {
    const s = state.get(key);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      throw new StartupError(
        `Circular dependency between ${cycle.join(' → ')}: each must start before the other. Break the cycle by moving one contribution into a module.`,
      );
    }
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of [...before.get(key)!].sort()) visit(dep);
    stack.pop();
    state.set(key, 'done');
    order.push(byKey.get(key)!);
  };
  for (const key of [...byKey.keys()].sort()) visit(key);
  return order;
}
