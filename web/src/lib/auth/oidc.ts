import type { OidcAuthConfig } from '../config';
import { t } from '../i18n';
import { paths, safeNext } from '../paths';
import type { CompletedSignIn, OidcAuthProvider } from './providers';
import { tokenClaims } from './token';

/**
 * Sign-in against an OpenID Connect issuer (Cognito's managed login, or a province's 统一身份认证):
 * the authorization code flow with PKCE (RFC 7636, S256) as a public client, so no secret lives in
 * the browser. The verifier, `state` and `nonce` wait in sessionStorage for the round trip only.
 *
 * The ID token is what the API's JWT authorizer accepts (its audience is this client). It comes
 * straight from the token endpoint over TLS, so its signature is left to that authorizer (OpenID
 * Connect Core 3.1.3.7 allows this); here the nonce and the audience tie it to this tab's request.
 */
export type OidcErrorCode = 'issuer' | 'no_pending' | 'state_mismatch' | 'exchange_failed' | 'invalid_id_token' | 'storage_unavailable';

export class OidcError extends Error {
  override name = 'OidcError';
  readonly code: OidcErrorCode;
  /** The issuer's `error` parameter (e.g. `access_denied`), for code `issuer`. */
  readonly issuerError: string | undefined;
  /** Where the failed sign-in was going, so a retry can go there too. */
  readonly next: string | undefined;

  constructor(code: OidcErrorCode, options: { issuerError?: string; next?: string } = {}) {
    super(`sign-in failed: ${code}`);
    this.code = code;
    this.issuerError = options.issuerError;
    this.next = options.next;
  }
}

/** What a redirect sign-in needs of the page; main.ts hands in the window's, tests a fake. */
export interface RedirectContext {
  /** The site's origin; the issuer sends the browser back to `<origin>/login/callback`. */
  origin: string;
  storage: Storage | undefined;
  /** Leaves the app for the issuer's page (`location.assign`). */
  assign(url: string): void;
}

export const PENDING_STORAGE_KEY = 'pilotops.oidc.pending';

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as base64url: 43 characters of [A-Za-z0-9_-], RFC 7636's minimum verifier length. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636 4.2, S256: base64url(SHA-256(ASCII(verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export interface AuthorizeRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  challenge: string;
}

/** The issuer's authorize URL for one request; parameters the config already carries (Cognito's `lang`) stay. */
export function authorizeUrl(config: OidcAuthConfig, request: AuthorizeRequest): string {
  const url = new URL(config.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: request.redirectUri,
    scope: config.scope,
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    ui_locales: 'zh-CN',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Read once and removed: a reloaded callback page or a replayed link finds nothing to complete. */
function takePending(storage: Storage | undefined): Pending | undefined {
  const raw = storage?.getItem(PENDING_STORAGE_KEY) ?? null;
  storage?.removeItem(PENDING_STORAGE_KEY);
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Pending> | null;
    const fields = [value?.state, value?.nonce, value?.verifier, value?.next];
    return fields.every((field) => typeof field === 'string' && field.length > 0) ? (value as Pending) : undefined;
  } catch {
    return undefined;
  }
}

async function exchangeCode(fetcher: typeof fetch, config: OidcAuthConfig, form: Record<string, string>, next: string): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
  } catch {
    throw new OidcError('exchange_failed', { next });
  }
  const payload = (await response.json().catch(() => undefined)) as { id_token?: unknown } | undefined;
  if (!response.ok || typeof payload?.id_token !== 'string' || payload.id_token === '') throw new OidcError('exchange_failed', { next });
  return payload.id_token;
}

function audienceIncludes(aud: unknown, clientId: string): boolean {
  return aud === clientId || (Array.isArray(aud) && aud.includes(clientId));
}

function firstText(claims: Record<string, unknown>, names: string[]): string {
  for (const name of names) {
    const value = claims[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

export function oidcProvider(config: OidcAuthConfig, fetcher: typeof fetch, context: RedirectContext): OidcAuthProvider {
  const redirectUri = context.origin + paths.loginCallback();
  return {
    kind: 'oidc',
    ...(config.label ? { label: config.label } : {}),

    async beginSignIn(next) {
      const pending: Pending = { state: randomToken(), nonce: randomToken(), verifier: randomToken(), next: safeNext(next) };
      const challenge = await pkceChallenge(pending.verifier);
      try {
        if (!context.storage) throw new Error('no sessionStorage');
        context.storage.setItem(PENDING_STORAGE_KEY, JSON.stringify(pending));
      } catch {
        // Without it the callback could not check state or send the verifier: refuse now, not after the issuer.
        throw new OidcError('storage_unavailable');
      }
      context.assign(authorizeUrl(config, { redirectUri, state: pending.state, nonce: pending.nonce, challenge }));
    },

    async completeSignIn(callbackUrl): Promise<CompletedSignIn> {
      const params = new URL(callbackUrl, context.origin).searchParams;
      const pending = takePending(context.storage);
      const next = pending?.next;
      const issuerError = params.get('error');
      if (issuerError !== null) throw new OidcError('issuer', { issuerError, ...(next ? { next } : {}) });
      if (!pending) throw new OidcError('no_pending');
      if (params.get('state') !== pending.state) throw new OidcError('state_mismatch', { next: pending.next });
      const code = params.get('code');
      if (!code) throw new OidcError('exchange_failed', { next: pending.next });

      const idToken = await exchangeCode(
        fetcher,
        config,
        { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: config.clientId, code_verifier: pending.verifier },
        pending.next,
      );
      const claims = tokenClaims(idToken);
      if (!claims || claims.nonce !== pending.nonce || !audienceIncludes(claims.aud, config.clientId)) {
        throw new OidcError('invalid_id_token', { next: pending.next });
      }
      return { idToken, username: firstText(claims, ['email', 'preferred_username', 'cognito:username', 'sub']), next: pending.next };
    },

    signOutUrl: () => config.logoutUrl,
  };
}

/**
 * What to tell the user. The issuer's `error` is shown only when it looks like an OAuth error code:
 * anyone can craft a callback link, and a free-text `error` or `error_description` would let them
 * put their own words on this site's page.
 */
export function oidcErrorMessage(error: OidcError): string {
  switch (error.code) {
    case 'issuer':
      if (error.issuerError === 'access_denied') return t('login.oidc.error.denied');
      return t('login.oidc.error.issuer', { error: /^[a-z0-9_.-]{1,64}$/i.test(error.issuerError ?? '') ? (error.issuerError ?? '') : '?' });
    case 'no_pending':
      return t('login.oidc.error.noPending');
    case 'state_mismatch':
      return t('login.oidc.error.stateMismatch');
    case 'exchange_failed':
      return t('login.oidc.error.exchangeFailed');
    case 'invalid_id_token':
      return t('login.oidc.error.invalidToken');
    case 'storage_unavailable':
      return t('login.oidc.error.storageUnavailable');
  }
}
