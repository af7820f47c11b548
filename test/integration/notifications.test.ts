import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { startMailSink, type MailSink } from '../../scripts/local/mail-sink';
import type { TimerEvent } from '../../shared/schedules';
import type { DispatchResult } from '../../shared/notifications/outbox';

/**
 * Notifications end to end (issue 18 §4): a person chooses email and SMS, the office sets its 企业微信
 * and 钉钉 robots, the real reminder timer raises a reminder, and the mail reaches a real SMTP server
 * (the local mail sink), the robots' posts and the SMS provider's request reach the local receiver —
 * once each, although the timer runs twice at the same moment and then again, and the retry timer after.
 */
const PILOT = 'p-notify';
const accounts = {
  bureau: testAccount('bureau-notify', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-elsewhere', ['bureau'], { pilot: 'p-elsewhere' }),
  dataUnit: testAccount('stats-notify', ['data_unit'], { pilot: PILOT, data_unit: '区统计局' }),
  unscoped: testAccount('unscoped', ['data_unit']),
};

let stack: TestStack;
let sink: MailSink;
let bureau: ApiClient;
let remind: (event: TimerEvent) => Promise<{ sent: number; alreadySent: number }>;
let dispatchTimer: (event: TimerEvent) => Promise<DispatchResult>;

beforeAll(async () => {
  sink = await startMailSink();
  // Before any app module loads: functions/commons/notify.ts reads its transports once.
  Object.assign(process.env, {
    NOTIFY_APP_URL: 'http://127.0.0.1:3000',
    NOTIFY_EMAIL: 'smtp',
    NOTIFY_EMAIL_FROM: '试点通 <notify@pilotops.local>',
    NOTIFY_SMTP_URL: sink.smtpUrl,
    NOTIFY_SMS: 'provider',
    NOTIFY_SMS_PROVIDER_URL: sink.smsUrl,
    NOTIFY_SMS_SIGN_NAME: '试点通',
    NOTIFY_SMS_TEMPLATE: 'SMS_REMINDER',
    NOTIFY_SMS_KEY_ID: 'local',
    NOTIFY_SMS_SECRET: 'local-secret',
    NOTIFY_WEBHOOK_HOSTS: '127.0.0.1',
  });
  stack = await startTestStack();
  bureau = await stack.as(accounts.bureau);
  const { openObligation } = await import('../../functions/commons/store/obligations');
  const { selfEvaluation } = await import('../../shared/obligations/periods');
  const obligation = selfEvaluation({ id: PILOT, periodStart: '2025-01-01', periodEnd: '2028-03-31' }, 2025, '2025-12-01T00:00:00.000Z');
  if (!obligation) throw new Error('the pilot owes a 2025 self-evaluation');
  expect(await openObligation(obligation)).toBe(true);
  remind = (await import('../../functions/timers/remindDeadlines')).handler;
  dispatchTimer = (await import('../../functions/timers/dispatchNotifications')).handler;
});

afterAll(async () => {
  await stack?.close();
  await sink?.close();
});

const SUBJECT = '【试点通】到期提醒：2025年度绩效自评将于 2025-12-31 到期';

describe('notifications that reach people', () => {
  it('keeps a person’s choices and checks them', async () => {
    expect((await bureau.put('/me/notifications', { channels: ['email'] })).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'email' }] });
    expect((await bureau.put('/me/notifications', { channels: ['sms'], mobile: '12345' })).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'mobile' }] });
    const unscoped = await stack.as(accounts.unscoped);
    expect((await unscoped.put('/me/notifications', { channels: ['email'], email: 'a@example.cn' })).body).toMatchObject({ code: 'NOTIFY_NO_OFFICE' });

    const saved = await bureau.put('/me/notifications', { channels: ['email', 'sms'], email: 'wang@gxj.example.cn', mobile: '13800138000' });
    expect(saved).toMatchObject({ status: 200, body: { preferences: { kinds: ['warning', 'escalation', 'reminder'] } } });
    expect((await bureau.get('/me/notifications')).body).toMatchObject({ preferences: { email: 'wang@gxj.example.cn' }, offices: [{ role: 'bureau', robots: [] }] });
    // A data unit now has an office of its own (its unit within its pilot).
    const dataUnit = await stack.as(accounts.dataUnit);
    expect((await dataUnit.put('/me/notifications', { channels: ['email'], email: 'tj@tjj.example.cn' })).status).toBe(200);
  });

  it('lets an office set its group robots, only on allowed hosts and only for its own office', async () => {
    const robots = [
      { id: 'wecom-group', kind: 'wecom', name: '工信局企业微信群', url: sink.robotUrl('wecom', 'k1') },
      { id: 'ding-group', kind: 'dingtalk', name: '工信局钉钉群', url: sink.robotUrl('dingtalk', 'k2') },
    ];
    expect((await bureau.put('/me/notifications/robots/bureau', { robots: [{ ...robots[0], url: 'http://10.0.0.8/hook' }] })).body).toMatchObject({
      code: 'ROBOT_URL_NOT_ALLOWED',
      issues: [{ path: 'robots.0.url' }],
    });
    expect((await bureau.put('/me/notifications/robots/town', { robots })).status).toBe(403);
    expect((await bureau.put('/me/notifications/robots/bureau', { robots })).status).toBe(200);
    expect((await bureau.get<{ offices: { robots: unknown[] }[] }>('/me/notifications')).body.offices[0]?.robots).toHaveLength(2);
    expect((await (await stack.as(accounts.otherBureau)).get<{ offices: { robots: unknown[] }[] }>('/me/notifications')).body.offices[0]?.robots).toEqual([]);
  });

  it('delivers a reminder by mail, SMS and both robots once, although the timer runs twice and again', async () => {
    const asOf = '2025-12-30T00:30:00Z';
    const runs = await Promise.all([remind({ schedule: 'daily-deadline-reminders', asOf }), remind({ schedule: 'daily-deadline-reminders', asOf })]);
    expect(runs.map((run) => run.sent).reduce((a, b) => a + b)).toBe(1);

    const mailsFor = () => sink.mails().filter((mail) => mail.to.includes('wang@gxj.example.cn'));
    await expect.poll(() => mailsFor().length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => sink.posts().length, { timeout: 30_000 }).toBe(3);
    const [mail] = mailsFor();
    expect(mail).toMatchObject({ subject: SUBJECT, from: expect.stringContaining('notify@pilotops.local') as unknown });
    expect(mail?.text).toContain('请登录试点通消息中心查看并办理：http://127.0.0.1:3000/inbox');
    expect(mail?.messageId).toMatch(/@pilotops\.notify>?$/);
    const posts = sink.posts();
    expect(posts.find((post) => post.target === 'wecom/k1')?.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('2025年度绩效自评') as unknown } });
    expect(posts.find((post) => post.target === 'dingtalk/k2')?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('到期提醒') as unknown } });
    expect(posts.find((post) => post.target === 'sms')?.body).toMatchObject({ phoneNumbers: ['13800138000'], signName: '试点通', templateCode: 'SMS_REMINDER', templateParam: { dueDay: '2025-12-31' } });

    // Again the same day, and the retry timer: nothing is owed, nothing is sent again.
    expect((await remind({ schedule: 'daily-deadline-reminders', asOf: '2025-12-30T03:00:00Z' })).sent).toBe(0);
    expect(await dispatchTimer({ schedule: 'outbox-dispatch' })).toMatchObject({ sent: 0 });
    expect(mailsFor()).toHaveLength(1);
    expect(sink.posts()).toHaveLength(3);
    expect(new Set([mail?.delivery, ...sink.posts().map((post) => post.delivery)]).size).toBe(4);
  });

  it('records a refused robot delivery for retry and keeps the event owed until it is settled', async () => {
    const { dispatch } = await import('../../shared/notifications/outbox');
    const { outboxStore, deliveriesOf } = await import('../../functions/commons/store/outbox');
    const { transports } = await import('../../functions/commons/notify');
    // The office's robot now answers 404 (a revoked key): a new event to the office fails on that robot only.
    expect((await bureau.put('/me/notifications/robots/bureau', { robots: [{ id: 'gone', kind: 'wecom', name: '已解散的群', url: `${sink.url}/robot/revoked` }] })).status).toBe(200);
    const event = {
      recipient: `BUREAU#${PILOT}`, sourceId: 'test-retry', kind: 'warning' as const, title: '测试警示', message: '用于验证重试', pilotId: PILOT, createdAt: '2025-12-31T01:00:00.000Z',
    };
    const first = await dispatch(outboxStore, transports, () => new Date(), { appUrl: 'http://127.0.0.1:3000' }, [event]);
    expect(first).toMatchObject({ sent: 2, failed: 1, settled: 0 });
    const deliveries = await deliveriesOf(event);
    expect(deliveries.find((delivery) => delivery.channel === 'webhook')).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: expect.any(String) as unknown });
    // Not due yet: a second pass sends nothing, and neither mail nor SMS goes out twice.
    expect(await dispatch(outboxStore, transports, () => new Date(), { appUrl: 'http://127.0.0.1:3000' }, [event])).toMatchObject({ sent: 0, skipped: 3, settled: 0 });
    // Two minutes later the failed robot is due again; the others stay sent.
    const later = () => new Date(Date.now() + 2 * 60_000);
    expect(await dispatch(outboxStore, transports, later, { appUrl: 'http://127.0.0.1:3000' }, [event])).toMatchObject({ sent: 0, failed: 1, skipped: 2 });
    expect((await deliveriesOf(event)).find((delivery) => delivery.channel === 'webhook')).toMatchObject({ state: 'failed', attempts: 2 });
  });
});
