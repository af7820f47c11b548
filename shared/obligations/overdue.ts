import { daysBetween } from '../calendar/dates';
import type { Obligation } from './model';

/**
 * How many days an obligation is late, computed when read (issue 14 §4): a duty still owed after its
 * due day (inclusive, a Beijing calendar day) is late from the next day on, whether or not the daily
 * sweep has marked it missed yet. A fulfilled or cancelled one is not late any more; 0 means on time.
 */
export function overdueDays(obligation: Pick<Obligation, 'status' | 'dueDay'>, today: string): number {
  if (obligation.status !== 'open' && obligation.status !== 'missed') return 0;
  return Math.max(0, daysBetween(obligation.dueDay, today));
}
