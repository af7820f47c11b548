import type { FieldIssue } from '../../../../shared/errors';
import type { Obligation } from '../../../../shared/obligations/model';
import { FulfilInput, MANUAL_FULFILMENT } from '../../../../shared/obligations/requests';
import type { Principal } from '../../../../shared/roles';
import { fieldIssues } from '../../../../shared/validation';

/**
 * Which of a project's obligations this user may record as done by hand, and the check of the
 * record: the same table and schema the fulfil route uses (shared/obligations/requests.ts).
 */
export function canRecord(obligation: Obligation, principal: Pick<Principal, 'roles' | 'pilot'> | null | undefined): boolean {
  const roles = MANUAL_FULFILMENT[obligation.kind];
  if (!roles || !principal || principal.pilot !== obligation.pilotId) return false;
  if (obligation.status !== 'open' && obligation.status !== 'missed') return false;
  return principal.roles.some((role) => roles.includes(role));
}

export function checkFulfil(note: string): FieldIssue[] {
  const result = FulfilInput.safeParse({ note });
  return result.success ? [] : fieldIssues(result.error);
}
