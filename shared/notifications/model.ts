import * as z from 'zod';
import { InboxItem, InboxKind } from '../obligations/inbox';

/**
 * Notifications outside the app (issue 18 §4). The inbox item is the record; every inbox item is also
 * an outbox event, written in the same transaction (functions/commons/store/inbox.ts), and the outbox
 * delivers it to the people of the office who chose a channel, and to the office's group robots.
 */
export const Channel = z.enum(['email', 'sms', 'webhook']);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_LABELS: Record<Channel, string> = { email: '电子邮件', sms: '短信', webhook: '群机器人' };

/** What the outbox delivers: an inbox item without its read state. */
export const OutboxEvent = InboxItem.omit({ readAt: true });
export type OutboxEvent = z.infer<typeof OutboxEvent>;

/** 11-digit mainland mobile numbers (1[3-9]…), the only numbers the SMS providers here send to. */
export const MobileNumber = z.string().regex(/^1[3-9]\d{9}$/, { error: '请填写11位手机号码' });

/**
 * One person's choices, set by the person for every office the token says it reads for. Kinds default
 * to all three: a warning nobody hears of defeats the point; a person opts out, never in.
 */
export const ContactPreferences = z
  .object({
    email: z.email({ error: '请填写有效的电子邮箱' }).max(254).optional(),
    mobile: MobileNumber.optional(),
    channels: z.array(Channel.exclude(['webhook'])).max(2),
    kinds: z.array(InboxKind).max(3).default(['warning', 'escalation', 'reminder']),
  })
  .superRefine((value, context) => {
    if (value.channels.includes('email') && !value.email) context.addIssue({ code: 'custom', path: ['email'], message: '选择邮件通知时请填写电子邮箱' });
    if (value.channels.includes('sms') && !value.mobile) context.addIssue({ code: 'custom', path: ['mobile'], message: '选择短信通知时请填写手机号码' });
  });
export type ContactPreferences = z.infer<typeof ContactPreferences>;

/** A person of an office, as the outbox reads it: the subject and that person's choices. */
export interface Subscriber {
  subject: string;
  name: string;
  preferences: ContactPreferences;
}

/** 企业微信 and 钉钉 group robots: each takes its own message format (templates.ts). */
export const RobotKind = z.enum(['wecom', 'dingtalk']);
export type RobotKind = z.infer<typeof RobotKind>;

export const ROBOT_LABELS: Record<RobotKind, string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' };

export const Robot = z.object({
  /** stable within the office: the delivery key names it */
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, { error: '机器人标识只能包含小写字母、数字和连字符' }),
  kind: RobotKind,
  name: z.string().trim().min(1).max(40),
  url: z.url({ protocol: /^https?$/, error: '请填写机器人的 Webhook 地址' }).max(500),
  kinds: z.array(InboxKind).max(3).default(['warning', 'escalation', 'reminder']),
});
export type Robot = z.infer<typeof Robot>;

export const OfficeRobots = z.object({ robots: z.array(Robot).max(5) });
export type OfficeRobots = z.infer<typeof OfficeRobots>;
