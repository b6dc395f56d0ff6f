import { isBackendFeature, type BackendFeature } from '@callboard/backend-plugin-api';

/**
 * Every folder under plugins/ with a backend entry point is installed: the
 * bundler finds them at build time, so adding a plugin is adding a folder.
 */
const pluginModules = import.meta.glob<Record<string, unknown>>('../../../plugins/*/src/backend/index.ts');

export async function loadInstalledFeatures(): Promise<BackendFeature[]> {
  const modules = await Promise.all(Object.values(pluginModules).map((load) => load()));
  return modules.flatMap((mod) => Object.values(mod).filter(isBackendFeature));
}
