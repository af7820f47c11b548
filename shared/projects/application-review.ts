import type { Role } from '../roles';
import { applicationIssues, type Application, type BudgetKind } from './application';
import type { Project } from './model';
import { sumWan } from './values';

/**
 * What a reviewer reads of an application (滨海 §三(五)2–4: 街镇初审、区局评审、专家评分 all judge the
 * 实施方案及计划、经费使用计划、绩效指标表 and the uploaded materials): the version under review, its
 * totals and materials checklist, and for a resubmission after 退回修改 what changed since the
 * version the town returned. Pure: the store hands in the stored versions.
 */

/** One submitted version as the store keeps it (`APPLICATION#<n>` in the project's partition). */
export interface SubmittedApplication {
  applicationVersion: number;
  submittedAt: string;
  application: Application;
}

export interface ApplicationTotals {
  budgetTotalWan: number;
  fundRequestedWan: number;
  /** fundRequested ÷ budget total, 0 when there is no budget */
  fundShare: number;
  budgetByKind: Array<{ kind: BudgetKind; amountWan: number }>;
}

export function applicationTotals(application: Application): ApplicationTotals {
  const budgetTotalWan = sumWan(application.budget.map((item) => item.amountWan));
  return {
    budgetTotalWan,
    fundRequestedWan: application.fundRequestedWan,
    fundShare: budgetTotalWan > 0 ? application.fundRequestedWan / budgetTotalWan : 0,
    budgetByKind: application.budget.map((item) => ({ kind: item.kind, amountWan: item.amountWan })),
  };
}

