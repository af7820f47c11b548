import type { TimerEvent } from '../../shared/schedules';
import { CHINA_CALENDAR } from '../../shared/calendar/calendar';
import { runReminders, type ReminderResult } from '../../shared/obligations/reminders';
import { timerInstant } from '../../shared/obligations/sweep';
import { deadlineStore } from '../commons/store/deadlines';
import { notifier } from '../commons/notify';
import { logger } from '../commons/logger';

/**
 * Daily at 08:30 Asia/Shanghai: reminders 7 and 1 working days (Chinese calendar) before each due day,
 * one per obligation and offset (shared/obligations/reminders.ts).
 */
export async function handler(event: TimerEvent): Promise<ReminderResult> {
  const asOf = timerInstant(event);
  const result = await runReminders(deadlineStore, asOf, CHINA_CALENDAR, { notifier });
  if (result.provisionalDays.length > 0) {
    logger.warn('reminders counted on a provisional calendar year: enter the State Council notice in shared/calendar/years.ts', {
      dueDays: result.provisionalDays,
    });
  }
  logger.info('deadline reminders finished', { schedule: event.schedule, asOf: asOf.toISOString(), ...result, days: result.days.length });
  return result;
}
