/**
 * Item keys in the `records` table. Every item of an enterprise carries `enterprisePk`, so the
 * dossier (一企一档) is one query on the byEnterprise index.
 */
export const keys = {
  pilotCollection: 'PILOT',
  pilot: (pilotId: string) => ({ pk: 'PILOT', sk: pilotId }),
  guide: (pilotId: string, guideId: string) => ({ pk: `GUIDE#${pilotId}`, sk: guideId }),
  guidePartition: (pilotId: string) => `GUIDE#${pilotId}`,
  spotCheckDraw: (pilotId: string, drawId: string) => ({ pk: `SPOTCHECK#${pilotId}`, sk: drawId }),
  spotCheckPartition: (pilotId: string) => `SPOTCHECK#${pilotId}`,
  /** the bureau's expert registry (专家库): one partition per pilot, one item per account (issue 14) */
  expert: (pilotId: string, account: string) => ({ pk: `EXPERTS#${pilotId}`, sk: `EXPERT#${account}` }),
  expertRegistry: (pilotId: string) => `EXPERTS#${pilotId}`,
  enterprise: (uscc: string) => ({ pk: `ENTERPRISE#${uscc}`, sk: 'PROFILE' }),
  enterprisePartition: (uscc: string) => `ENTERPRISE#${uscc}`,
  /** the firm's registration in one pilot, with its town there (issue 12) */
  participation: (uscc: string, pilotId: string) => ({ pk: `ENTERPRISE#${uscc}`, sk: `PILOT#${pilotId}` }),
  project: (projectId: string) => ({ pk: `PROJECT#${projectId}`, sk: 'PROJECT' }),
  projectPartition: (projectId: string) => `PROJECT#${projectId}`,
  audit: (projectId: string, at: string, version: number) => ({
    pk: `PROJECT#${projectId}`,
    sk: `AUDIT#${at}#${String(version).padStart(6, '0')}`,
  }),
  applicationVersion: (projectId: string, applicationVersion: number) => ({
    pk: `PROJECT#${projectId}`,
    sk: `APPLICATION#${String(applicationVersion).padStart(4, '0')}`,
  }),
  assignment: (projectId: string, expert: string) => ({ pk: `PROJECT#${projectId}`, sk: `ASSIGNMENT#${expert}` }),
  /** queue partitions: the projects waiting in one status of one pilot, optionally in one town */
  statusQueue: (pilotId: string, status: string) => `STATUS#${pilotId}#${status}`,
  townStatusQueue: (pilotId: string, status: string, town: string) => `STATUS#${pilotId}#${status}#TOWN#${town}`,
  expertQueue: (expert: string) => `EXPERT#${expert}`,
  /** reported indicator values of a pilot, one item per indicator and period, with their history */
  indicatorPartition: (pilotId: string) => `INDICATORS#${pilotId}`,
  reportedValue: (pilotId: string, code: string, period: string) => ({ pk: `INDICATORS#${pilotId}`, sk: `VALUE#${code}#${period}` }),
  valueHistory: (pilotId: string, code: string, period: string, version: number) => ({
    pk: `INDICATORS#${pilotId}`,
    sk: `HISTORY#${code}#${period}#${String(version).padStart(6, '0')}`,
  }),
  /** a provider in one pilot's pool; the pool itself is one partition of the byQueue index */
  provider: (pilotId: string, providerId: string) => ({ pk: `PROVIDER#${pilotId}#${providerId}`, sk: 'PROVIDER' }),
  providerPartition: (pilotId: string, providerId: string) => `PROVIDER#${pilotId}#${providerId}`,
  providerPool: (pilotId: string) => `POOL#${pilotId}`,
  /** every warning and escalation the deadline sweep raised in a pilot, by time (byQueue) */
  pilotWarnings: (pilotId: string) => `WARNINGS#${pilotId}`,
  /** evidence held by a provider (its registration materials) or by an indicator period (its data sources) */
  providerEvidencePartition: (pilotId: string, providerId: string) => `PROVIDER_EVIDENCE#${pilotId}#${providerId}`,
  indicatorEvidencePartition: (pilotId: string, code: string, period: string) => `INDICATOR_EVIDENCE#${pilotId}#${code}#${period}`,
  /** pilot SMEs (004): the firm, its audit trail, and its pilot's (and town's) list on byQueue/byTownQueue */
  smeFirm: (firmId: string) => ({ pk: `SME#${firmId}`, sk: 'SME' }),
  smePartition: (firmId: string) => `SME#${firmId}`,
  smeList: (pilotId: string) => `SMELIST#${pilotId}`,
  smeTownList: (pilotId: string, town: string) => `SMELIST#${pilotId}#TOWN#${town}`,
  smePolicy: (pilotId: string) => ({ pk: `SMEPOLICY#${pilotId}`, sk: 'POLICY' }),
} as const;