/** The parts 滨海 §三(五)2 asks an application to hold, each present or missing. */
export const CHECKLIST_ITEMS = ['implementationPlan', 'milestones', 'budget', 'fundRequestedWan', 'indicators', 'evidenceIds'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistEntry {
  item: ChecklistItem;
  present: boolean;
  /** rows or files the part holds (1 for a filled text or amount) */
  count: number;
}

export function materialsChecklist(application: Application): ChecklistEntry[] {
  // The checklist asks what is there, not whether its dates are still ahead: read as of the epoch,
  // no milestone lies in the past, so only absent parts are listed.
  const missing = new Set(applicationIssues(application, new Date(0)).map((issue) => issue.path.replace(/^application\./, '')));
  const counts: Record<ChecklistItem, number> = {
    implementationPlan: application.implementationPlan.trim().length > 0 ? 1 : 0,
    milestones: application.milestones.length,
    budget: application.budget.length,
    fundRequestedWan: application.fundRequestedWan > 0 ? 1 : 0,
    indicators: application.indicators.length,
    evidenceIds: application.evidenceIds.length,
  };
  // Materials are not required by applicationIssues; the checklist still says whether any were attached.
  return CHECKLIST_ITEMS.map((item) => ({ item, count: counts[item], present: counts[item] > 0 && !missing.has(item) }));
}

export type ApplicationChange =
  | { part: 'implementationPlan'; kind: 'changed' }
  | { part: 'fundRequestedWan'; kind: 'changed'; before: number; after: number }
  | { part: 'milestones'; kind: 'added' | 'removed'; name: string; due: string }
  | { part: 'milestones'; kind: 'changed'; name: string; before: string; after: string }
  | { part: 'budget'; kind: 'added' | 'removed'; budgetKind: BudgetKind; amountWan: number }
  | { part: 'budget'; kind: 'changed'; budgetKind: BudgetKind; before: number; after: number }
  | { part: 'indicators'; kind: 'added' | 'removed'; name: string; unit: string; target: number }
  | { part: 'indicators'; kind: 'changed'; name: string; unit: string; before: number; after: number }
  | { part: 'evidenceIds'; kind: 'added' | 'removed'; evidenceId: string };

/**
 * What changed from `before` to `after`, row by row: milestones and indicators are matched by name,
 * budget lines by kind (one line per kind), files by id. A renamed row reads as removed + added.
 */
export function applicationChanges(before: Application, after: Application): ApplicationChange[] {
  const changes: ApplicationChange[] = [];
  if (before.implementationPlan.trim() !== after.implementationPlan.trim()) changes.push({ part: 'implementationPlan', kind: 'changed' });

  const oldMilestones = new Map(before.milestones.map((row) => [row.name, row]));
  const newMilestones = new Map(after.milestones.map((row) => [row.name, row]));
  for (const row of after.milestones) {
    const old = oldMilestones.get(row.name);
    if (!old) changes.push({ part: 'milestones', kind: 'added', name: row.name, due: row.due });
    else if (old.due !== row.due) changes.push({ part: 'milestones', kind: 'changed', name: row.name, before: old.due, after: row.due });
  }
  for (const row of before.milestones) if (!newMilestones.has(row.name)) changes.push({ part: 'milestones', kind: 'removed', name: row.name, due: row.due });

  const oldBudget = new Map(before.budget.map((row) => [row.kind, row.amountWan]));
  const newBudget = new Map(after.budget.map((row) => [row.kind, row.amountWan]));
  for (const row of after.budget) {
    const old = oldBudget.get(row.kind);
    if (old === undefined) changes.push({ part: 'budget', kind: 'added', budgetKind: row.kind, amountWan: row.amountWan });
    else if (old !== row.amountWan) changes.push({ part: 'budget', kind: 'changed', budgetKind: row.kind, before: old, after: row.amountWan });
  }
  for (const row of before.budget) if (!newBudget.has(row.kind)) changes.push({ part: 'budget', kind: 'removed', budgetKind: row.kind, amountWan: row.amountWan });

  if (before.fundRequestedWan !== after.fundRequestedWan) {
    changes.push({ part: 'fundRequestedWan', kind: 'changed', before: before.fundRequestedWan, after: after.fundRequestedWan });
  }

  const oldIndicators = new Map(before.indicators.map((row) => [row.name, row]));
  const newIndicators = new Map(after.indicators.map((row) => [row.name, row]));
  for (const row of after.indicators) {
    const old = oldIndicators.get(row.name);
    if (!old) changes.push({ part: 'indicators', kind: 'added', name: row.name, unit: row.unit, target: row.target });
    else if (old.target !== row.target || old.unit !== row.unit) {
      changes.push({ part: 'indicators', kind: 'changed', name: row.name, unit: row.unit, before: old.target, after: row.target });
    }
  }
  for (const row of before.indicators) {
    if (!newIndicators.has(row.name)) changes.push({ part: 'indicators', kind: 'removed', name: row.name, unit: row.unit, target: row.target });
  }

  const oldFiles = new Set(before.evidenceIds);
  const newFiles = new Set(after.evidenceIds);
  for (const id of after.evidenceIds) if (!oldFiles.has(id)) changes.push({ part: 'evidenceIds', kind: 'added', evidenceId: id });
  for (const id of before.evidenceIds) if (!newFiles.has(id)) changes.push({ part: 'evidenceIds', kind: 'removed', evidenceId: id });
  return changes;
}

/** The application as one reader reads it: GET /projects/{projectId}/application. */
export interface ApplicationReview {
  /** the submission version shown; 0 for a draft never submitted */
  applicationVersion: number;
  submittedAt: string | null;
  /** true when the enterprise reads its own draft (not yet the version under review) */
  draft: boolean;
  application: Application;
  totals: ApplicationTotals;
  checklist: ChecklistEntry[];
  /** for a resubmission after 退回修改: the version the town returned, and what changed since */
  since: { applicationVersion: number; submittedAt: string; application: Application; changes: ApplicationChange[] } | null;
}

/**
 * Which application a reader sees. The enterprise reads its own working copy. Everyone else reads
 * the version under review: while the enterprise revises a returned project (`returned`), that is
 * the last submitted version, not the unsent draft; afterwards it is the project's application
 * (equal to the latest submission, with approved changes applied later on).
 *
 * The comparison base is the version the town last returned (only the town returns, 滨海 §三(五)3),
 * so every reviewer sees what the enterprise changed in answer to 退回修改.
 */
/** Totals, checklist and changes of an application as it stands, e.g. the editor's unsent values. */
export function reviewParts(application: Application, base: SubmittedApplication | undefined): Pick<ApplicationReview, 'totals' | 'checklist' | 'since'> {
  return {
    totals: applicationTotals(application),
    checklist: materialsChecklist(application),
    since: base
      ? { applicationVersion: base.applicationVersion, submittedAt: base.submittedAt, application: base.application, changes: applicationChanges(base.application, application) }
      : null,
  };
}

export function applicationReviewFor(roles: readonly Role[], project: Project, versions: readonly SubmittedApplication[]): ApplicationReview {
  const ownDraft = roles.includes('enterprise') && (project.status === 'draft' || project.status === 'returned');
  const latest = versions.find((version) => version.applicationVersion === project.applicationVersion);
  const showsSnapshot = !ownDraft && project.status === 'returned' && latest !== undefined;
  const application = showsSnapshot ? latest.application : project.application;
  const shownVersion = project.submittedAt === undefined ? 0 : project.applicationVersion;
  const returned = [...project.preliminaryReviews]
    .reverse()
    .find((review) => review.outcome === 'returned' && review.applicationVersion < shownVersion + (ownDraft ? 1 : 0));
  const base = returned && versions.find((version) => version.applicationVersion === returned.applicationVersion);
  // The enterprise revising version n compares its draft with n; a reviewer compares n+1 with n.
  const since =
    base && (ownDraft || base.applicationVersion < shownVersion)
      ? {
          applicationVersion: base.applicationVersion,
          submittedAt: base.submittedAt,
          application: base.application,
          changes: applicationChanges(base.application, application),
        }
      : null;
  return {
    applicationVersion: shownVersion,
    submittedAt: showsSnapshot ? latest.submittedAt : (project.submittedAt ?? null),
    draft: ownDraft,
    application,
    totals: applicationTotals(application),
    checklist: materialsChecklist(application),
    since,
  };
}
