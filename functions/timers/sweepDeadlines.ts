import type { TimerEvent } from '../../shared/schedules';
import { runSweep, timerInstant, type SweepResult } from '../../shared/obligations/sweep';
import { deadlineStore } from '../commons/store/deadlines';
import { notifier } from '../commons/notify';
import { logger } from '../commons/logger';

/**
 * Daily at 09:00 Asia/Shanghai: every obligation whose due day has passed while still open becomes a
 * miss with exactly one warning (or, for an official's review stage, one escalation), in the inboxes
 * of those who must see it. The algorithm and its guarantees are in shared/obligations/sweep.ts.
 */
export async function handler(event: TimerEvent): Promise<SweepResult> {
  const asOf = timerInstant(event);
  const result = await runSweep(deadlineStore, asOf, { notifier });
  logger.info('deadline sweep finished', { schedule: event.schedule, asOf: asOf.toISOString(), ...result, days: result.days.length });
  return result;
}
