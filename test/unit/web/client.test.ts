import { describe, expect, it, vi } from 'vitest';
import { ApiClient, withQuery } from '../../../web/src/lib/api/client';
import { endpoints } from '../../../web/src/lib/api/endpoints';
import { ApiError } from '../../../web/src/lib/api/errors';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(status: number, body: unknown, calls: Call[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

function client(fetcher: typeof fetch, token: string | null = 'id-token', onUnauthorized = vi.fn()) {
  return { api: new ApiClient({ apiBase: async () => '/api', token: () => token, onUnauthorized, fetcher }), onUnauthorized };
}

describe('the API client', () => {
  it('sends the bearer token and reads JSON', async () => {
    const calls: Call[] = [];
    const { api } = client(fakeFetch(200, { subject: 'u1', name: '刘洋', roles: ['bureau'] }, calls));
    await expect(endpoints(api).me()).resolves.toMatchObject({ name: '刘洋' });
    expect(calls[0]?.url).toBe('/api/me');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer id-token');
  });

  it('turns an error body into an ApiError with its issues', async () => {
    const body = { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求，请按提示修改', issues: [{ path: 'uscc', message: '统一社会信用代码应为 18 位' }] };
    const { api } = client(fakeFetch(400, body));
    const failure = await endpoints(api).getEnterprise('x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', issues: body.issues });
  });

  it('ends the session when the API refuses the token', async () => {
    const { api, onUnauthorized } = client(fakeFetch(401, { message: 'Unauthorized' }));
    await expect(endpoints(api).me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('reports a failed connection as a network error', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const { api } = client(failing);
    await expect(endpoints(api).listPilots()).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('posts a project action with the expected version and an Idempotency-Key', async () => {
    const calls: Call[] = [];
    const { api } = client(fakeFetch(200, { id: 'P1', version: 3 }, calls));
    await endpoints(api).runAction('P1', 'submit', 2, {}, 'key-1');
    expect(calls[0]?.url).toBe('/api/projects/P1/actions/submit');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ expectedVersion: 2, input: {} });
    expect(new Headers(calls[0]?.init.headers).get('idempotency-key')).toBe('key-1');
  });

  it('builds list queries without empty parameters and escapes path segments', async () => {
    expect(withQuery('/projects', { pilotId: 'wuqing-tech', status: '', cursor: undefined })).toBe('/projects?pilotId=wuqing-tech');
    const calls: Call[] = [];
    const { api } = client(fakeFetch(200, {}, calls));
    await endpoints(api).getDossier('a/b');
    expect(calls[0]?.url).toBe('/api/enterprises/a%2Fb/dossier');
  });
});
