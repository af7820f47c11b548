import { describe, expect, it } from 'vitest';
import type { Obligation } from '../../shared/obligations/model';
import { onTimeReporting } from '../../shared/public/reporting';

const towns = [
  { code: 'a', name: '甲街道' },
  { code: 'b', name: '乙镇' },
];

function report(overrides: Partial<Obligation>): Obligation {
  return {
    id: `p:quarterly_report:${Math.random()}`, kind: 'quarterly_report', subjectType: 'project', subjectId: 'p', pilotId: 'x', period: '2025Q2',
    responsible: 'enterprise', town: 'a', dueDay: '2025-07-15', status: 'open', openedAt: '2025-04-01T00:00:00.000Z', ...overrides,
  } as Obligation;
}

describe('each town’s on-time reporting rate', () => {
  const asOf = new Date('2025-10-20T02:00:00Z');

  it('counts reports filed by their due day (Beijing time) against all that fell due', () => {
    const rows = onTimeReporting(towns, [
      // filed at 23:30 Beijing on the due day: on time
      report({ status: 'fulfilled', fulfilledAt: '2025-07-15T15:30:00.000Z' }),
      // filed the next Beijing day: late, and its miss is remembered
      report({ status: 'fulfilled', fulfilledAt: '2025-07-15T16:30:00.000Z', missedAt: '2025-07-16T01:00:00.000Z' }),
      report({ status: 'missed', missedAt: '2025-10-16T01:00:00.000Z', dueDay: '2025-10-15', period: '2025Q3' }),
      report({ status: 'fulfilled', fulfilledAt: '2025-10-10T02:00:00.000Z', dueDay: '2025-10-15', period: '2025Q3', town: 'b' }),
    ], asOf);
    expect(rows).toEqual([
      { town: 'a', name: '甲街道', due: 3, onTime: 1, rate: 1 / 3 },
      { town: 'b', name: '乙镇', due: 1, onTime: 1, rate: 1 },
    ]);
  });

  it('leaves out what is not yet due, cancelled duties and other kinds, and says null rather than 0% when nothing fell due', () => {
    const rows = onTimeReporting(towns, [
      report({ dueDay: '2026-01-15', period: '2025Q4' }),
      report({ status: 'cancelled', cancelledAt: '2025-06-01T00:00:00.000Z' }),
      report({ kind: 'quarterly_visit', responsible: 'operator' }),
      report({ town: 'elsewhere' }),
    ], asOf);
    expect(rows.map((row) => row.rate)).toEqual([null, null]);
  });
});
