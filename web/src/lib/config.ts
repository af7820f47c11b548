/**
 * Runtime configuration, read once from `/config.json` so one build serves every environment.
 * The auth block is a tagged union: `local` sign-in on one machine (`npm start`), `oidc` in the
 * cloud (Cognito's managed login, or any OpenID Connect issuer such as a province's 统一身份认证);
 * auth/providers.ts has one provider per kind, and nothing else branches on it.
 */
export interface LocalAuthConfig {
  kind: 'local';
  tokenUrl: string;
  accountsUrl: string;
}

/** Authorization code flow with PKCE against an OpenID Connect issuer (auth/oidc.ts). */
export interface OidcAuthConfig {
  kind: 'oidc';
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Space-separated; must include `openid`, since the ID token is what the API accepts. */
  scope: string;
  /** Opened as given after signing out here, to end the issuer's session too. */
  logoutUrl?: string;
  /** The sign-in button's text, e.g. the issuer's own name; the app's wording when absent. */
  label?: string;
}

export type AuthConfig = LocalAuthConfig | OidcAuthConfig;

export interface RuntimeConfig {
  apiBase: string;
  auth: AuthConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(source: Record<string, unknown>, key: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`config.json: ${key} is missing`);
  return value;
}

function optionalText(source: Record<string, unknown>, key: string): string | undefined {
  return source[key] === undefined ? undefined : text(source, key);
}

/** An absolute https URL; plain http only on loopback, for an issuer run on the developer's machine. */
function url(source: Record<string, unknown>, key: string): string {
  const value = text(source, key);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`config.json: auth.${key} is not an absolute URL: ${value}`);
  }
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new ConfigError(`config.json: auth.${key} must be an https URL: ${value}`);
  }
  return value;
}

function parseOidc(auth: Record<string, unknown>): OidcAuthConfig {
  const scope = text(auth, 'scope');
  if (!scope.split(/\s+/).includes('openid')) throw new ConfigError(`config.json: auth.scope must include openid (the API takes the ID token), got ${scope}`);
  const logoutUrl = auth.logoutUrl === undefined ? undefined : url(auth, 'logoutUrl');
  const label = optionalText(auth, 'label');
  return {
    kind: 'oidc',
    authorizeUrl: url(auth, 'authorizeUrl'),
    tokenUrl: url(auth, 'tokenUrl'),
    clientId: text(auth, 'clientId'),
    scope,
    ...(logoutUrl ? { logoutUrl } : {}),
    ...(label ? { label } : {}),
  };
}

/** Validates the file's shape; fails fast on anything the app could not work with. */
export function parseConfig(raw: unknown): RuntimeConfig {
  if (!isRecord(raw) || !isRecord(raw.auth)) throw new ConfigError('config.json: not an object with auth');
  const apiBase = text(raw, 'apiBase').replace(/\/+$/, '');
  const auth = raw.auth;
  switch (auth.kind) {
    case 'local':
      return { apiBase, auth: { kind: 'local', tokenUrl: text(auth, 'tokenUrl'), accountsUrl: text(auth, 'accountsUrl') } };
    case 'oidc':
      return { apiBase, auth: parseOidc(auth) };
    default:
      throw new ConfigError(`config.json: unsupported auth kind ${String(auth.kind)}`);
  }
}

let pending: Promise<RuntimeConfig> | undefined;

export function loadConfig(fetcher: typeof fetch = fetch): Promise<RuntimeConfig> {
  pending ??= fetcher('/config.json', { headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
      return parseConfig(await response.json());
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  return pending;
}
