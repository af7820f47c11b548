import { afterEach, describe, expect, it } from 'vitest';
import { AppState } from '../../web/src/lib/app.svelte';
import { base64url, PENDING_STORAGE_KEY } from '../../web/src/lib/auth/oidc';
import type { OidcAuthConfig } from '../../web/src/lib/config';
import Login from '../../web/src/pages/auth/Login.svelte';
import LoginCallback from '../../web/src/pages/auth/LoginCallback.svelte';
import { BUREAU } from './support/fixtures';
import { buttonNamed, eventually, fakeFetch, render, type FakeRoutes } from './support/render';

const ORIGIN = 'https://pilot.example.gov.cn';
const OIDC: OidcAuthConfig = {
  kind: 'oidc',
  authorizeUrl: 'https://id.example.gov.cn/oauth2/authorize',
  tokenUrl: 'https://id.example.gov.cn/oauth2/token',
  clientId: 'pilotops-web',
  scope: 'openid profile',
  logoutUrl: 'https://id.example.gov.cn/logout?client_id=pilotops-web',
};

afterEach(() => sessionStorage.clear());

/** An app signing in through an OpenID Connect issuer; `visited` records where the page was sent. */
function oidcApp(options: { path: string; routes?: FakeRoutes; auth?: Partial<OidcAuthConfig> }) {
  const visited: string[] = [];
  const app = new AppState({
    fetcher: fakeFetch(options.routes ?? {}),
    storage: sessionStorage,
    window: undefined,
    initialPath: options.path,
    config: async () => ({ apiBase: '/api', auth: { ...OIDC, ...options.auth } }),
    location: { origin: ORIGIN, assign: (url) => visited.push(url) },
  });
  return { app, visited };
}

const idToken = (claims: Record<string, unknown>): string => `header.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.signature`;

describe('the login page with an OpenID Connect issuer', () => {
  it('offers one button to the issuer instead of the password form', async () => {
    // Prepare
    const { app } = oidcApp({ path: '/login' });
    // Act
    const view = render(Login, { params: {} }, app);
    // Assess
    await eventually(() => expect(buttonNamed(view, '使用统一身份认证登录')).toBeTruthy());
    expect(view.querySelector('input[type=password]')).toBeNull();
    expect(view.querySelector('form')).toBeNull();
    expect(view.querySelector('section[aria-labelledby="demo-title"]')).toBeNull();
  });

  it('names the button as config.json says', async () => {
    const { app } = oidcApp({ path: '/login', auth: { label: '使用天津市政务服务统一身份认证登录' } });
    const view = render(Login, { params: {} }, app);
    await eventually(() => {
      expect(buttonNamed(view, '使用天津市政务服务统一身份认证登录')).toBeTruthy();
    });
  });

  it('sends the browser to the issuer with a PKCE challenge, keeping where to return', async () => {
    // Prepare
    const { app, visited } = oidcApp({ path: '/login?next=%2Fprojects' });
    const view = render(Login, { params: {} }, app);
    // Act
    (await eventually(() => buttonNamed(view, '使用统一身份认证登录'))).click();
    // The challenge is hashed by SubtleCrypto, which settles on its own time: wait for the redirect, not for a number of ticks.
    await eventually(() => expect(visited).toHaveLength(1));
    // Assess
    const sent = new URL(visited[0]!);
    expect(sent.origin + sent.pathname).toBe(OIDC.authorizeUrl);
    expect(sent.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/login/callback`);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(JSON.parse(sessionStorage.getItem(PENDING_STORAGE_KEY)!)).toMatchObject({ state: sent.searchParams.get('state'), next: '/projects' });
  });
});

describe('the sign-in callback page', () => {
  it('says in Chinese that the issuer refused, with a link to sign in again', async () => {
    // Prepare
    const { app } = oidcApp({ path: '/login/callback?error=access_denied' });
    // Act
    const view = render(LoginCallback, { params: {} }, app);
    // Assess
    await eventually(() => {
      expect(view.querySelector('h1')?.textContent).toBe('登录未完成');
      const alert = view.querySelector('[role=alert]');
      expect(alert?.textContent).toContain('登录已取消');
      expect(alert?.querySelector('a')?.getAttribute('href')).toBe('/login');
    });
    expect(app.session.signedIn).toBe(false);
  });

  it('refuses a callback that this tab did not start', async () => {
    const { app } = oidcApp({ path: '/login/callback?code=abc&state=forged' });
    const view = render(LoginCallback, { params: {} }, app);
    await eventually(() => {
      expect(view.querySelector('[role=alert]')?.textContent).toContain('登录请求已失效');
    });
  });

  it('exchanges the code, starts the session with the ID token and returns to the page asked for', async () => {
    // Prepare: a sign-in begun from /login?next=/projects, as the login page does.
    const starting = oidcApp({ path: '/login?next=%2Fprojects' });
    await starting.app.beginSignIn('/projects');
    const state = new URL(starting.visited[0]!).searchParams.get('state')!;
    const nonce = (JSON.parse(sessionStorage.getItem(PENDING_STORAGE_KEY)!) as { nonce: string }).nonce;
    const token = idToken({ sub: 'u-bureau', aud: 'pilotops-web', nonce, exp: Math.floor(Date.now() / 1000) + 3600 });
    const { app } = oidcApp({
      path: `/login/callback?code=abc&state=${state}`,
      routes: { 'POST /oauth2/token': { status: 200, body: { id_token: token } }, 'GET /api/me': { status: 200, body: BUREAU } },
    });
    // Act
    render(LoginCallback, { params: {} }, app);
    await eventually(() => expect(app.router.href).toBe('/projects'));
    // Assess
    expect(app.session.token).toBe(token);
    expect(app.session.principal?.name).toBe(BUREAU.name);
    expect(app.router.href).toBe('/projects');
  });

  it('signs out of the issuer too when config.json names its logout URL', async () => {
    const { app, visited } = oidcApp({ path: '/workbench' });
    app.session.start('header.payload.signature');
    app.signOut();
    await eventually(() => {
      expect(app.session.signedIn).toBe(false);
      expect(visited).toEqual([OIDC.logoutUrl]);
    });
  });
});
