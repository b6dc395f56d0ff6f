import { defineConfig } from 'vite';

/**
 * The CLI is bundled like the server: Callboard's own TypeScript packages
 * (the TechDocs renderer) go into dist/callboard.mjs, npm packages stay external.
 */
export default defineConfig({
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'callboard.mjs', format: 'es' } },
  },
  ssr: { noExternal: [/^@callboard\//] },
  logLevel: 'warn',
});
