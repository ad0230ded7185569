import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: Preact (JSX compiled by Vite's own transform), built to apps/web/dist, which every way of running
// the system serves at `/`. It imports only @choice-sherpa/client (libs/client) besides Preact.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // absolute: index.html is also the answer to a path like /sessions/<id> (links in emails)
  base: '/',
  resolve: {
    alias: { '@choice-sherpa/client': fileURLToPath(new URL('../../libs/client/src/index.ts', import.meta.url)) },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
