import { getContext, setContext } from 'svelte';
import type { Principal } from '../../../shared/roles';
import { ApiClient } from './api/client';
import { endpoints, type Endpoints } from './api/endpoints';
import { ApiError } from './api/errors';
import { OidcError, type RedirectContext } from './auth/oidc';
import { createAuthProvider, type AuthProvider } from './auth/providers';
import { Session } from './auth/session.svelte';
import { loadConfig, type RuntimeConfig } from './config';
import { t } from './i18n';
import { Inbox } from './inbox/inbox.svelte';
import { paths, safeNext } from './paths';
import { Router, type RouterWindow } from './router.svelte';

/**
 * The app's shared state: routing, the session, the API and the runtime config. One instance is made
 * in main.ts and handed to every component through context (tests make their own with fakes).
 */
export interface AppDependencies {
  fetcher: typeof fetch;
  storage: Storage | undefined;
  window: RouterWindow | undefined;
  initialPath?: string;
  config?: () => Promise<RuntimeConfig>;
  /** The page's location, for sign-in that leaves the app (oidc): `window.location` in main.ts. */
  location?: PageLocation;
}

export interface PageLocation {
  readonly origin: string;
  assign(url: string): void;
}

export class AppState {
  readonly router: Router;
  readonly session: Session;
  readonly api: Endpoints;
  /** The signed-in office's inbox: the header's badge and the inbox page share it. */
  readonly inbox: Inbox;
  principalLoading = $state(false);
  principalError = $state<ApiError | null>(null);
  /** A one-off confirmation shown on the next page (e.g. after registering), cleared after it. */
  notice = $state<{ path: string; message: string; tone: 'success' | 'info' } | null>(null);

  /** The fetch everything goes through, public snapshots included (tests hand in a fake). */
  readonly fetcher: typeof fetch;
  readonly #config: () => Promise<RuntimeConfig>;
  readonly #storage: Storage | undefined;
  readonly #location: PageLocation | undefined;
  #provider: Promise<AuthProvider> | undefined;

  constructor(deps: AppDependencies) {
    this.fetcher = deps.fetcher;
    this.#config = deps.config ?? (() => loadConfig(deps.fetcher));
    this.#storage = deps.storage;
    this.#location = deps.location;
    this.router = new Router(deps.window, deps.initialPath);
    this.session = new Session(deps.storage);
    const client = new ApiClient({
      apiBase: async () => (await this.#config()).apiBase,
      token: () => this.session.currentToken(),
      onUnauthorized: () => this.#expired(),
      fetcher: deps.fetcher,
    });
    this.api = endpoints(client);
    this.inbox = new Inbox(this.api);
  }

  config(): Promise<RuntimeConfig> {
    return this.#config();
  }

  authProvider(): Promise<AuthProvider> {
    this.#provider ??= this.#config().then((config) => createAuthProvider(config.auth, this.fetcher, this.#redirectContext()));
    this.#provider.catch(() => (this.#provider = undefined));
    return this.#provider;
  }

  /** Loads who the signed-in user is, once per sign-in. */
  async ensurePrincipal(): Promise<Principal | null> {
    if (!this.session.signedIn) return null;
    if (this.session.principal) return this.session.principal;
    this.principalLoading = true;
    this.principalError = null;
    try {
      const principal = await this.api.me();
      if (this.session.signedIn) this.session.principal = principal;
      return this.session.principal;
    } catch (error) {
      this.principalError = error instanceof ApiError ? error : null;
      return null;
    } finally {
      this.principalLoading = false;
    }
  }

  async signIn(username: string, password: string): Promise<Principal | null> {
    const provider = await this.authProvider();
    if (provider.kind !== 'local') throw new Error(`no password sign-in with auth kind ${provider.kind}`);
    const { idToken } = await provider.signIn(username, password);
    this.session.start(idToken);
    return this.ensurePrincipal();
  }

  /** Leaves for the issuer's sign-in page (oidc); the callback page finishes and goes to `next`. */
  async beginSignIn(next: string | null): Promise<void> {
    const provider = await this.authProvider();
    if (provider.kind !== 'oidc') throw new Error(`no redirect sign-in with auth kind ${provider.kind}`);
    await provider.beginSignIn(next);
  }

  /** Finishes a redirect sign-in on /login/callback; answers the in-app path to go to. */
  async completeSignIn(callbackUrl: string): Promise<string> {
    const provider = await this.authProvider();
    // Local sign-in never comes back through the callback: nothing of this tab's is waiting.
    if (provider.kind !== 'oidc') throw new OidcError('no_pending');
    const { idToken, next } = await provider.completeSignIn(callbackUrl);
    this.session.start(idToken);
    await this.ensurePrincipal();
    return safeNext(next);
  }

  /** Navigates and shows `message` on the page it lands on. */
  navigateWithNotice(to: string, message: string, tone: 'success' | 'info' = 'success'): void {
    this.notice = { path: new URL(to, 'http://app.invalid').pathname, message, tone };
    this.router.navigate(to);
  }

  signOut(): void {
    this.session.end();
    this.inbox.reset();
    this.router.navigate(paths.home());
    // The issuer's own session would sign the next visitor of this browser straight back in.
    void this.authProvider().then(
      (provider) => {
        const logoutUrl = provider.kind === 'oidc' ? provider.signOutUrl() : undefined;
        if (logoutUrl) this.#location?.assign(logoutUrl);
      },
      () => undefined,
    );
  }

  /** The round trip's verifier and state wait in the same sessionStorage as the token. */
  #redirectContext(): RedirectContext | undefined {
    const location = this.#location;
    return location ? { origin: location.origin, storage: this.#storage, assign: (url) => location.assign(url) } : undefined;
  }

  /** The API refused the token (expired or revoked): sign in again and come back here. */
  #expired(): void {
    this.session.end();
    this.inbox.reset();
    if (this.router.path !== paths.login()) this.navigateWithNotice(paths.login(this.router.href), t('error.SESSION_EXPIRED'), 'info');
  }
}

const APP_KEY = Symbol('pilotops.app');

export function provideApp(app: AppState): AppState {
  return setContext(APP_KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(APP_KEY);
  if (!app) throw new Error('useApp() outside <App>: provide an AppState with provideApp()');
  return app;
}

export { APP_KEY };
