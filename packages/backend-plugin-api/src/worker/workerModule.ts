import fs from 'node:fs';
import path from 'node:path';

/**
 * Where to start a plugin's worker thread from. A plugin names its worker's
 * source, `new URL('./name.worker.ts', import.meta.url)`:
 * - run from sources (tests, `npm run dev`), that file is used, through a
 *   small TypeScript loader;
 * - in the built server, the backend's build bundles every
 *   `plugins/<id>/src/backend/**\/*.worker.ts` as `dist/workers/<name>.worker.mjs`
 *   (packages/backend/vite.config.ts), found beside the code that asks.
 */
export function workerModule(source: URL): { url: URL; execArgv: string[] } {
  if (source.pathname.endsWith('.ts') && fs.existsSync(source)) {
    return { url: source, execArgv: ['--import', new URL('./registerTsLoader.mjs', import.meta.url).href] };
  }
  const name = path.basename(source.pathname).replace(/\.ts$/, '.mjs');
  // The asking code is in dist/main.mjs or in a chunk under dist/assets/.
  for (const candidate of [new URL(`./workers/${name}`, source), new URL(`../workers/${name}`, source)]) {
    if (fs.existsSync(candidate)) return { url: candidate, execArgv: [] };
  }
  throw new Error(`The worker module ${name} is not in this build of the server; run npm run build`);
}
