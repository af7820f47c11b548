import { TERMINAL_STATUSES, STATUS_LABELS } from '../projects/lifecycle';
import type { AuditEvent } from '../projects/machine';
import type { Project, ProjectStatus } from '../projects/model';
import { obligationId, beijingDate, type Obligation, type ObligationKind, type SubjectType } from './model';
import {
  compareQuarters,
  projectObligation,
  quarterlyObligations,
  quarterlyReportDue,
  quarterlyVisitDue,
  quarterOf,
  YEARLY_REVIEW_LAST_START_MONTH,
  yearlyReview,
} from './periods';
import { pendingScorers, stageObligation, stageOfStatus, stagePeriod } from './review-windows';

/**
 * Which obligations a lifecycle decision opens, fulfils and cancels — a pure function of the project
 * before and after and the audit event, so the store can write them in the decision's own transaction.
 *
 * - confirm_selection opens the task-agreement signing window (滨海 §三(五)5 「在规定的时间内」: the
 *   deadline the bureau set); sign_agreement fulfils it.
 * - entering delivery (issue_fund_plan; back from acceptance or into rectification) opens the current
 *   quarter's progress report and visit (武清 §二(一)2 「季度走访与检查」, 滨海 §三(五)7); issue_fund_plan
 *   also opens this year's review (「年度审查与报告」). Later quarters and years are opened by the
 *   periodic timer on the day they begin (periodic.ts).
 * - report_progress fulfils its quarter's report; a spot check or visit recorded fulfils its quarter's visit.
 * - order_rectification opens its deadline (滨海 §三(五)10 「限期整改」); request_acceptance from
 *   rectification fulfils it. Requesting acceptance ends quarterly reporting: the acceptance materials
 *   (滨海 §三(五)9) supersede it, and report_progress is not open to a project under acceptance.
 * - each review stage opens its working-day window on entry and is fulfilled on exit (review-windows.ts).
 * - a terminal state (accepted, not selected, terminated, withdrawn) cancels everything still open.
 * Fulfilling late still closes the obligation; the store keeps its miss and its warning.
 */
export interface Fulfilment {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  /**
   * Written as already fulfilled when the obligation was never opened. Only for periods the timer
   * opens (a quarter's report or visit): a report filed on the day the quarter's obligation is being
   * opened must still count, whichever write lands first.
   */
  recordIfAbsent?: Obligation;
}

export interface ObligationChanges {
  open: Obligation[];
  fulfil: Fulfilment[];
  cancelOpen?: { kinds: readonly ObligationKind[] | 'all'; reason: string };
}

/** Where report_progress is allowed, so where a quarterly report can be owed. */
export const REPORTING_STATUSES: readonly ProjectStatus[] = ['in_progress', 'rectification'];
/** Delivered but not finished: the operator's yearly review still applies. */
export const ACTIVE_STATUSES: readonly ProjectStatus[] = ['in_progress', 'acceptance_requested', 'formally_reviewed', 'assessed', 'rectification'];
const QUARTERLY_KINDS: readonly ObligationKind[] = ['quarterly_report', 'quarterly_visit'];

export function isTerminal(status: ProjectStatus): boolean {
  return (TERMINAL_STATUSES as readonly ProjectStatus[]).includes(status);
}

const fulfilment = (project: Project, kind: ObligationKind, period: string, recordIfAbsent?: Obligation): Fulfilment => ({
  id: obligationId(project.id, kind, period),
  subjectType: 'project',
  subjectId: project.id,
  ...(recordIfAbsent ? { recordIfAbsent } : {}),
});

/** A quarter's duty counts only from the quarter the fund plan was issued in; earlier quarters were never owed. */
function owedQuarter(project: Project, quarter: string, today: string): boolean {
  const issuedAt = project.fundPlan?.issuedAt;
  if (issuedAt === undefined) return false;
  const first = quarterOf(beijingDate(new Date(issuedAt)));
  return compareQuarters(quarter, first) >= 0 && compareQuarters(quarter, quarterOf(today)) <= 0;
}

