import { join, resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { SCHEDULES, type ScheduleDefinition, type TimerEvent } from '../../shared/schedules';
import { grantsOf } from '../../shared/touches';
import { withTouches } from './touch-guard';

/**
 * The local scheduler: the same schedule table the CDK app gives EventBridge Scheduler, firing the
 * same timer handler modules with the same input. `fire` runs one now, optionally as of a date.
 */
const REPO_ROOT = resolve(import.meta.dirname, '../..');

type TimerHandler = (event: TimerEvent) => Promise<unknown>;

/**
 * EventBridge cron has six fields (minute hour day-of-month month day-of-week year), `?` for "any",
 * and numbers its weekdays 1–7 from Sunday. Unix cron has five fields and numbers them 0–6.
 */
export function toUnixCron(expression: string): string {
  const inner = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  if (!inner) throw new Error(`not an EventBridge cron expression: ${expression}`);
  const fields = inner.split(/\s+/);
  if (fields.length !== 6) throw new Error(`EventBridge cron needs six fields: ${expression}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((field) => field.replace('?', '*')) as [string, string, string, string, string];
  const unixDayOfWeek = dayOfWeek.replace(/\d/g, (digit) => String((Number(digit) + 6) % 7));
  return [minute, hour, dayOfMonth, month, unixDayOfWeek].join(' ');
}

export function nextFireTime(schedule: ScheduleDefinition, after: Date): Date {
  return CronExpressionParser.parse(toUnixCron(schedule.expression), { tz: schedule.timezone, currentDate: after }).next().toDate();
}

export function findSchedule(name: string): ScheduleDefinition {
  const schedule = SCHEDULES.find((candidate) => candidate.name === name);
  if (!schedule) throw new Error(`no schedule named ${name}; known: ${SCHEDULES.map((s) => s.name).join(', ')}`);
  return schedule;
}

export async function fire(schedule: ScheduleDefinition, asOf?: Date): Promise<unknown> {
  const module = (await import(join(REPO_ROOT, 'functions/timers', `${schedule.handler}.ts`))) as { handler: TimerHandler };
  const event: TimerEvent = { schedule: schedule.name };
  if (asOf) event.asOf = asOf.toISOString();
  // Like its Lambda function's role: the union of the declarations of the schedules naming this handler.
  const grants = grantsOf(SCHEDULES.filter((candidate) => candidate.handler === schedule.handler).map((candidate) => candidate.touches));
  return withTouches(schedule.handler, grants, () => module.handler(event));
}

/** Arms every schedule; returns a function that disarms them. */
export function startScheduler(log: (line: string) => void = console.log): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  const arm = (schedule: ScheduleDefinition): void => {
    const at = nextFireTime(schedule, new Date());
    // setTimeout cannot wait longer than ~24.8 days; re-arm in steps until the time comes.
    const wait = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    timers.set(
      schedule.name,
      setTimeout(() => {
        if (Date.now() + 1000 < at.getTime()) return arm(schedule);
        fire(schedule)
          .then((result) => log(`[scheduler] ${schedule.name} ${JSON.stringify(result)}`))
          .catch((error: unknown) => log(`[scheduler] ${schedule.name} failed: ${String(error)}`))
          .finally(() => arm(schedule));
      }, wait),
    );
  };
  for (const schedule of SCHEDULES) {
    arm(schedule);
    log(`[scheduler] ${schedule.name} next at ${nextFireTime(schedule, new Date()).toISOString()} (${schedule.expression} ${schedule.timezone})`);
  }
  return () => timers.forEach((timer) => clearTimeout(timer));
}
