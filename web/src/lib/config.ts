/**
 * Runtime configuration, read once from `/config.json` so one build serves every environment.
 * The auth block is a tagged union: local sign-in today, Cognito next (add its variant here and a
 * provider in auth/providers.ts; nothing else branches on the kind).
 */
export interface LocalAuthConfig {
  kind: 'local';
  tokenUrl: string;
  accountsUrl: string;
}

export type AuthConfig = LocalAuthConfig;

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

/** Validates the file's shape; fails fast on anything the app could not work with. */
export function parseConfig(raw: unknown): RuntimeConfig {
  if (!isRecord(raw) || !isRecord(raw.auth)) throw new ConfigError('config.json: not an object with auth');
  const apiBase = text(raw, 'apiBase').replace(/\/+$/, '');
  const auth = raw.auth;
  switch (auth.kind) {
    case 'local':
      return { apiBase, auth: { kind: 'local', tokenUrl: text(auth, 'tokenUrl'), accountsUrl: text(auth, 'accountsUrl') } };
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
