import type { ObligationChanges } from './lifecycle';
import type { Obligation, ObligationStatus } from './model';

/**
 * Turns a decision's obligation changes into writes against what is stored, purely: the store reads
 * the obligations named (and, for a cancellation, the subject's open ones) and writes exactly this.
 * Every write is conditioned on the state it was planned from, so a sweep or timer that changed an
 * obligation in between makes the transaction fail and the store plans again from fresh reads.
 */
export interface ObligationClose {
  obligation: Obligation;
  /** the status the plan saw; the write is conditioned on it */
  expected: ObligationStatus;
  to: 'fulfilled' | 'cancelled';
  reason?: string;
}

export interface ObligationWrites {
  /** written only if absent */
  create: Obligation[];
  close: ObligationClose[];
}

export function planObligationWrites(
  changes: ObligationChanges,
  stored: ReadonlyMap<string, Obligation>,
  subjectOpen: readonly Obligation[],
  at: string,
): ObligationWrites {
  const writes: ObligationWrites = { create: [], close: [] };
  const planned = new Set<string>();

  for (const fulfilment of changes.fulfil) {
    if (planned.has(fulfilment.id)) continue;
    const current = stored.get(fulfilment.id);
    if (current === undefined) {
      if (fulfilment.recordIfAbsent) writes.create.push({ ...fulfilment.recordIfAbsent, status: 'fulfilled', fulfilledAt: at });
    } else if (current.status === 'open' || current.status === 'missed') {
      // Late still closes: a missed obligation becomes fulfilled and keeps its missedAt and warning.
      writes.close.push({ obligation: current, expected: current.status, to: 'fulfilled' });
    }
    planned.add(fulfilment.id);
  }

  for (const obligation of changes.open) {
    if (planned.has(obligation.id) || stored.has(obligation.id)) continue;
    writes.create.push(obligation);
    planned.add(obligation.id);
  }

  const cancel = changes.cancelOpen;
  if (cancel) {
    for (const obligation of subjectOpen) {
      if (planned.has(obligation.id) || obligation.status !== 'open') continue;
      if (cancel.kinds !== 'all' && !cancel.kinds.includes(obligation.kind)) continue;
      writes.close.push({ obligation, expected: 'open', to: 'cancelled', reason: cancel.reason });
      planned.add(obligation.id);
    }
  }
  return writes;
}

/** The stored record after a close is applied, for callers that show it. */
export function closed(close: ObligationClose, at: string, by?: string, note?: string): Obligation {
  const next: Obligation = { ...close.obligation, status: close.to };
  if (close.to === 'fulfilled') {
    next.fulfilledAt = at;
    if (by) next.fulfilledBy = by;
    if (note) next.note = note;
  } else {
    next.cancelledAt = at;
    if (close.reason) next.cancelReason = close.reason;
  }
  return next;
}

/**
 * A transaction holds at most 100 items. Creations and fulfilments of one decision are a handful; the
 * cancellations of a terminal decision grow with the project's open obligations, so they are the
 * part that yields: whatever does not fit stays open and the sweep cancels it on its due day (it
 * checks that a project still owes an obligation before raising a warning — see sweep.ts).
 */
export function fitWrites(writes: ObligationWrites, budget: number): { writes: ObligationWrites; deferred: number } {
  const required = writes.create.length + writes.close.filter((close) => close.to === 'fulfilled').length;
  if (required > budget) throw new RangeError(`a decision's obligation writes (${required}) exceed the transaction's room (${budget})`);
  const cancellations = writes.close.filter((close) => close.to === 'cancelled');
  const room = budget - required;
  const kept = cancellations.slice(0, room);
  return {
    writes: { create: writes.create, close: [...writes.close.filter((close) => close.to === 'fulfilled'), ...kept] },
    deferred: cancellations.length - kept.length,
  };
}
