import { collectPlugins } from './collectPlugins.ts';
import * as demo from './zzDemoPlugin.tsx';
const modules = import.meta.glob<Record<string, unknown>>('../../../plugins/*/src/frontend/index.ts', { eager: true });
export const plugins = collectPlugins({ ...modules, demo });
