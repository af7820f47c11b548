/**
 * History-API routing. The gateway (and CloudFront) answer unknown paths with index.html, so a deep
 * link such as /pilots/wuqing-tech loads the app, which then shows the page for it.
 */
export interface HistoryLike {
  pushState(data: unknown, unused: string, url: string): void;
  replaceState(data: unknown, unused: string, url: string): void;
}

export interface RouterWindow {
  location: { pathname: string; search: string; origin: string };
  history: HistoryLike;
  addEventListener(type: 'popstate', listener: () => void): void;
  scrollTo?(x: number, y: number): void;
}

export class Router {
  path = $state('/');
  search = $state('');
  readonly query = $derived(new URLSearchParams(this.search));

  readonly #window: RouterWindow | undefined;

  constructor(win: RouterWindow | undefined, initial = '/') {
    this.#window = win;
    if (win) {
      this.#read();
      win.addEventListener('popstate', () => this.#read());
    } else {
      this.#set(initial);
    }
  }

  #read(): void {
    if (!this.#window) return;
    this.path = this.#window.location.pathname || '/';
    this.search = this.#window.location.search;
  }

  #set(to: string): void {
    const url = new URL(to, 'http://app.invalid');
    this.path = url.pathname;
    this.search = url.search;
  }

  navigate(to: string, options: { replace?: boolean } = {}): void {
    if (this.#window) {
      if (options.replace) this.#window.history.replaceState(null, '', to);
      else this.#window.history.pushState(null, '', to);
      if (!options.replace) this.#window.scrollTo?.(0, 0);
    }
    this.#set(to);
  }

  /** The current path with its query, e.g. to come back to after signing in. */
  get href(): string {
    return this.path + this.search;
  }

  /**
   * Follows same-origin links inside the app without a page load. Modified clicks, other targets,
   * downloads and links out of the app (`/api`, `/data`) keep the browser's own behaviour.
   */
  interceptClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#') || !this.#window) return;
    const url = new URL(href, this.#window.location.origin + this.path);
    if (url.origin !== this.#window.location.origin || /^\/(api|data|local-auth)(\/|$)/.test(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  }
}
