import type { PublicIndex, PublicPilot } from '../../../../shared/public/snapshot';
import { SNAPSHOT_PATHS } from '../../../../shared/public/snapshot';
import { networkError, toApiError } from '../api/errors';

/**
 * The public dashboards read only the static snapshots under /data/ (shared/public/snapshot.ts):
 * no sign-in, no API call, cacheable by CloudFront.
 */
export const PUBLIC_DATA_BASE = '/data/';

async function readSnapshot<T>(fetcher: typeof fetch, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(PUBLIC_DATA_BASE + path, { headers: { accept: 'application/json' } });
  } catch {
    throw networkError();
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, body);
  if (typeof body !== 'object' || body === null) throw toApiError(500, undefined);
  return body as T;
}

export function loadPublicIndex(fetcher: typeof fetch = fetch): Promise<PublicIndex> {
  return readSnapshot<PublicIndex>(fetcher, SNAPSHOT_PATHS.index).then((index) => ({ ...index, pilots: Array.isArray(index.pilots) ? index.pilots : [] }));
}

export function loadPublicPilot(pilotId: string, fetcher: typeof fetch = fetch): Promise<PublicPilot> {
  return readSnapshot<PublicPilot>(fetcher, SNAPSHOT_PATHS.pilot(encodeURIComponent(pilotId))).then((snapshot) => ({
    ...snapshot,
    indicators: Array.isArray(snapshot.indicators) ? snapshot.indicators : [],
    projects: Array.isArray(snapshot.projects) ? snapshot.projects : [],
    projectsByStatus: snapshot.projectsByStatus ?? {},
    funds: snapshot.funds ?? { approvedWan: 0, disbursedWan: 0 },
    providers: snapshot.providers ?? { admitted: 0 },
  }));
}
