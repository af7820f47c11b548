import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/**
 * Component tests of the web app: Svelte components mounted in happy-dom, checked for their
 * labels, aria wiring and behaviour. Run with `npx vitest run --config web/vitest.config.ts`; the
 * root vitest.config.ts can take this in as a `web` project.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: repoRoot,
  cacheDir: 'node_modules/.vite/web-test',
  plugins: [svelte({ compilerOptions: { dev: true } })],
  resolve: { conditions: ['browser'] },
  test: {
    name: 'web',
    // Taken in as a project of the root config, this file's folder (web/) becomes the project root;
    // `dir` keeps the test files found from the repo root either way.
    dir: repoRoot,
    include: ['test/web/**/*.test.ts'],
    environment: 'happy-dom',
    // Above render.ts's PATIENCE_MS: a condition that never comes fails with its own message first.
    testTimeout: 60_000,
  },
});
