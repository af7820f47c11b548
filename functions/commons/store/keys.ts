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
  enterprise: (uscc: string) => ({ pk: `ENTERPRISE#${uscc}`, sk: 'PROFILE' }),
  enterprisePartition: (uscc: string) => `ENTERPRISE#${uscc}`,
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
} as const;
