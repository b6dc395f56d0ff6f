import { isFrontendPlugin, type FrontendPlugin } from '@callboard/frontend-plugin-api';

/**
 * Every plugin exported by the discovered modules, in path order. A second
 * plugin with an id already taken is left out and named in the console, so a
 * copied folder cannot silently replace the original's pages.
 */
export function collectPlugins(modules: Record<string, Record<string, unknown>>): FrontendPlugin[] {
  const byId = new Map<string, { plugin: FrontendPlugin; source: string }>();
  for (const source of Object.keys(modules).sort()) {
    for (const value of Object.values(modules[source] ?? {})) {
      if (!isFrontendPlugin(value)) continue;
      const existing = byId.get(value.id);
      if (!existing) {
        byId.set(value.id, { plugin: value, source });
      } else if (existing.plugin !== value) {
        console.error(
          `Frontend plugin id '${value.id}' is used twice: in ${existing.source} and in ${source}. ` +
            `Only the first is loaded; give each plugin its own id.`,
        );
      }
    }
  }
  return [...byId.values()].map((entry) => entry.plugin);
}
