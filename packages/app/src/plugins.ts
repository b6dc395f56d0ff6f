import { collectPlugins } from './collectPlugins.ts';

// Each plugin's frontend index is small (its pages are lazy chunks), so eager
// discovery costs little and adding a plugin folder is all it takes.
const modules = import.meta.glob<Record<string, unknown>>('../../../plugins/*/src/frontend/index.ts', { eager: true });

export const plugins = collectPlugins(modules);
