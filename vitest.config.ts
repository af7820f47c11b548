import { defineConfig } from 'vitest/config';

// Two tiers, one command: `unit` needs no network or AWS; `integration` runs the real engines
// (DynamoDB Local, the S3-compatible server) on loopback, started once per run by the global setup.
export default defineConfig({
  test: {
    projects: [
      // Svelte components mounted in happy-dom (labels, aria wiring, behaviour).
      'web/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The web app in Debian's Chromium against an in-process local stack (test/browser/).
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts', 'test/browser/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
        },
      },
    ],
  },
});
