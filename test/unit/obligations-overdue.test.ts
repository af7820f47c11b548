import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../shared/calendar/dates';
import { overdueDays } from '../../shared/obligations/overdue';

describe('how late an obligation is, computed when read', () => {
  it('is on time through its due day and late by one day the day after', () => {
    expect(overdueDays({ status: 'open', dueDay: '2025-07-15' }, '2025-07-15')).toBe(0);
    expect(overdueDays({ status: 'open', dueDay: '2025-07-15' }, '2025-07-16')).toBe(1);
  });

  it('counts an open duty past its day as late before the sweep has marked it missed', () => {
    expect(overdueDays({ status: 'open', dueDay: '2025-07-15' }, '2025-08-01')).toBe(17);
    expect(overdueDays({ status: 'missed', dueDay: '2025-07-15' }, '2025-08-01')).toBe(17);
  });

  it('counts nothing once the duty is fulfilled or cancelled', () => {
    expect(overdueDays({ status: 'fulfilled', dueDay: '2025-07-15' }, '2025-08-01')).toBe(0);
    expect(overdueDays({ status: 'cancelled', dueDay: '2025-07-15' }, '2025-08-01')).toBe(0);
  });

  it('counts calendar days across a month and a year end', () => {
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
    expect(daysBetween('2026-01-02', '2025-12-30')).toBe(-3);
  });
});
