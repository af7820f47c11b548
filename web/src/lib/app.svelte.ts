import { getContext, setContext } from 'svelte';
import type { Principal } from '../../../shared/roles';
import { ApiClient } from './api/client';
import { endpoints, type Endpoints } from './api/endpoints';
import { ApiError } from './api/errors';
import { createAuthProvider, type AuthProvider } from './auth/providers';
import { Session } from './auth/session.svelte';
import { loadConfig, type RuntimeConfig } from './config';
import { t } from './i18n';
import { Inbox } from './inbox/inbox.svelte';
import { paths } from './paths';
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
  #provider: Promise<AuthProvider> | undefined;

  constructor(deps: AppDependencies) {
    this.fetcher = deps.fetcher;
    this.#config = deps.config ?? (() => loadConfig(deps.fetcher));
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
    this.#provider ??= this.#config().then((config) => createAuthProvider(config.auth, this.fetcher));
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
    const { idToken } = await provider.signIn(username, password);
    this.session.start(idToken);
    return this.ensurePrincipal();
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
