import type { TimerEvent } from '../../shared/schedules';
import { daysToSweep, warningForMiss } from '../../shared/obligations/model';
import { dueOpenObligations, lastSweptDay, markSwept, recordMiss } from '../commons/store/obligations';
import { logger } from '../commons/logger';

/**
 * Daily at 09:00 Asia/Shanghai: every obligation whose due day has passed while still open becomes a
 * miss with one warning. Days are swept in order and the mark advances after each, so a run that
 * crashes half-way is resumed by the next, and the conditional writes make reruns harmless.
 */
export async function handler(event: TimerEvent): Promise<{ days: string[]; warnings: number }> {
  const asOf = event.asOf ? new Date(event.asOf) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error(`asOf is not a date: ${event.asOf ?? ''}`);
  const days = daysToSweep(await lastSweptDay(), asOf);
  let warnings = 0;
  for (const day of days) {
    for (const obligation of await dueOpenObligations(day)) {
      if (await recordMiss(obligation, warningForMiss(obligation, asOf), asOf.toISOString())) warnings += 1;
    }
    await markSwept(day);
  }
  logger.info('deadline sweep finished', { schedule: event.schedule, asOf: asOf.toISOString(), days: days.length, warnings });
  return { days, warnings };
}
