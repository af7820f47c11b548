import { describe, expect, it } from 'vitest';
import { daysToSweep, shanghaiDay, warningForMiss, type Obligation } from '../../shared/obligations/model';

describe('deadline sweep days', () => {
  it('uses the Beijing calendar day', () => {
    expect(shanghaiDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(shanghaiDay(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('sweeps every day after the last completed sweep up to yesterday', () => {
    expect(daysToSweep('2026-11-20', new Date('2026-11-23T01:00:00Z'))).toEqual(['2026-11-21', '2026-11-22']);
  });

  it('sweeps nothing twice on the same day and looks back a week the first time', () => {
    expect(daysToSweep('2026-11-22', new Date('2026-11-23T01:00:00Z'))).toEqual([]);
    expect(daysToSweep(undefined, new Date('2026-11-23T01:00:00Z'))).toHaveLength(7);
  });

  it('derives the warning id from the obligation so a miss can raise only one', () => {
    const obligation: Obligation = {
      id: 'o1', kind: 'quarterly_report', pilotId: 'p', subjectId: 'proj', uscc: 'X', dueDay: '2026-10-15', status: 'open', openedAt: '2026-07-01T00:00:00.000Z',
    };
    const first = warningForMiss(obligation, new Date('2026-10-16T01:00:00Z'));
    const again = warningForMiss(obligation, new Date('2026-10-17T01:00:00Z'));
    expect(first.id).toBe(again.id);
    expect(first.message).toBe('季度进度报告已逾期（截止 2026-10-15）');
  });
});
