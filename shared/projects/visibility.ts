import * as z from 'zod';
import type { Principal, Role } from '../roles';
import { roleReaches } from '../scope';
import { DemonstrationType, ProjectCategory, ProjectStatus, type Project } from './model';
import { IsoDate, IsoDateTime } from './values';

/**
 * Who may see a project. A draft that was never submitted is the enterprise's own work: officials
 * see a project from its first submission (滨海 §三(五)3: 街镇组织申报 — they see what is forwarded).
 */

/** An expert sees the projects they are assigned to, unless they declared a conflict and stepped aside. */
export function isActiveExpert(subject: string, project: Project): boolean {
  const assignment = project.experts?.assignments.find((candidate) => candidate.subject === subject);
  return assignment !== undefined && assignment.declaration?.hasConflict !== true;
}

/**
 * Whether the actor, acting in `role`, is within that role's scope for this project: the scope rule
 * of shared/scope.ts (pilot, town, enterprise, supervised pilot), narrowed for officials to submitted
 * projects and for an expert to an active assignment.
 */
export function roleScopeFits(role: Role, actor: Principal, project: Project): boolean {
  const submitted = project.submittedAt !== undefined;
  const target = { pilotId: project.pilotId, town: project.town, uscc: project.uscc };
  switch (role) {
    case 'enterprise':
      return roleReaches(role, actor, target);
    case 'expert':
      return submitted && roleReaches(role, actor, target) && isActiveExpert(actor.subject, project);
    case 'town': // 滨海 §三(五)3: 对本区域企业的项目申报材料进行初审
    case 'bureau':
    case 'operator':
    case 'finance':
    case 'supervisor': // 108号 §三(三): 省级主管部门跨试点城市加强过程管理, within its supervision
      return submitted && roleReaches(role, actor, target);
    case 'provider':
    case 'data_unit':
    case 'assessor':
      return false;
  }
}

export function canSee(actor: Principal, project: Project): boolean {
  return actor.roles.some((role) => roleScopeFits(role, actor, project));
}

/** The panel has closed once the project has left expert review (selected, declined, withdrawn …). */
export function panelClosed(project: Project): boolean {
  return project.experts !== undefined && project.status !== 'expert_review';
}

/**
 * How much of the expert panel a reader may know (滨海 §三(五)4, independent review): the offices
 * that run the review (bureau, operator) and a supervisor know all of it; an expert on the panel
 * knows their own part while the review runs and the whole panel once it has closed; everyone else
 * (the enterprise, the town, finance) knows only how many experts there are, so nobody can lobby
 * one. Every read that carries panel facts — the project view, score sheets, audit events,
 * obligations — asks this one rule.
 */
export type PanelAccess = 'full' | 'own' | 'none';

export function panelAccess(actor: Principal, project: Project): PanelAccess {
  if ((['bureau', 'operator', 'supervisor'] as const).some((role) => roleScopeFits(role, actor, project))) return 'full';
  if (roleScopeFits('expert', actor, project)) return panelClosed(project) ? 'full' : 'own';
  return 'none';
}

/**
 * What anyone may read about a project once its selection has been made public (公示): never the
 * application, budgets, scores, invoices, contacts or the enterprise's code.
 */
export const PublicProject = z.object({
  id: z.string(),
  pilotId: z.string(),
  title: z.string(),
  category: ProjectCategory,
  demonstrationType: DemonstrationType,
  town: z.string(),
  status: ProjectStatus,
  approvedAmountWan: z.number().nullable(),
  noticeStart: IsoDateTime.nullable(),
  noticeEnd: IsoDate.nullable(),
  agreementSignedAt: IsoDateTime.nullable(),
  fundPlanIssuedAt: IsoDateTime.nullable(),
  acceptedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
});
export type PublicProject = z.infer<typeof PublicProject>;

/** Disclosed from the start of its public notice on; before that a project is nobody's public business. */
export function isDisclosed(project: Project): boolean {
  return project.publicNotice !== undefined;
}

/** The public view of a project, or null while it is undisclosed. Built field by field, never by omission. */
export function publicView(project: Project): PublicProject | null {
  if (!isDisclosed(project)) return null;
  const selection = project.selection;
  const accepted = project.acceptanceRounds.find((round) => round.decision?.outcome === 'accepted');
  return {
    id: project.id,
    pilotId: project.pilotId,
    title: project.title,
    category: project.category,
    demonstrationType: project.demonstrationType,
    town: project.town,
    status: project.status,
    approvedAmountWan: selection?.outcome === 'selected' ? selection.approvedAmountWan : null,
    noticeStart: project.publicNotice?.start ?? null,
    noticeEnd: project.publicNotice?.end ?? null,
    agreementSignedAt: project.agreement?.signedAt ?? null,
    fundPlanIssuedAt: project.fundPlan?.issuedAt ?? null,
    acceptedAt: accepted?.decision?.decidedAt ?? null,
    closedAt: project.closure?.at ?? null,
  };
}

/**
 * Whether a change altered what the public sees of a project, so its pilot's snapshot must be
 * republished (the dashboards read snapshots only). Tranches, 收回 / 扣减 orders and repayments count:
 * the public sees the funds net of them (shared/funds/ledger.ts publicFunds).
 */
export function disclosureChanged(before: Project | undefined, after: Project): boolean {
  const money = (project: Project) => [project.tranches.length, project.fundOrders?.length ?? 0, project.repayments?.length ?? 0];
  const disclosed = (project: Project | undefined) => (project ? JSON.stringify([publicView(project), isDisclosed(project) ? money(project) : 0]) : 'null');
  return disclosed(before) !== disclosed(after);
}
