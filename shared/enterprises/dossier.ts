import type { Enterprise } from './model';

/**
 * 一企一档 (武清 §二(一)2): one dossier per enterprise holding its profile and, per project, the
 * application versions, reviews, evidence, warnings, assessments, fund tranches and audit trail.
 * Items arrive without their storage keys, each with an `itemType`; the dossier groups them.
 */
export interface DossierItem {
  itemType?: unknown;
  [attribute: string]: unknown;
}

export interface Dossier {
  enterprise: Enterprise;
  projects: DossierItem[];
  applicationVersions: DossierItem[];
  evidence: DossierItem[];
  auditTrail: DossierItem[];
  other: DossierItem[];
}

export function buildDossier(enterprise: Enterprise, items: readonly DossierItem[]): Dossier {
  const dossier: Dossier = { enterprise, projects: [], applicationVersions: [], evidence: [], auditTrail: [], other: [] };
  for (const item of items) {
    switch (item.itemType) {
      case 'enterprise':
        break;
      case 'project':
        dossier.projects.push(item);
        break;
      case 'applicationVersion':
        dossier.applicationVersions.push(item);
        break;
      case 'evidence':
        dossier.evidence.push(item);
        break;
      case 'audit':
        dossier.auditTrail.push(item);
        break;
      default:
        dossier.other.push(item);
    }
  }
  dossier.auditTrail.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return dossier;
}
