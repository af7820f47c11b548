import type { Principal } from '../roles';
import type { Project } from '../projects/model';
import { projectViewFor, type ProjectView } from '../projects/view';
import type { Enterprise } from './model';

/**
 * 一企一档 (武清 §二(一)2): one dossier per enterprise holding its profile and, per project, the
 * application versions, reviews, evidence, warnings, assessments, fund tranches and audit trail.
 * Items arrive without their storage keys, each with an `itemType`; the dossier groups them and
 * shows each as its reader may see it: projects through projectViewFor (no other expert's scores,
 * no panel names for the enterprise), and fraud flags (the same file or invoice in two projects)
 * only to officials, so the flag never tips off the enterprise or names another firm's project.
 */
export interface DossierItem {
  itemType?: unknown;
  [attribute: string]: unknown;
}

export interface Dossier {
  enterprise: Enterprise;
  projects: ProjectView[];
  smeFirms: DossierItem[];
  applicationVersions: DossierItem[];
  evidence: DossierItem[];
  evidenceFlags: DossierItem[];
  warnings: DossierItem[];
  auditTrail: DossierItem[];
}

const FLAG_READERS = ['town', 'bureau', 'finance', 'operator', 'supervisor'] as const;

export function buildDossier(reader: Principal, enterprise: Enterprise, items: readonly DossierItem[]): Dossier {
  const dossier: Dossier = { enterprise, projects: [], smeFirms: [], applicationVersions: [], evidence: [], evidenceFlags: [], warnings: [], auditTrail: [] };
  const readsFlags = reader.roles.some((role) => (FLAG_READERS as readonly string[]).includes(role));
  for (const { itemType, ...item } of items) {
    switch (itemType) {
      case 'project':
        dossier.projects.push(projectViewFor(reader, item as unknown as Project));
        break;
      case 'smeFirm':
        dossier.smeFirms.push(item);
        break;
      case 'applicationVersion':
        dossier.applicationVersions.push(item);
        break;
      case 'evidence': {
        // What was read from a file (issue 15) is a finding: officials only, like the flags.
        const { reading: _reading, typedInvoiceNumber: _typed, ...shown } = item;
        dossier.evidence.push(readsFlags ? item : shown);
        break;
      }
      case 'evidenceFlag':
        if (readsFlags) dossier.evidenceFlags.push(item);
        break;
      case 'warning':
        dossier.warnings.push(item);
        break;
      case 'audit':
        dossier.auditTrail.push(item);
        break;
      default:
        // The profile is `enterprise`; anything else stored under the enterprise is not shown.
        break;
    }
  }
  dossier.auditTrail.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return dossier;
}
