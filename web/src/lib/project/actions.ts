import { fundOrdersOf, unsettledWan } from '../../../../shared/funds/project';
import { availableProjectActions } from '../../../../shared/projects/decide';
import type { ProjectAction } from '../../../../shared/projects/lifecycle';
import type { Project } from '../../../../shared/projects/model';
import type { Principal } from '../../../../shared/roles';
import type { ProjectView } from '../api/endpoints';

/**
 * Which lifecycle steps to offer on a project page. The rule is the domain's own
 * (`availableProjectActions`: role, scope and state); this only leaves out steps whose
 * precondition the page can already see is unmet, so no button leads to a certain refusal.
 */

/** The view as the record it came from, enough for the role/scope/state check (scores are not needed). */
export function asProject(view: ProjectView): Project {
  const { experts, expertCount: _count, scores: _scores, ...rest } = view;
  if (!experts) return rest;
  return { ...rest, experts: { rubric: experts.rubric, assignments: experts.assignments.map(({ scored: _scored, ...assignment }) => assignment) } };
}

/** Steps edited on their own page rather than as a form on the detail page. */
const EDITED_ELSEWHERE: readonly ProjectAction[] = ['save_draft'];

export function ownAssignment(view: ProjectView, principal: Principal) {
  return view.experts?.assignments.find((assignment) => assignment.subject === principal.subject);
}

function stillOpen(view: ProjectView, action: ProjectAction, principal: Principal): boolean {
  switch (action) {
    case 'declare_conflict':
      return ownAssignment(view, principal)?.declaration === undefined;
    case 'submit_score': {
      const own = ownAssignment(view, principal);
      return own?.declaration?.hasConflict === false && !own.scored;
    }
    case 'clear_warning':
      return view.warnings.some((warning) => warning.clearedAt === undefined);
    case 'answer_objection':
      return (view.publicNotice?.objections ?? []).some((objection) => objection.answer === undefined);
    case 'approve_change':
    case 'reject_change':
    case 'approve_termination':
      return pendingChange(view, action === 'approve_termination') !== undefined;
    case 'record_repayment':
      return openRecoveries(view).length > 0;
    case 'request_change':
      return !view.changeRequests.some((request) => request.decision === undefined);
    default:
      return true;
  }
}

/** 收回 orders that still await repayments (issue 13), with what each still awaits. */
export function openRecoveries(view: ProjectView) {
  return fundOrdersOf(view)
    .filter((order) => order.measure === 'recovery')
    .map((order) => ({ order, openWan: unsettledWan(view, order) }))
    .filter(({ openWan }) => openWan > 0);
}

/** The change request awaiting a decision; termination requests are decided by their own step. */
export function pendingChange(view: ProjectView, termination: boolean) {
  const pending = view.changeRequests.find((request) => request.decision === undefined);
  if (!pending) return undefined;
  return (pending.details.kind === 'termination') === termination ? pending : undefined;
}

export function offeredActions(view: ProjectView, principal: Principal | null): ProjectAction[] {
  if (!principal) return [];
  return availableProjectActions(asProject(view), principal).filter((action) => !EDITED_ELSEWHERE.includes(action) && stillOpen(view, action, principal));
}

/** Steps that end or set back a project: their button is styled as a warning and asks before sending. */
export const GRAVE_ACTIONS: readonly ProjectAction[] = ['withdraw', 'decline', 'terminate', 'return_for_revision', 'return_formal_review', 'order_rectification', 'approve_termination'];
