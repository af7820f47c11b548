import type { Principal, Role } from '../../../../shared/roles';
import { isTokenExpired } from './token';

/**
 * Who is signed in. The ID token lives in sessionStorage (gone when the tab closes); the principal is
 * what GET /me answered for it. Pages read `signedIn`, `principal` and `hasRole`.
 */
export const TOKEN_STORAGE_KEY = 'pilotops.idToken';

export class Session {
  token = $state<string | null>(null);
  principal = $state<Principal | null>(null);
  readonly signedIn = $derived(this.token !== null);
  readonly roles = $derived<readonly Role[]>(this.principal?.roles ?? []);

  readonly #storage: Storage | undefined;
  readonly #now: () => number;

  constructor(storage: Storage | undefined, now: () => number = Date.now) {
    this.#storage = storage;
    this.#now = now;
    const stored = storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
    if (stored !== null && !isTokenExpired(stored, now())) this.token = stored;
    else if (stored !== null) storage?.removeItem(TOKEN_STORAGE_KEY);
  }

  /** The token to send, or null when there is none or it has expired (which also ends the session). */
  currentToken(): string | null {
    if (this.token !== null && isTokenExpired(this.token, this.#now())) this.end();
    return this.token;
  }

  start(idToken: string): void {
    this.token = idToken;
    this.principal = null;
    this.#storage?.setItem(TOKEN_STORAGE_KEY, idToken);
  }

  end(): void {
    this.token = null;
    this.principal = null;
    this.#storage?.removeItem(TOKEN_STORAGE_KEY);
  }

  hasRole(...roles: Role[]): boolean {
    return this.roles.some((role) => roles.includes(role));
  }
}
