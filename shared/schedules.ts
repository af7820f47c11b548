/**
 * Timers: EventBridge Scheduler in AWS, the local scheduler on one machine; both read this table.
 * Expressions use EventBridge's cron syntax (minute hour day-of-month month day-of-week year) in the
 * given time zone. The handler module is `functions/timers/<handler>.ts`, export `handler`, and gets
 * a TimerEvent.
 */
export interface ScheduleDefinition {
  name: string;
  expression: string;
  timezone: string;
  handler: string;
  summary: string;
}

export const SCHEDULES = [
  {
    name: 'daily-deadline-sweep',
    // Every day at 09:00 Beijing time, after the working day has begun (issue: deadlines and warnings).
    expression: 'cron(0 9 * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'sweepDeadlines',
    summary: '每日检查到期事项并发出警示',
  },
] as const satisfies readonly ScheduleDefinition[];

/** What a timer handler receives: EventBridge Scheduler's input; `asOf` lets a run act as of a date. */
export interface TimerEvent {
  schedule: string;
  asOf?: string;
}
