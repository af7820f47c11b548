import { describe, expect, it } from 'vitest';
import { DOSSIER_ROLES, isOfficial, REGISTER_ROLES } from '../../../web/src/lib/access';
import { parseConfig } from '../../../web/src/lib/config';
import { isTokenExpired, tokenExpiresAt } from '../../../web/src/lib/auth/token';
import { paths, safeNext } from '../../../web/src/lib/paths';
import { findRoute } from '../../../web/src/lib/route-match';

const routes = [{ pattern: '/' }, { pattern: '/pilots/:pilotId' }, { pattern: '/enterprises/:uscc/dossier' }];
const fallback = { pattern: '*' };

describe('page routing', () => {
  it('matches patterns and decodes parameters', () => {
    expect(findRoute('/pilots/wuqing-tech', routes, fallback)).toEqual({ route: routes[1], params: { pilotId: 'wuqing-tech' } });
    expect(findRoute('/pilots/%E6%AD%A6%E6%B8%85/', routes, fallback).params).toEqual({ pilotId: '武清' });
    expect(findRoute('/', routes, fallback).route).toBe(routes[0]);
  });

  it('falls back for unknown paths and malformed escapes', () => {
    expect(findRoute('/pilots', routes, fallback).route).toBe(fallback);
    expect(findRoute('/pilots/%E0%A4%A', routes, fallback).route).toBe(fallback);
  });

  it('builds links that round-trip through the matcher', () => {
    const link = paths.dossier('91120114MA05T8K3X0');
    expect(findRoute(link, routes, fallback).params).toEqual({ uscc: '91120114MA05T8K3X0' });
    expect(paths.login('/workbench?x=1')).toBe('/login?next=%2Fworkbench%3Fx%3D1');
  });

  it('takes /providers/new for the registration page, not for a provider called “new”', async () => {
    const { matchRoute } = await import('../../../web/src/lib/routes');
    expect(matchRoute(paths.registerProvider('wuqing-tech'))).toMatchObject({ route: { name: 'registerProvider', roles: ['provider'] }, params: { pilotId: 'wuqing-tech' } });
    expect(matchRoute(paths.provider('wuqing-tech', 'prov-zhizaoyun')).route.name).toBe('provider');
  });

  it('only returns to same-app paths after signing in', () => {
    expect(safeNext('/enterprise/register')).toBe('/enterprise/register');
    expect(safeNext('//evil.example/')).toBe('/workbench');
    expect(safeNext('https://evil.example/')).toBe('/workbench');
    expect(safeNext(null)).toBe('/workbench');
  });
});

describe('who may open which page, read from shared/routes.ts', () => {
  it('offers registration to enterprises and the dossier to its offices', () => {
    expect(REGISTER_ROLES).toEqual(['enterprise']);
    expect(DOSSIER_ROLES).toContain('town');
    expect(DOSSIER_ROLES).not.toContain('expert');
    expect(isOfficial({ roles: ['expert'] })).toBe(true);
    expect(isOfficial({ roles: ['enterprise'] })).toBe(false);
  });
});

describe('runtime config and tokens', () => {
  it('reads the local sign-in config and trims the API base', () => {
    expect(parseConfig({ apiBase: '/api/', auth: { kind: 'local', tokenUrl: '/local-auth/token', accountsUrl: '/local-auth/accounts' } })).toEqual({
      apiBase: '/api',
      auth: { kind: 'local', tokenUrl: '/local-auth/token', accountsUrl: '/local-auth/accounts' },
    });
  });

  it('fails fast on an auth kind it does not know or a missing URL', () => {
    expect(() => parseConfig({ apiBase: '/api', auth: { kind: 'saml' } })).toThrow(/unsupported auth kind/);
    expect(() => parseConfig({ apiBase: '/api', auth: { kind: 'local', tokenUrl: '/t' } })).toThrow(/accountsUrl/);
  });

  it('reads a token’s expiry without verifying it', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'u1', exp: 1_800_000_000 })).toString('base64url');
    const token = `header.${payload}.signature`;
    expect(tokenExpiresAt(token)).toBe(1_800_000_000_000);
    expect(isTokenExpired(token, 1_800_000_000_001)).toBe(true);
    expect(isTokenExpired(token, 1_700_000_000_000)).toBe(false);
    expect(isTokenExpired('opaque', Date.now())).toBe(false);
  });
});
