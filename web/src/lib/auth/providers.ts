import type { AuthConfig, LocalAuthConfig } from '../config';
import { networkError, toApiError } from '../api/errors';
import { oidcProvider, type RedirectContext } from './oidc';

/**
 * How a person signs in. One provider per `auth.kind` in config.json; the session and the pages only
 * see these interfaces. Local sign-in takes a username and password on our own form; OpenID Connect
 * sends the browser to the issuer and completes on /login/callback. Either ends with an ID token.
 */
export interface SignedIn {
  idToken: string;
  username: string;
}

export interface DemoAccount {
  username: string;
  name: string;
  groups: string[];
}

export interface LocalAuthProvider {
  readonly kind: 'local';
  signIn(username: string, password: string): Promise<SignedIn>;
  /** Demo accounts to offer on the login page; only local sign-in has them. */
  demoAccounts?: () => Promise<DemoAccount[]>;
  /** The shared password of the demo accounts, shown beside them. */
  readonly demoPassword?: string;
}

/** A completed redirect sign-in, with the in-app path it was started from. */
export interface CompletedSignIn extends SignedIn {
  next: string;
}

export interface OidcAuthProvider {
  readonly kind: 'oidc';
  /** The sign-in button's text from config.json, if it names one. */
  readonly label?: string;
  /** Leaves for the issuer's sign-in page; comes back to /login/callback, then to `next`. */
  beginSignIn(next: string | null): Promise<void>;
  /** Checks the callback URL against this tab's request and exchanges its code for the ID token. */
  completeSignIn(callbackUrl: string): Promise<CompletedSignIn>;
  /** The issuer's sign-out page, if configured: signing out here alone would leave its session open. */
  signOutUrl(): string | undefined;
}

export type AuthProvider = LocalAuthProvider | OidcAuthProvider;

// scripts/demo/accounts.ts DEMO_PASSWORD: every local demo account signs in with it.
export const LOCAL_DEMO_PASSWORD = 'pilot2026';

async function postJson(fetcher: typeof fetch, url: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, payload);
  return payload;
}

function readSignedIn(payload: unknown, fallbackUsername: string): SignedIn {
  const value = payload as Partial<SignedIn> | undefined;
  if (typeof value?.idToken !== 'string' || value.idToken.length === 0) throw toApiError(500, undefined);
  return { idToken: value.idToken, username: typeof value.username === 'string' ? value.username : fallbackUsername };
}

function readAccounts(payload: unknown): DemoAccount[] {
  if (!Array.isArray(payload)) return [];
  return payload.flatMap((item: unknown) => {
    const account = item as Partial<DemoAccount> | null;
    if (typeof account?.username !== 'string') return [];
    return [{ username: account.username, name: typeof account.name === 'string' ? account.name : account.username, groups: Array.isArray(account.groups) ? account.groups.map(String) : [] }];
  });
}

function localProvider(config: LocalAuthConfig, fetcher: typeof fetch): LocalAuthProvider {
  return {
    kind: 'local',
    demoPassword: LOCAL_DEMO_PASSWORD,
    signIn: async (username, password) => readSignedIn(await postJson(fetcher, config.tokenUrl, { username, password }), username),
    demoAccounts: async () => {
      let response: Response;
      try {
        response = await fetcher(config.accountsUrl, { headers: { accept: 'application/json' } });
      } catch {
        throw networkError();
      }
      if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
      return readAccounts(await response.json());
    },
  };
}

/** `redirect` is the page a redirect sign-in leaves from and returns to; only `oidc` needs it. */
export function createAuthProvider(config: AuthConfig, fetcher: typeof fetch = fetch, redirect?: RedirectContext): AuthProvider {
  switch (config.kind) {
    case 'local':
      return localProvider(config, fetcher);
    case 'oidc':
      if (!redirect) throw new Error('oidc sign-in needs the page location (AppDependencies.location)');
      return oidcProvider(config, fetcher, redirect);
    default: {
      const unsupported: never = config;
      throw new Error(`unsupported auth kind ${String((unsupported as AuthConfig).kind)}`);
    }
  }
}
