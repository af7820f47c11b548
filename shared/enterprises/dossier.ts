import type { Principal } from '../roles';
import type { AuditEvent } from '../projects/machine';
import type { Project } from '../projects/model';
import { auditEventFor, projectViewFor, type ProjectView } from '../projects/view';
import { canSee } from '../projects/visibility';
import { canSeeFirm } from '../sme/decide';
import type { SmeFirm } from '../sme/model';
import type { Enterprise } from './model';

/**
 * 一企一档 (武清 §二(一)2): one dossier per enterprise holding its profile and, per project and per
 * pilot SME record, the application versions, reviews, evidence, warnings, assessments, fund tranches
 * and audit trail. A firm may take part in several pilots (issue 12): each item belongs to a project
 * or an SME record of one pilot, and is shown only if the reader may see that record — the same rule
 * as the project page (canSee, canSeeFirm) — so another pilot's bureau sees nothing of this pilot.
 * Items are shown as their reader may see them: projects and their audit events through the panel
 * rule (projectViewFor, auditEventFor), fraud flags (the same file or invoice in two projects) only
 * to officials, so the flag never tips off the enterprise or names another firm's project. An item
 * whose record cannot be found is left out (fail closed).
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

type Owner = { type: 'project'; id: string } | { type: 'sme'; id: string };

/** The project or SME record an item of the dossier belongs to. */
function ownerOf(item: DossierItem): Owner | undefined {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const holder = item.holder as { type?: unknown; projectId?: unknown; firmId?: unknown } | undefined;
  if (holder?.type === 'project' && text(holder.projectId)) return { type: 'project', id: text(holder.projectId)! };
  if (holder?.type === 'sme' && text(holder.firmId)) return { type: 'sme', id: text(holder.firmId)! };
  if (item.subjectType === 'project' && text(item.subjectId)) return { type: 'project', id: text(item.subjectId)! };
  if (item.subjectType === 'sme' && text(item.subjectId)) return { type: 'sme', id: text(item.subjectId)! };
  if (text(item.projectId)) return { type: 'project', id: text(item.projectId)! };
  if (text(item.firmId)) return { type: 'sme', id: text(item.firmId)! };
  return undefined;
}

export function buildDossier(reader: Principal, enterprise: Enterprise, items: readonly DossierItem[]): Dossier {
  const dossier: Dossier = { enterprise, projects: [], smeFirms: [], applicationVersions: [], evidence: [], evidenceFlags: [], warnings: [], auditTrail: [] };
  const readsFlags = reader.roles.some((role) => (FLAG_READERS as readonly string[]).includes(role));
  const projects = new Map<string, Project>();
  const firms = new Map<string, SmeFirm>();
  for (const { itemType, ...item } of items) {
    if (itemType === 'project') projects.set(String(item.id), item as unknown as Project);
    if (itemType === 'smeFirm') firms.set(String(item.id), item as unknown as SmeFirm);
  }
  const visibleProject = (id: string) => {
    const project = projects.get(id);
    return project && canSee(reader, project) ? project : undefined;
  };
  const visibleFirm = (id: string) => {
    const firm = firms.get(id);
    return firm && canSeeFirm(reader, firm) ? firm : undefined;
  };
  for (const { itemType, ...item } of items) {
    if (itemType === 'project') {
      const project = visibleProject(String(item.id));
      if (project) dossier.projects.push(projectViewFor(reader, project));
      continue;
    }
    if (itemType === 'smeFirm') {
      if (visibleFirm(String(item.id))) dossier.smeFirms.push(item);
      continue;
    }
    const owner = ownerOf(item);
    if (!owner) continue;
    const project = owner.type === 'project' ? visibleProject(owner.id) : undefined;
    const firm = owner.type === 'sme' ? visibleFirm(owner.id) : undefined;
    if (!project && !firm) continue;
    switch (itemType) {
      case 'applicationVersion':
        dossier.applicationVersions.push(item);
        break;
      case 'evidence':
        dossier.evidence.push(item);
        break;
      case 'evidenceFlag':
        if (readsFlags) dossier.evidenceFlags.push(item);
        break;
      case 'warning':
        dossier.warnings.push(item);
        break;
      case 'audit':
        dossier.auditTrail.push(project ? auditEventFor(reader, project, item as unknown as AuditEvent) : item);
        break;
      default:
        // The profile and the registrations are `enterprise`; anything else stored under the enterprise is not shown.
        break;
    }
  }
  dossier.auditTrail.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return dossier;
}
