import { defineConfig } from 'vite';

/**
 * The server is bundled with Vite's SSR build so `import.meta.glob` finds the
 * installed plugins at build time, exactly as the app's build does. npm
 * dependencies stay external and load from node_modules.
 */
export default defineConfig({
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'main.mjs', format: 'es' } },
  },
  ssr: { noExternal: [/^@callboard\//] },
  logLevel: 'warn',
});
