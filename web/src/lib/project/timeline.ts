import type { ProjectView } from '../api/endpoints';
import { formatWan } from '../format';
import { label, t, type MessageKey, type MessageParams } from '../i18n';

/**
 * A project's history as one dated list, newest last, built from the records the project view
 * carries (reviews, selection, notice, agreement, funds, reports, checks, warnings, changes,
 * acceptance). Each role sees only what its view holds (shared/projects/view.ts).
 */
export interface TimelineEntry {
  at: string;
  title: string;
  /** the words of whoever acted: comments, reasons, findings */
  detail?: string;
  tone?: 'warning' | 'success';
}

function entry(at: string | undefined, key: MessageKey, params?: MessageParams, detail?: string, tone?: TimelineEntry['tone']): TimelineEntry[] {
  if (!at) return [];
  return [{ at, title: t(key, params), ...(detail ? { detail } : {}), ...(tone ? { tone } : {}) }];
}

function joined(...parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return present.length > 0 ? present.join('\n') : undefined;
}

export function projectTimeline(view: ProjectView): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...entry(view.createdAt, 'timeline.created'),
    ...entry(view.submittedAt, 'timeline.submitted', { version: view.applicationVersion }),
    ...view.preliminaryReviews.flatMap((review) =>
      review.outcome === 'recommended'
        ? entry(review.reviewedAt, 'timeline.recommended', { version: review.applicationVersion }, joined(review.recommendation, review.comments), 'success')
        : entry(review.reviewedAt, 'timeline.returned', { version: review.applicationVersion }, review.comments, 'warning'),
    ),
    ...(view.experts?.assignments ?? []).flatMap((assignment) => [
      ...entry(assignment.assignedAt, 'timeline.expertAssigned', { name: assignment.name }),
      ...entry(assignment.declaration?.declaredAt, assignment.declaration?.hasConflict ? 'timeline.conflict' : 'timeline.noConflict', { name: assignment.name }, assignment.declaration?.statement),
    ]),
    ...view.scores.flatMap((score) => entry(score.submittedAt, 'timeline.scored', { name: score.name, total: score.total }, score.comments)),
    ...selectionEntries(view),
    ...(view.publicNotice?.objections ?? []).flatMap((objection) => [
      ...entry(objection.receivedAt, 'timeline.objection', {}, objection.text, 'warning'),
      ...entry(objection.answeredAt, 'timeline.objectionAnswered', {}, objection.answer),
    ]),
    ...entry(view.agreement?.signedAt, 'timeline.agreementSigned'),
    ...entry(view.fundPlan?.issuedAt, 'timeline.fundPlan', {
      pre: formatWan(view.fundPlan?.preAllocationWan ?? 0),
      rest: formatWan(view.fundPlan?.remainderWan ?? 0),
    }, view.fundPlan?.meetingRef),
    ...view.tranches.flatMap((tranche) => entry(tranche.paidAt, 'timeline.tranche', { kind: label('trancheKind', tranche.kind), amount: formatWan(tranche.amountWan) }, tranche.reference)),
    ...view.progressReports.flatMap((report) => entry(report.reportedAt, 'timeline.progress', { period: report.period, percent: report.percentComplete }, report.summary)),
    ...view.spotChecks.flatMap((check) =>
      entry(check.recordedAt, 'timeline.spotCheck', { outcome: label('spotCheckOutcome', check.outcome) }, check.findings, check.outcome === 'issues_found' ? 'warning' : undefined),
    ),
    ...view.warnings.flatMap((warning) => [
      ...entry(warning.issuedAt, 'timeline.warning', { category: label('warningCategory', warning.category) }, warning.reason, 'warning'),
      ...entry(warning.clearedAt, 'timeline.warningCleared', {}, warning.clearNote),
    ]),
    ...view.changeRequests.flatMap((change) => [
      ...entry(change.requestedAt, 'timeline.changeRequested', { kind: label('changeKind', change.details.kind) }, change.reason),
      ...entry(change.decision?.decidedAt, change.decision?.outcome === 'approved' ? 'timeline.changeApproved' : 'timeline.changeRejected', {}, change.decision?.comments),
    ]),
    ...view.acceptanceRounds.flatMap((round) => [
      ...entry(round.requestedAt, 'timeline.acceptanceRequested', {}, round.summary),
      ...entry(round.formalReview?.reviewedAt, round.formalReview?.outcome === 'passed' ? 'timeline.formalPassed' : 'timeline.formalReturned', {}, round.formalReview?.comments),
      ...entry(round.assessment?.assessedAt, 'timeline.assessed', { conclusion: label('assessConclusion', round.assessment?.conclusion ?? '') }, round.assessment?.summary),
      ...entry(round.decision?.decidedAt, round.decision?.outcome === 'accepted' ? 'timeline.accepted' : 'timeline.rectificationOrdered', {}, round.decision?.comments, round.decision?.outcome === 'accepted' ? 'success' : 'warning'),
    ]),
    ...view.rectifications.flatMap((rectification) => entry(rectification.orderedAt, 'timeline.rectification', { deadline: rectification.deadline }, rectification.reasons, 'warning')),
    // A declined selection already says why; a withdrawal or termination says it in its closure.
    ...(view.status === 'withdrawn' || view.status === 'terminated' ? entry(view.closure?.at, 'timeline.closed', { status: label('status', view.status) }, view.closure?.reason, 'warning') : []),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function selectionEntries(view: ProjectView): TimelineEntry[] {
  const selection = view.selection;
  if (!selection) return [];
  if (selection.outcome === 'declined') return entry(selection.decidedAt, 'timeline.declined', {}, selection.reason, 'warning');
  return [
    ...entry(selection.decidedAt, 'timeline.selected', { amount: formatWan(selection.approvedAmountWan), end: view.publicNotice?.end ?? '' }, selection.comments, 'success'),
    ...entry(selection.confirmedAt, 'timeline.confirmed', { deadline: view.agreement?.deadline ?? '' }),
  ];
}
