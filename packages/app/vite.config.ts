import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Overridable so a second backend (tests, a teammate's) can sit behind the dev server.
const backend = process.env['CALLBOARD_BACKEND_URL'] ?? 'http://localhost:7007';

// Vite reads the config's default export; this is the one file that has one.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    strictPort: true,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    emptyOutDir: true,
  },
});
