import type { Context } from 'aws-lambda';
import type { TimerEvent } from '../../shared/schedules';
import { runSweep, timerInstant, type SweepResult } from '../../shared/obligations/sweep';
import { deadlineStore } from '../commons/store/deadlines';
import { notifier } from '../commons/notify';
import { logger } from '../commons/logger';

/**
 * Daily at 09:00 Asia/Shanghai: every obligation whose due day has passed while still open becomes a
 * miss with exactly one warning (or, for an official's review stage, one escalation), in the inboxes
 * of those who must see it. The algorithm and its guarantees are in shared/obligations/sweep.ts.
 *
 * The run is bounded by the function's own time (the context's remaining milliseconds): when it runs
 * low the sweep stops cleanly and leaves its day unmarked, and the next run resumes there with only
 * what is left in the due-day index (`complete: false`, `resumesOn`). Without a context (the local
 * scheduler, a test) the run is unbounded.
 */
export async function handler(event: TimerEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SweepResult> {
  const asOf = timerInstant(event);
  const timeLeftMs = context ? () => context.getRemainingTimeInMillis() : undefined;
  const result = await runSweep(deadlineStore, asOf, { notifier, ...(timeLeftMs ? { timeLeftMs } : {}) });
  const summary = { schedule: event.schedule, asOf: asOf.toISOString(), ...result, days: result.days.length };
  if (result.complete) logger.info('deadline sweep finished', summary);
  else logger.warn('deadline sweep stopped for time; the next run resumes', summary);
  return result;
}
