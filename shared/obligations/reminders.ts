import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/calendar';
import { daysThroughToday, beijingDate } from './model';
import { inboxItemsForReminder, REMINDER_OFFSETS, reminderDueDays, wantsReminders } from './notices';
import type { Notifier } from './notify';
import { notify, projectsOf, stillOwed, type DeadlinePort } from './sweep';

/**
 * Reminders before a due day (7 and 1 working days ahead, notices.ts), idempotent per obligation and
 * offset: the store writes a marker for (obligation, offset) in the same transaction as the inbox
 * items, conditioned on its absence. Each working day queries the due-day index for the few days
 * whose reminder falls on it, so the cost grows with what is coming due, not with what is stored.
 *
 * A calendar year that is not entered is an error (shared/calendar): the run still sends every
 * reminder it can count, keeps the failed day un-marked so the next run retries it, and then throws,
 * so the scheduler's dead-letter alarm tells someone to enter the State Council's notice.
 */
export interface ReminderResult {
  days: string[];
  read: number;
  sent: number;
  alreadySent: number;
  /** days counted on a year that is not the published arrangement (2027 until its notice is entered) */
  provisionalDays: string[];
  notifyFailures: number;
}

export async function runReminders(
  port: DeadlinePort,
  asOf: Date,
  calendar: WorkingCalendar,
  options: { notifier?: Notifier } = {},
): Promise<ReminderResult> {
  const at = asOf.toISOString();
  const today = beijingDate(asOf);
  const days = daysThroughToday(await port.mark('reminders'), asOf);
  const result: ReminderResult = { days, read: 0, sent: 0, alreadySent: 0, provisionalDays: [], notifyFailures: 0 };
  const missingYears = new Set<number>();
  let marking = true;
  for (const day of days) {
    let dayFailed = false;
    for (const offset of REMINDER_OFFSETS) {
      let dueDays: string[];
      try {
        dueDays = reminderDueDays(day, offset, calendar);
      } catch (error) {
        if (!(error instanceof CalendarYearMissingError)) throw error;
        missingYears.add(error.year);
        dayFailed = true;
        continue;
      }
      for (const dueDay of dueDays) {
        // An earlier day's reminder for something already past due is the sweep's business now.
        if (dueDay < today) continue;
        if (!calendar.isOfficial(dueDay) && !result.provisionalDays.includes(dueDay)) result.provisionalDays.push(dueDay);
        for await (const page of port.dueOpen(dueDay)) {
          result.read += page.length;
          const projects = await projectsOf(port, page);
          for (const obligation of page) {
            if (!wantsReminders(obligation) || !stillOwed(obligation, projects.get(obligation.subjectId)).owed) continue;
            const inbox = inboxItemsForReminder(obligation, offset, asOf);
            if (inbox.length === 0) continue;
            if (!(await port.recordReminder(obligation, offset, inbox, at))) {
              result.alreadySent += 1;
              continue;
            }
            result.sent += 1;
            result.notifyFailures += await notify(options.notifier, inbox);
          }
        }
      }
    }
    if (dayFailed) marking = false;
    if (marking) await port.advanceMark('reminders', day);
  }
  if (missingYears.size > 0) throw new CalendarYearMissingError(Math.min(...missingYears));
  return result;
}
