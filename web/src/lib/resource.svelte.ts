/**
 * One asynchronous read and its state, for pages to render loading, error and data alike. Data is
 * kept raw (not deeply reactive): it is replaced, never mutated in place.
 */
export class Resource<T> {
  data = $state.raw<T | undefined>(undefined);
  error = $state.raw<unknown>(null);
  loading = $state(false);

  readonly #fetch: () => Promise<T>;
  #sequence = 0;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  async load(): Promise<void> {
    const sequence = ++this.#sequence;
    this.loading = true;
    this.error = null;
    try {
      const data = await this.#fetch();
      if (sequence === this.#sequence) this.data = data;
    } catch (error) {
      if (sequence === this.#sequence) this.error = error;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }
}
