/**
 * How every function is bundled, in one place: the CDK construct and the bundle benchmark both use it.
 * The Node.js 22 runtime carries the AWS SDK v3, so `@aws-sdk/*` stays out of the bundle.
 */
export const BUNDLING = {
  target: 'node22',
  minify: true,
  sourceMap: false,
  externalModules: ['@aws-sdk/*'],
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: "import { createRequire as __pilotRequire } from 'node:module'; const require = __pilotRequire(import.meta.url);",
} as const;
