import { flushSync, mount, tick, unmount, type Component } from 'svelte';
import { afterEach, vi } from 'vitest';
import type { Principal } from '../../../shared/roles';
import { APP_KEY, AppState } from '../../../web/src/lib/app.svelte';
import type { RuntimeConfig } from '../../../web/src/lib/config';

/**
 * Mounting helpers for component tests: a real AppState whose fetch is a table of canned responses,
 * so pages run their own loading, error and routing code against a fake backend.
 */
export const LOCAL_CONFIG: RuntimeConfig = {
  apiBase: '/api',
  auth: { kind: 'local', tokenUrl: '/local-auth/token', accountsUrl: '/local-auth/accounts' },
};

export interface FakeResponse {
  status: number;
  body?: unknown;
}

export type FakeRoutes = Record<string, FakeResponse | ((init: RequestInit) => FakeResponse)>;

export interface RecordedCall {
  key: string;
  init: RequestInit;
}

/** A fetch answering `METHOD /path` keys (query string ignored); anything else is a 404. */
export function fakeFetch(routes: FakeRoutes, calls: RecordedCall[] = []): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${(init.method ?? 'GET').toUpperCase()} ${url.pathname}`;
    calls.push({ key, init });
    const route = routes[key];
    const response = typeof route === 'function' ? route(init) : (route ?? { status: 404, body: { message: 'Not Found' } });
    return new Response(response.body === undefined ? null : JSON.stringify(response.body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

export interface TestAppOptions {
  routes?: FakeRoutes;
  calls?: RecordedCall[];
  path?: string;
  /** Signs in with a fake token and this principal. */
  principal?: Principal;
  /** Routes through happy-dom's own location and history (for link clicks and back/forward). */
  useWindow?: boolean;
}

export function testApp(options: TestAppOptions = {}): AppState {
  const routes: FakeRoutes = { ...options.routes };
  if (options.principal) routes['GET /api/me'] ??= { status: 200, body: options.principal };
  if (options.useWindow) window.history.replaceState(null, '', options.path ?? '/');
  const app = new AppState({
    fetcher: fakeFetch(routes, options.calls),
    storage: undefined,
    window: options.useWindow ? window : undefined,
    initialPath: options.path ?? '/',
    config: async () => LOCAL_CONFIG,
  });
  if (options.principal) {
    app.session.start('header.payload.signature');
    app.session.principal = options.principal;
  }
  return app;
}

const mounted: Array<() => void> = [];

afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.();
  document.body.innerHTML = '';
});

export function render<P extends Record<string, unknown>>(component: Component<P>, props: P, app: AppState = testApp()): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props, context: new Map([[APP_KEY, app]]) });
  flushSync();
  mounted.push(() => {
    void unmount(instance);
    target.remove();
  });
  return target;
}

/**
 * How long a test waits for a condition before it fails. A condition that already holds costs
 * nothing; one that arrives late (a lazy page chunk, a fetch, SubtleCrypto, a loaded CI machine
 * with two busy cores) gets this long. Waiting a fixed number of ticks instead races the machine.
 */
export const PATIENCE_MS = 30_000;

/** Waits until `probe` returns something (pages load lazily, data arrives asynchronously). */
export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = PATIENCE_MS): Promise<T> {
  const started = Date.now();
  for (;;) {
    flushSync();
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`waitFor timed out: ${probe.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs `assertions` (a block of `expect`s, or a look-up that throws until its element is there)
 * until it passes as a whole, and returns what it returns; after PATIENCE_MS the last failure is
 * the test's failure. Every assertion on something that arrives asynchronously goes through here.
 */
export function eventually<T>(assertions: () => T, timeoutMs = PATIENCE_MS): Promise<T> {
  return vi.waitFor(
    () => {
      flushSync();
      return assertions();
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

export function byId<E extends HTMLElement = HTMLElement>(id: string): E {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as E;
}

/** The element a label names, through its `for` attribute. */
export function controlLabelled(container: ParentNode, text: string): HTMLElement {
  const label = [...container.querySelectorAll('label')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim().startsWith(text));
  if (!label) throw new Error(`no label starting with ${text}`);
  return byId(label.htmlFor);
}

/** Ids in aria-describedby, resolved to their text. */
export function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing #${id}>`)
    .join(' | ');
}

export function type(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

export function buttonNamed(container: ParentNode, name: string | RegExp): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find((candidate) => {
    const text = candidate.textContent?.replace(/\s+/g, '') ?? '';
    return typeof name === 'string' ? text === name.replace(/\s+/g, '') : name.test(text);
  });
  if (!button) throw new Error(`no button named ${String(name)}`);
  return button;
}
