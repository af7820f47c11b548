import * as z from 'zod';
import { DomainError } from '../errors';
import { Id } from '../projects/values';
import type { Principal } from '../roles';
import { roleReaches, supervisesPilot } from '../scope';
import { availableSmeActions } from '../sme/decide';
import { SmePolicy, SmeStatus, type SmeFirm } from '../sme/model';
import { parseInput } from '../validation';

/**
 * The HTTP side of the SME path (004): which list a caller reads, what a firm looks like to them, and
 * who sets the subsidy table. The path itself is shared/sme (decideSme, createEnrolment).
 */
export const FirmPath = z.object({ firmId: Id });
export const FirmActionPath = z.object({ firmId: Id, action: z.string().min(1).max(40) });
export const FirmActionRequest = z.strictObject({ expectedVersion: z.number().int().positive(), input: z.unknown().optional() });
export const FirmListQuery = z.object({ pilotId: Id.optional(), status: SmeStatus.optional(), town: Id.optional() });
export type FirmListQuery = z.infer<typeof FirmListQuery>;

export type FirmList = { kind: 'enterprise'; uscc: string } | { kind: 'pilot'; pilotId: string; town?: string; status?: string };

/** One key query per caller: an enterprise's own firms, or one pilot's (a town: its area) — no Scan. */
export function firmListFor(actor: Principal, query: FirmListQuery): FirmList {
  if (actor.roles.includes('enterprise') && actor.uscc) return { kind: 'enterprise', uscc: actor.uscc };
  // A provider or a supervisor works across pilots and names one; everyone else works in their own.
  const crossPilot = actor.roles.includes('supervisor') || actor.roles.includes('provider');
  const pilotId = crossPilot ? query.pilotId : actor.pilot;
  if (!pilotId) throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'pilotId', message: '请选择试点' }] });
  if (query.pilotId !== undefined && query.pilotId !== pilotId) throw new DomainError('NOT_FOUND');
  // A supervisor reads only pilots it supervises; a provider's list is narrowed to the firms it serves by the handler.
  if (actor.roles.includes('supervisor') && !actor.roles.includes('provider') && !supervisesPilot(actor, pilotId)) throw new DomainError('NOT_FOUND');
  const town = actor.roles.includes('town') && !actor.roles.some((role) => role === 'bureau' || role === 'operator') ? actor.town : query.town;
  return { kind: 'pilot', pilotId, ...(town ? { town } : {}), ...(query.status ? { status: query.status } : {}) };
}

export function firmViewFor(actor: Principal, firm: SmeFirm): SmeFirm & { availableActions: string[] } {
  return { ...firm, availableActions: availableSmeActions(firm, actor) };
}

/** 004 §四(二)5: the bureau of the pilot sets its subsidy amounts by level (the seed names none). */
export function checkPolicyChange(actor: Principal, pilotId: string, input: unknown): SmePolicy {
  if (!actor.roles.includes('bureau')) throw new DomainError('FORBIDDEN');
  if (!roleReaches('bureau', actor, { pilotId })) throw new DomainError('NOT_FOUND');
  return parseInput(SmePolicy, input);
}
