import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pluginsDir = fileURLToPath(new URL('../../plugins', import.meta.url));

/** Every plugin's `src/backend/**\/*.worker.ts`: worker threads, each bundled as an entry of its own (see workerModule). */
function workerEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.name.endsWith('.worker.ts')) entries[`workers/${item.name.replace(/\.ts$/, '')}`] = full;
    }
  };
  for (const plugin of fs.readdirSync(pluginsDir)) {
    const backend = path.join(pluginsDir, plugin, 'src', 'backend');
    if (fs.existsSync(backend)) walk(backend);
  }
  return entries;
}

/**
 * The server is bundled with Vite's SSR build so `import.meta.glob` finds the
 * installed plugins at build time, exactly as the app's build does. npm
 * dependencies stay external and load from node_modules.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { main: 'src/main.ts', ...workerEntries() },
      output: { entryFileNames: '[name].mjs', format: 'es' },
    },
  },
  ssr: { noExternal: [/^@callboard\//] },
  logLevel: 'warn',
});
