import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/**
 * The static web app. Root is `web/`; the build lands in `web/dist`, which the local gateway and
 * CloudFront serve with an SPA fallback to index.html. Shared schemas are imported from `../shared`
 * by relative path, so the dev server must be allowed to read the repo root.
 */
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// `npm run dev:web` proxies everything that is not the app to a running local stack (`npm start`).
const gateway = process.env.PILOTOPS_GATEWAY ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  // Keep Vite's cache with the repo's node_modules rather than creating web/node_modules.
  cacheDir: '../node_modules/.vite/web',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // bench/web.ts reads which files each page needs from here.
    manifest: true,
    // The chart library (ECharts core + line/bar) is one lazy chunk of ~520 KB (~175 KB gzip) by design.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Name the library chunks, so the Svelte runtime and zod are cached apart from app code and
        // a glance at dist/assets shows which pages pull in the schemas.
        codeSplitting: {
          groups: [
            { name: 'svelte', test: /node_modules[\\/]svelte[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // Only ever reached through lib/charts/ChartPanel's dynamic import: loaded after the numbers.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': gateway,
      '/local-auth': gateway,
      '/data': gateway,
      '/config.json': gateway,
    },
  },
});
