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
  const { allowSiteOrigin } = await import('../../../scripts/local/bootstrap');
  const { s3 } = await import('../../../functions/commons/clients');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  const gateway = await startGateway({ issuer, accounts, s3, siteBucket: env.SITE_BUCKET ?? '', webRoot: resolve(import.meta.dirname, '../../../web/dist') });
  await allowSiteOrigin(s3, env.EVIDENCE_BUCKET ?? '', [gateway.url]);
  return { url: gateway.url, close: () => gateway.close() };
}
