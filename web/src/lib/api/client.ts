import { ApiError, networkError, toApiError } from './errors';

/**
 * The one place that talks to the API: JSON in and out, the bearer token on every call, and every
 * failure turned into an ApiError. A 401 ends the session through `onUnauthorized`.
 */
export type Query = Readonly<Record<string, string | number | undefined | null>>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Readonly<Record<string, string>>;
}

export interface ApiClientOptions {
  apiBase: () => Promise<string>;
  token: () => string | null;
  onUnauthorized: () => void;
  fetcher?: typeof fetch;
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A fresh key for a request that must not take effect twice if retried. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const base = await this.#options.apiBase();
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const token = this.#options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const fetcher = this.#options.fetcher ?? fetch;
    let response: Response;
    try {
      response = await fetcher(base + withQuery(path, options.query), {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw networkError();
    }
    const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = toApiError(response.status, payload);
      if (response.status === 401 && token) this.#options.onUnauthorized();
      throw error;
    }
    return payload as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, query ? { query } : {});
  }

  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, { body, ...(headers ? { headers } : {}) });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }
}

export { ApiError };
