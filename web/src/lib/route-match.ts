/**
 * Path matching for the page table: `/pilots/:pilotId` style patterns, exact segment counts,
 * parameters URI-decoded (a malformed escape matches nothing rather than throwing).
 */
export type PageParams = Readonly<Record<string, string>>;

export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The first route whose pattern matches, or `fallback`; a trailing slash is ignored. */
export function findRoute<R extends { pattern: string }>(path: string, routes: readonly R[], fallback: R): { route: R; params: PageParams } {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of routes) {
    const params = matchPattern(route.pattern, normalised);
    if (params) return { route, params };
  }
  return { route: fallback, params: {} };
}
