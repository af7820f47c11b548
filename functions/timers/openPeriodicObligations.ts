import type { TimerEvent } from '../../shared/schedules';
import { runPeriodic, type PeriodicResult } from '../../shared/obligations/periodic';
import { timerInstant } from '../../shared/obligations/sweep';
import { deadlineStore } from '../commons/store/deadlines';
import { logger } from '../commons/logger';

/**
 * Daily at 08:00 Asia/Shanghai: on the first day of a quarter, a year or December, opens that period's
 * reports, visits, reviews and self-evaluations (shared/obligations/periodic.ts); other days only
 * advance its mark.
 */
export async function handler(event: TimerEvent): Promise<PeriodicResult> {
  const asOf = timerInstant(event);
  const result = await runPeriodic(deadlineStore, asOf);
  logger.info('periodic obligations opened', { schedule: event.schedule, asOf: asOf.toISOString(), ...result, days: result.days.length });
  return result;
}
