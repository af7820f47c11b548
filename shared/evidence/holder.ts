import type { Provider } from '../providers/model';

// Identity only, with no runtime import: the web app's first chunk names holders (api/endpoints.ts)
// and must not pull in the domain rules (holders.ts) and their schemas.

/**
 * What a piece of evidence belongs to (its holder). A project holds what its enterprise hands in; a
 * provider of a pilot's pool holds its registration materials and rectification reports (002
 * §三(一)2(2), §三(一)2(4)); a reported indicator value of one period holds its data sources (000
 * 主要指标表: each figure comes from a responsible unit, and is checked against them); a pilot SME
 * holds its diagnosis, plan, completion photos and maturity assessment (004 §五(一)3, §四(二)10). The holder fixes
 * the storage key, the record's partition, who may hand in and read files, and which ids a record of
 * the holder may reference: an id of another holder is unknown there.
 */
export type EvidenceHolder =
  | { type: 'project'; projectId: string }
  | { type: 'provider'; pilotId: string; providerId: string }
  | { type: 'indicator'; pilotId: string; code: string; period: string }
  | { type: 'sme'; firmId: string };

export type HolderType = EvidenceHolder['type'];
export const HOLDER_TYPES = ['project', 'provider', 'indicator', 'sme'] as const satisfies readonly HolderType[];

/**
 * The storage key prefix of the holder's objects, and the API path its evidence routes hang from:
 * the same segments, so a key names its holder without a lookup (the scan handler relies on it).
 */
export function holderPrefix(holder: EvidenceHolder): string {
  switch (holder.type) {
    case 'project':
      return `${HOLDER_KEY_ROOTS.project}/${holder.projectId}`;
    case 'provider':
      return `${HOLDER_KEY_ROOTS.provider}/${holder.pilotId}/${holder.providerId}`;
    case 'indicator':
      return `${HOLDER_KEY_ROOTS.indicator}/${holder.pilotId}/${holder.code}/${holder.period}`;
    case 'sme':
      return `${HOLDER_KEY_ROOTS.sme}/${holder.firmId}`;
  }
}

/** The API path whose `/evidence…` routes serve the holder (shared/routes.ts). */
export function holderApiPath(holder: EvidenceHolder): string {
  const segment = encodeURIComponent;
  switch (holder.type) {
    case 'project':
      return `/projects/${segment(holder.projectId)}`;
    case 'provider':
      return `/pilots/${segment(holder.pilotId)}/providers/${segment(holder.providerId)}`;
    case 'indicator':
      return `/pilots/${segment(holder.pilotId)}/indicators/${segment(holder.code)}/periods/${segment(holder.period)}`;
    case 'sme':
      return `/sme-firms/${segment(holder.firmId)}`;
  }
}

/**
 * The first segment of every holder's keys, one per holder type: the only prefixes under which an
 * evidence object is ever written, and so the only ones a function is allowed to delete under.
 */
export const HOLDER_KEY_ROOTS: Readonly<Record<HolderType, string>> = {
  project: 'projects',
  provider: 'providers',
  indicator: 'indicators',
  sme: 'sme-firms',
};

export function storageKey(holder: EvidenceHolder, uploadId: string): string {
  return `${holderPrefix(holder)}/${uploadId}`;
}

export function sameHolder(a: EvidenceHolder, b: EvidenceHolder): boolean {
  return holderPrefix(a) === holderPrefix(b);
}

export const projectHolder = (projectId: string): Extract<EvidenceHolder, { type: 'project' }> => ({ type: 'project', projectId });

export const providerHolder = (provider: Pick<Provider, 'pilotId' | 'id'>): Extract<EvidenceHolder, { type: 'provider' }> => ({
  type: 'provider',
  pilotId: provider.pilotId,
  providerId: provider.id,
});
