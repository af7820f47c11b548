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
  /** As on routes: only a timer that removes evidence objects is granted s3:DeleteObject on them. */
  deletesEvidence?: true;
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
  {
    name: 'daily-deadline-reminders',
    // 08:30 Beijing time, before the sweep: reminders 7 and 1 working days before each due day (issue 5).
    expression: 'cron(30 8 * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'remindDeadlines',
    summary: '每日按工作日提前提醒即将到期的事项（提前7个和1个工作日）',
  },
  {
    name: 'daily-period-obligations',
    // 08:00 Beijing time: opens a quarter's reports and visits, a year's reviews, December's
    // self-evaluation on the day they begin; other days only advance its mark (issue 5).
    expression: 'cron(0 8 * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'openPeriodicObligations',
    summary: '每日开立新季度、新年度的报告、走访、审查与12月绩效自评事项',
  },
  {
    name: 'hourly-upload-cleanup',
    // Every hour: an upload left incomplete past its window loses its object (issue 4: evidence).
    expression: 'cron(20 * * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'cleanUploads',
    summary: '每小时清理过期未完成的证据上传',
    deletesEvidence: true,
  },
  {
    name: 'public-snapshots',
    // Project steps republish at once; indicator values, providers and SME firms reach the public
    // dashboards within a quarter of an hour through this sweep.
    expression: 'cron(0/15 * * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'publishSnapshots',
    summary: '每15分钟更新公开数据快照',
  },
  // Notifications and import (issue 18)
  {
    name: 'outbox-dispatch',
    // Every 5 minutes: retries email, SMS and group-robot deliveries the outbox still owes.
    expression: 'cron(0/5 * * * ? *)',
    timezone: 'Asia/Shanghai',
    handler: 'dispatchNotifications',
    summary: '每5分钟重试尚未送达的邮件、短信与群机器人通知',
  },
] as const satisfies readonly ScheduleDefinition[];

/**
 * Timers that deliver notifications after their commit (issue 18): only these get the NOTIFY_*
 * environment and the send grants (SES, SNS, the SMS provider's secret) in the CDK app.
 */
export const NOTIFYING_TIMERS: readonly (typeof SCHEDULES)[number]['handler'][] = ['sweepDeadlines', 'remindDeadlines', 'dispatchNotifications'];

/** What a timer handler receives: EventBridge Scheduler's input; `asOf` lets a run act as of a date. */
export interface TimerEvent {
  schedule: string;
  asOf?: string;
}
