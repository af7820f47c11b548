import * as z from 'zod';
import { DomainError } from '../errors';
import type { Principal, Role } from '../roles';
import { roleReaches, supervisesPilot } from '../scope';
import { parseInput } from '../validation';
import { Text } from '../projects/values';
import { boxesOf, recipientKeys } from './inbox';
import type { EvidenceHolder } from '../evidence/holder';
import type { Obligation, ObligationKind, SubjectType } from './model';
import type { ObligationClose } from './reconcile';

/** The inputs of the inbox and obligation routes, and the rule for a duty an official records by hand. */

export const InboxQuery = z.strictObject({
  /** which of the caller's offices to read, when the caller holds more than one role */
  box: z.string().max(200).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const InboxItemPath = z.object({ itemId: z.string().min(1).max(400).regex(/^[A-Za-z0-9_-]+$/) });

export const ObligationPath = z.object({ obligationId: z.string().min(1).max(300) });

/**
 * Whose obligations a holder's route lists: a project's; a provider's in this pilot's pool only (one
 * provider may serve several); a pilot SME's. An indicator period owes nothing.
 */
export function obligationSubject(holder: EvidenceHolder): { type: SubjectType; id: string; includes: (obligation: Obligation) => boolean } | undefined {
  const all = () => true;
  switch (holder.type) {
    case 'project':
      return { type: 'project', id: holder.projectId, includes: all };
    case 'provider':
      return { type: 'provider', id: holder.providerId, includes: (obligation) => obligation.pilotId === holder.pilotId };
    case 'sme':
      return { type: 'sme', id: holder.firmId, includes: all };
    case 'indicator':
      return undefined;
  }
}

/** A subject's obligations as a list shows them: soonest due first, then by id. */
export function byDueDay(left: Obligation, right: Obligation): number {
  return left.dueDay.localeCompare(right.dueDay) || left.id.localeCompare(right.id);
}

export const FulfilInput = z.strictObject({ note: Text(2000) });

/** The office a caller reads: the one asked for, or their first; NOT_FOUND when they have none. */
export function chooseBox(principal: Principal, box: string | undefined): { box: string; boxes: { role: Role; box: string }[] } {
  const boxes = boxesOf(principal);
  const chosen = box === undefined ? boxes[0] : boxes.find((candidate) => candidate.box === box);
  if (chosen === undefined) throw new DomainError('NOT_FOUND');
  return { box: chosen.box, boxes };
}

/**
 * The items of a box the caller may read. Every office's box is its own, except the supervisors'
 * one box: a province's supervisor reads there only the items of pilots it supervises (issue 12).
 */
export function visibleInboxItems<I extends { pilotId: string }>(principal: Principal, box: string, items: readonly I[]): I[] {
  if (box !== recipientKeys.supervisor()) return [...items];
  return items.filter((item) => supervisesPilot(principal, item.pilotId));
}

/**
 * Duties no lifecycle action records, and who records them: the operator's visit and yearly review
 * (武清 §二(一)2, the operator runs 「季度走访与检查、年度审查与报告」, the bureau may record them too), the
 * bureau's self-evaluation (滨海 §三(六) 区工业和信息化局牵头), and a provider's rectification, which the
 * bureau or the operator confirms. Everything else closes with the lifecycle step that delivers it.
 */
export const MANUAL_FULFILMENT: Partial<Record<ObligationKind, readonly Role[]>> = {
  quarterly_visit: ['operator', 'bureau'],
  yearly_review: ['operator', 'bureau'],
  self_evaluation: ['bureau'],
  provider_rectification: ['bureau', 'operator'],
};

/**
 * Checks, in order: the caller's pilot holds the obligation (NOT_FOUND otherwise, as if it did not
 * exist), the kind is recorded by hand (PRECONDITION_FAILED), the caller's role may record it
 * (FORBIDDEN), it is still open or missed (ILLEGAL_TRANSITION). Late still closes as fulfilled.
 */
export function manualFulfilment(obligation: Obligation | undefined, principal: Principal, input: unknown): { close: ObligationClose; note: string } {
  const { note } = parseInput(FulfilInput, input);
  if (obligation === undefined || !(['bureau', 'operator'] as const).some((role) => roleReaches(role, principal, { pilotId: obligation.pilotId }))) throw new DomainError('NOT_FOUND');
  const roles = MANUAL_FULFILMENT[obligation.kind];
  if (roles === undefined) {
    throw new DomainError('PRECONDITION_FAILED', { message: '此事项随业务办理自动完成，无需单独登记', details: { reason: 'fulfilled_by_lifecycle' } });
  }
  if (!principal.roles.some((role) => roles.includes(role))) throw new DomainError('FORBIDDEN', { details: { kind: obligation.kind } });
  if (obligation.status !== 'open' && obligation.status !== 'missed') {
    throw new DomainError('ILLEGAL_TRANSITION', { details: { status: obligation.status } });
  }
  return { close: { obligation, expected: obligation.status, to: 'fulfilled' }, note };
}
