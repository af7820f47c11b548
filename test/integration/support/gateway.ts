import type { Role } from '../../../shared/roles';
import type { Account } from '../../../scripts/local/auth';
import { useLocalStack } from './stack';

/**
 * A whole local stack for one test file: its own tables and buckets, the local gateway on a free
 * port with a fresh signing key, and a small HTTP client. Tests sign in as accounts they define.
 */
export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

export interface ApiClient {
  get<T = unknown>(path: string): Promise<ApiReply<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply<T>>;
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply<T>>;
  delete<T = unknown>(path: string): Promise<ApiReply<T>>;
}

export interface TestStack {
  url: string;
  env: Record<string, string>;
  /** a client signed in as the account (created on first use), or anonymous without one */
  as(account?: Account): Promise<ApiClient>;
  /** the bearer token of the account, for requests the client cannot shape (raw bytes, other media types) */
  token(account: Account): Promise<string>;
  /** Sets the request time handlers see (API Gateway's requestContext.timeEpoch); undefined: real time. */
  setNow(now: Date | undefined): void;
  close(): Promise<void>;
}

export function testAccount(username: string, groups: Role[], attributes: Account['attributes'] = {}): Account {
  return { username, password: 'test-password', name: username, groups, attributes };
}

export async function startTestStack(): Promise<TestStack> {
  const { env } = await useLocalStack();
  const { createLocalIssuer } = await import('../../../scripts/local/auth');
  const { startGateway } = await import('../../../scripts/local/gateway');
  const { s3 } = await import('../../../functions/commons/clients');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  let fixedNow: Date | undefined;
  const gateway = await startGateway({ issuer, accounts: [], s3, siteBucket: env.SITE_BUCKET ?? '', now: () => fixedNow ?? new Date() });

  const client = (token: string | undefined): ApiClient => {
    const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply<T>> => {
      const response = await fetch(`${gateway.url}/api${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    };
    return {
      get: (path) => call('GET', path),
      post: (path, body, headers) => call('POST', path, body, headers),
      put: (path, body, headers) => call('PUT', path, body, headers),
      delete: (path) => call('DELETE', path),
    };
  };

  return {
    url: gateway.url,
    env,
    async as(account) {
      return client(account ? await issuer.issue(account) : undefined);
    },
    token: (account) => issuer.issue(account),
    setNow(now) {
      fixedNow = now;
    },
    close: () => gateway.close(),
  };
}