function stageChanges(before: Project | undefined, after: Project, today: string, at: string, changes: ObligationChanges): void {
  const statusChanged = before?.status !== after.status;
  const left = before && statusChanged ? stageOfStatus(before.status) : undefined;
  if (before && left) changes.fulfil.push(fulfilment(before, 'review_stage', stagePeriod(left, before)));
  const entered = statusChanged ? stageOfStatus(after.status) : undefined;
  if (entered) changes.open.push(stageObligation(after, entered, today, at));
  // The experts' part of the review ends with the last score, before the bureau selects.
  if (before && !statusChanged && after.status === 'expert_review' && pendingScorers(before).length > 0 && pendingScorers(after).length === 0) {
    changes.fulfil.push(fulfilment(after, 'review_stage', stagePeriod('expert_scoring', after)));
  }
}

function deliveryChanges(before: Project | undefined, after: Project, event: AuditEvent, today: string, changes: ObligationChanges): void {
  const at = event.at;
  const enteredReporting = REPORTING_STATUSES.includes(after.status) && (before === undefined || !REPORTING_STATUSES.includes(before.status));
  if (enteredReporting) changes.open.push(...quarterlyObligations(after, quarterOf(today), at));
  if (event.action === 'issue_fund_plan' && Number(today.slice(5, 7)) <= YEARLY_REVIEW_LAST_START_MONTH) {
    changes.open.push(yearlyReview(after, Number(today.slice(0, 4)), at));
  }
  switch (event.action) {
    case 'confirm_selection':
      if (after.agreement) changes.open.push(projectObligation(after, 'agreement_signing', 'agreement', after.agreement.deadline, at));
      break;
    case 'sign_agreement':
      changes.fulfil.push(fulfilment(after, 'agreement_signing', 'agreement'));
      break;
    case 'report_progress': {
      const period = after.progressReports.at(-1)?.period;
      if (period && owedQuarter(after, period, today)) {
        changes.fulfil.push(fulfilment(after, 'quarterly_report', period, projectObligation(after, 'quarterly_report', period, quarterlyReportDue(period), at)));
      }
      break;
    }
    case 'record_spot_check': {
      const checkedOn = after.spotChecks.at(-1)?.checkedOn;
      const quarter = checkedOn ? quarterOf(checkedOn) : undefined;
      if (quarter && owedQuarter(after, quarter, today)) {
        changes.fulfil.push(fulfilment(after, 'quarterly_visit', quarter, projectObligation(after, 'quarterly_visit', quarter, quarterlyVisitDue(quarter), at)));
      }
      break;
    }
    case 'order_rectification': {
      const rectification = after.rectifications.at(-1);
      if (rectification) changes.open.push(projectObligation(after, 'rectification', rectification.id, rectification.deadline, at));
      break;
    }
    case 'request_acceptance': {
      const rectification = before?.status === 'rectification' ? before.rectifications.at(-1) : undefined;
      if (rectification) changes.fulfil.push(fulfilment(after, 'rectification', rectification.id));
      changes.cancelOpen = { kinds: QUARTERLY_KINDS, reason: '项目已申请验收，季度进度报告与走访转入验收' };
      break;
    }
    default:
      break;
  }
}

export function obligationChanges(before: Project | undefined, after: Project, event: AuditEvent): ObligationChanges {
  const today = beijingDate(new Date(event.at));
  const changes: ObligationChanges = { open: [], fulfil: [] };
  if (isTerminal(after.status)) {
    if (before === undefined || !isTerminal(before.status)) changes.cancelOpen = { kinds: 'all', reason: `项目${STATUS_LABELS[after.status]}` };
    return changes;
  }
  stageChanges(before, after, today, event.at, changes);
  deliveryChanges(before, after, event, today, changes);
  return changes;
}
