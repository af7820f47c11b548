import { resolve } from 'node:path';
import type { Account } from '../../../scripts/local/auth';
import type { Role } from '../../../shared/roles';
import { useLocalStack } from '../../integration/support/stack';

/**
 * A local stack for one browser test file: its own tables and buckets on the shared engines, and a
 * gateway that serves the built web app (web/dist), local sign-in with the file's own accounts,
 * the API and the public snapshots — the same origin a browser sees under `npm start`.
 */
export const PASSWORD = 'browser-test-password';

export function account(username: string, name: string, groups: Role[], attributes: Account['attributes'] = {}): Account {
  return { username, password: PASSWORD, name, groups, attributes };
}

export interface BrowserStack {
  url: string;
  close(): Promise<void>;
}

export async function startBrowserStack(accounts: readonly Account[]): Promise<BrowserStack> {
  const { env } = await useLocalStack();
  const { createLocalIssuer } = await import('../../../scripts/local/auth');
  const { startGateway } = await import('../../../scripts/local/gateway');
  const { s3 } = await import('../../../functions/commons/clients');
  const { PutBucketCorsCommand } = await import('@aws-sdk/client-s3');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  const gateway = await startGateway({ issuer, accounts, s3, siteBucket: env.SITE_BUCKET ?? '', webRoot: resolve(import.meta.dirname, '../../../web/dist') });
  // Browsers PUT evidence straight to the bucket and fetch it back for the viewer, as the CDK
  // stack allows the site's origin to (infra/stacks/data-stack.ts).
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: env.EVIDENCE_BUCKET ?? '',
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [gateway.url], AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }],
      },
    }),
  );
  return { url: gateway.url, close: () => gateway.close() };
}
