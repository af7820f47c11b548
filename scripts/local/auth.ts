import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { CLAIMS, type Role } from '../../shared/roles';

/**
 * Local sign-in: ID tokens shaped like Cognito's (`cognito:groups`, `custom:*` scope attributes,
 * `token_use: id`), signed with a local RS256 key and verified the way API Gateway's JWT authorizer
 * verifies them (signature, issuer, audience, expiry). Handlers never see this module: they read the
 * claims the gateway puts into the event, exactly as in AWS.
 */
export const LOCAL_AUDIENCE = 'pilotops-local';
const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

export interface Account {
  username: string;
  password: string;
  name: string;
  groups: Role[];
  /** `province` names a provincial supervisor's province (003 §三(三) 省级工业和信息化部门; its scope rule is issue 12's) */
  attributes: Partial<Record<'uscc' | 'town' | 'pilot' | 'provider' | 'data_unit' | 'province', string>>;
}

export interface LocalIssuer {
  issuer: string;
  issue(account: Account, now?: Date): Promise<string>;
  /** Verified claims, or undefined for a missing, malformed, expired or foreign token. */
  verify(token: string): Promise<JWTPayload | undefined>;
}

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<StoredKey> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stored = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(stored), { mode: 0o600 });
  }
  return stored;
}

/** `keyFile` keeps the key across restarts (the main command); tests pass none and get a fresh key. */
export async function createLocalIssuer(issuer: string, keyFile?: string): Promise<LocalIssuer> {
  const stored = await loadOrCreateKey(keyFile);
  const privateKey = (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk, 'RS256')) as CryptoKey;
  return {
    issuer,
    async issue(account, now = new Date()) {
      const claims: JWTPayload = {
        [CLAIMS.groups]: account.groups,
        [CLAIMS.name]: account.name,
        'cognito:username': account.username,
        token_use: 'id',
      };
      for (const [key, value] of Object.entries(account.attributes)) {
        if (value) claims[`custom:${key}`] = value;
      }
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'local' })
        .setSubject(account.username)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer, audience: LOCAL_AUDIENCE, algorithms: ['RS256'] });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * API Gateway's HTTP API hands JWT claims to the integration as strings; an array becomes "[a b]"
 * and numbers become their decimal text. Reproduce that so handlers meet the same shapes locally.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [key, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}
