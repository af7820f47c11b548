import { describe, expect, it } from 'vitest';
import { authorizeUrl, base64url, OidcError, oidcErrorMessage, oidcProvider, pkceChallenge, PENDING_STORAGE_KEY, randomToken } from '../../../web/src/lib/auth/oidc';
import { parseConfig, type OidcAuthConfig } from '../../../web/src/lib/config';

const ORIGIN = 'https://pilot.example.gov.cn';
const CONFIG: OidcAuthConfig = {
  kind: 'oidc',
  authorizeUrl: 'https://pilotops-prod.auth.ap-east-1.amazoncognito.com/oauth2/authorize?lang=zh-CN',
  tokenUrl: 'https://pilotops-prod.auth.ap-east-1.amazoncognito.com/oauth2/token',
  clientId: 'web-client',
  scope: 'openid email profile',
  logoutUrl: 'https://pilotops-prod.auth.ap-east-1.amazoncognito.com/logout?client_id=web-client&logout_uri=https%3A%2F%2Fpilot.example.gov.cn%2F',
};

/** sessionStorage as the browser has it, for one tab. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

const idToken = (claims: Record<string, unknown>): string => `header.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

interface TokenCall {
  url: string;
  init: RequestInit;
}

/** A browser tab with its storage, its navigations and a token endpoint answering `answer`. */
function tab(answer: (form: URLSearchParams) => { status: number; body?: unknown } = () => ({ status: 400, body: { error: 'invalid_grant' } })) {
  const storage = new MemoryStorage();
  const visited: string[] = [];
  const calls: TokenCall[] = [];
  const fetcher = (async (input: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    const { status, body } = answer(new URLSearchParams(String(init.body)));
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const provider = oidcProvider(CONFIG, fetcher, { origin: ORIGIN, storage, assign: (url) => visited.push(url) });
  /** Starts a sign-in and answers what the issuer was sent. */
  const begin = async (next: string | null = '/projects') => {
    await provider.beginSignIn(next);
    const sent = new URL(visited.at(-1)!);
    return { sent, params: sent.searchParams, pending: JSON.parse(storage.getItem(PENDING_STORAGE_KEY)!) as { verifier: string; nonce: string; state: string } };
  };
  return { storage, visited, calls, provider, begin };
}

describe('the oidc auth config', () => {
  const good = { kind: 'oidc', authorizeUrl: CONFIG.authorizeUrl, tokenUrl: CONFIG.tokenUrl, clientId: 'web-client', scope: 'openid email profile' };

  it('reads the issuer endpoints, the client, the scope and the optional logout URL and label', () => {
    // Prepare
    const raw = { apiBase: 'https://api.example.com/', auth: { ...good, logoutUrl: CONFIG.logoutUrl, label: '使用天津市统一身份认证登录' } };
    // Act
    const config = parseConfig(raw);
    // Assess
    expect(config).toEqual({ apiBase: 'https://api.example.com', auth: { ...good, logoutUrl: CONFIG.logoutUrl, label: '使用天津市统一身份认证登录' } });
    expect(parseConfig({ apiBase: '/api', auth: good }).auth).not.toHaveProperty('logoutUrl');
  });

  it.each([
    [{ authorizeUrl: undefined }, /authorizeUrl is missing/],
    [{ authorizeUrl: '/oauth2/authorize' }, /auth\.authorizeUrl is not an absolute URL/],
    [{ authorizeUrl: 'http://id.example.gov.cn/authorize' }, /auth\.authorizeUrl must be an https URL/],
    [{ tokenUrl: undefined }, /tokenUrl is missing/],
    [{ tokenUrl: 'ftp://id.example.gov.cn/token' }, /auth\.tokenUrl must be an https URL/],
    [{ clientId: '' }, /clientId is missing/],
    [{ scope: undefined }, /scope is missing/],
    [{ scope: 'email profile' }, /auth\.scope must include openid/],
    [{ logoutUrl: 'javascript:alert(1)' }, /auth\.logoutUrl must be an https URL/],
    [{ label: '' }, /label is missing/],
  ])('refuses %j', (change, message) => {
    expect(() => parseConfig({ apiBase: '/api', auth: { ...good, ...change } })).toThrow(message);
  });

  it('accepts plain http only for an issuer on the loopback', () => {
    expect(() => parseConfig({ apiBase: '/api', auth: { ...good, tokenUrl: 'http://localhost:8080/token' } })).not.toThrow();
  });
});

describe('PKCE (RFC 7636)', () => {
  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const verifiers = Array.from({ length: 20 }, () => randomToken());
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(verifiers.length);
  });

  it('encodes and hashes as the RFC’s appendix B example does', async () => {
    // The 32 octets of the example, their base64url verifier and its S256 challenge.
    const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    expect(base64url(new Uint8Array(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    await expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('signing in with an OpenID Connect issuer', () => {
  it('sends the browser to the authorize URL with the code flow, PKCE, state and nonce', async () => {
    // Prepare
    const { begin } = tab();
    // Act
    const { sent, params, pending } = await begin();
    // Assess
    expect(sent.origin + sent.pathname).toBe('https://pilotops-prod.auth.ap-east-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(params)).toMatchObject({
      lang: 'zh-CN',
      response_type: 'code',
      client_id: 'web-client',
      redirect_uri: `${ORIGIN}/login/callback`,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await pkceChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(params.get('state')).not.toBe(params.get('nonce'));
    expect(params.toString()).not.toContain(pending.verifier);
  });

  it('builds the authorize URL from the config alone', () => {
    const url = new URL(authorizeUrl(CONFIG, { redirectUri: `${ORIGIN}/login/callback`, state: 's', nonce: 'n', challenge: 'c' }));
    expect(url.searchParams.get('code_challenge')).toBe('c');
    expect(url.searchParams.getAll('lang')).toEqual(['zh-CN']);
  });

  it('refuses a callback whose state is not this tab’s, exchanges nothing and forgets the request', async () => {
    // Prepare
    const { begin, provider, calls, storage } = tab();
    await begin();
    // Act
    const completing = provider.completeSignIn('/login/callback?code=abc&state=forged');
    // Assess
    await expect(completing).rejects.toMatchObject({ code: 'state_mismatch', next: '/projects' });
    expect(calls).toEqual([]);
    expect(storage.getItem(PENDING_STORAGE_KEY)).toBeNull();
  });

  it('exchanges the code with the verifier by a form POST and yields the ID token', async () => {
    // Prepare
    let token = '';
    const { begin, provider, calls, storage } = tab((form) =>
      form.get('code') === 'abc' ? { status: 200, body: { id_token: token, access_token: 'access', token_type: 'Bearer', expires_in: 3600 } } : { status: 400 },
    );
    const { pending } = await begin('/pilots/wuqing-tech/indicators');
    token = idToken({ sub: 'u-1', email: 'chen.li@example.gov.cn', aud: 'web-client', nonce: pending.nonce, exp: 1_900_000_000 });
    // Act
    const signedIn = await provider.completeSignIn(`${ORIGIN}/login/callback?code=abc&state=${pending.state}`);
    // Assess
    expect(signedIn).toEqual({ idToken: token, username: 'chen.li@example.gov.cn', next: '/pilots/wuqing-tech/indicators' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(CONFIG.tokenUrl);
    expect(calls[0]!.init.method).toBe('POST');
    expect(new Headers(calls[0]!.init.headers).get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(calls[0]!.init.body)))).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: `${ORIGIN}/login/callback`,
      client_id: 'web-client',
      code_verifier: pending.verifier,
    });
    expect(storage.getItem(PENDING_STORAGE_KEY)).toBeNull();
  });

  it('refuses an ID token whose nonce is not the one this tab sent', async () => {
    // Prepare
    const { begin, provider } = tab(() => ({ status: 200, body: { id_token: idToken({ sub: 'u-1', aud: 'web-client', nonce: 'someone-elses' }) } }));
    const { pending } = await begin();
    // Act + Assess
    await expect(provider.completeSignIn(`/login/callback?code=abc&state=${pending.state}`)).rejects.toMatchObject({ code: 'invalid_id_token' });
  });

  it('refuses an ID token issued to another client', async () => {
    let nonce = '';
    const { begin, provider } = tab(() => ({ status: 200, body: { id_token: idToken({ sub: 'u-1', aud: ['admin-client'], nonce }) } }));
    const { pending } = await begin();
    nonce = pending.nonce;
    await expect(provider.completeSignIn(`/login/callback?code=abc&state=${pending.state}`)).rejects.toMatchObject({ code: 'invalid_id_token' });
  });

  it('reports a refused exchange, and an answer without an ID token, as a failed exchange', async () => {
    for (const answer of [{ status: 400, body: { error: 'invalid_grant' } }, { status: 200, body: { access_token: 'only' } }]) {
      const { begin, provider } = tab(() => answer);
      const { pending } = await begin();
      await expect(provider.completeSignIn(`/login/callback?code=abc&state=${pending.state}`)).rejects.toMatchObject({ code: 'exchange_failed' });
    }
  });

  it('passes the issuer’s error on, and finds nothing to complete a second time', async () => {
    const { begin, provider } = tab();
    const { pending } = await begin();
    await expect(provider.completeSignIn(`/login/callback?error=access_denied&state=${pending.state}`)).rejects.toMatchObject({ code: 'issuer', issuerError: 'access_denied' });
    await expect(provider.completeSignIn(`/login/callback?code=abc&state=${pending.state}`)).rejects.toMatchObject({ code: 'no_pending' });
  });

  it('refuses to start without sessionStorage, before leaving for the issuer', async () => {
    const visited: string[] = [];
    const provider = oidcProvider(CONFIG, fetch, { origin: ORIGIN, storage: undefined, assign: (url) => visited.push(url) });
    await expect(provider.beginSignIn('/workbench')).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(visited).toEqual([]);
  });

  it('signs out through the configured logout URL as given', () => {
    expect(tab().provider.signOutUrl()).toBe(CONFIG.logoutUrl);
  });

  it('words each failure in Chinese, and shows the issuer’s error only when it is a plain code', () => {
    expect(oidcErrorMessage(new OidcError('issuer', { issuerError: 'access_denied' }))).toContain('登录已取消');
    expect(oidcErrorMessage(new OidcError('issuer', { issuerError: 'temporarily_unavailable' }))).toContain('temporarily_unavailable');
    expect(oidcErrorMessage(new OidcError('issuer', { issuerError: '请拨打 400-000-0000 找回账号' }))).not.toContain('400');
    expect(oidcErrorMessage(new OidcError('state_mismatch'))).toContain('state');
  });
});
