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

/** A file the API answered as an attachment. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | undefined;
}

/**
 * The file name in a Content-Disposition header (RFC 6266): `filename*=UTF-8''…` (RFC 5987, which
 * keeps a Chinese name) before the plain `filename="…"`.
 */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name : undefined;
}

export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#send(method, path, options, 'application/json');
    const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    return payload as T;
  }

  /** A GET answered with a file: the bytes and the file name, with the same token and error handling. */
  async download(path: string): Promise<DownloadedFile> {
    const response = await this.#send('GET', path, {}, '*/*');
    return { blob: await response.blob(), filename: dispositionFilename(response.headers.get('content-disposition')) };
  }

  async #send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const base = await this.#options.apiBase();
    const headers: Record<string, string> = { accept, ...options.headers };
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
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => undefined);
      const error = toApiError(response.status, payload);
      if (response.status === 401 && token) this.#options.onUnauthorized();
      throw error;
    }
    return response;
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
