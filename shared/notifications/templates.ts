import type { InboxKind } from '../obligations/inbox';
import type { OutboxEvent, RobotKind } from './model';

/**
 * zh-CN templates for every channel, one place. A message names what happened and where to act
 * (the in-app inbox at `appUrl`), never internal ids. SMS stays short (a domestic provider bills
 * and may reject past 70 characters per segment) and is sent through the provider's approved
 * template with the parameters `title` and `dueDay`.
 */
export const KIND_LABELS: Record<InboxKind, string> = { warning: '警示', escalation: '督办', reminder: '到期提醒' };

const inboxLink = (appUrl: string): string => `${appUrl.replace(/\/+$/, '')}/inbox`;

const dueLine = (event: OutboxEvent): string => (event.dueDay ? `办理期限：${event.dueDay}` : '');

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

export function emailContent(event: OutboxEvent, addresseeName: string, appUrl: string): EmailContent {
  const label = KIND_LABELS[event.kind];
  const link = inboxLink(appUrl);
  const lines = [`${addresseeName}：`, '', `【${label}】${event.title}`, event.message, dueLine(event), '', `请登录试点通消息中心查看并办理：${link}`, '', '本邮件由试点通自动发送，请勿直接回复。如需更改通知方式，请在“通知设置”中修改。'];
  const text = lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n');
  const html = [
    `<p>${escapeHtml(addresseeName)}：</p>`,
    `<p><strong>【${label}】${escapeHtml(event.title)}</strong></p>`,
    `<p>${escapeHtml(event.message)}</p>`,
    event.dueDay ? `<p>办理期限：${escapeHtml(event.dueDay)}</p>` : '',
    `<p>请登录<a href="${escapeHtml(link)}">试点通消息中心</a>查看并办理。</p>`,
    '<p style="color:#666">本邮件由试点通自动发送，请勿直接回复。如需更改通知方式，请在“通知设置”中修改。</p>',
  ].join('');
  return { subject: `【试点通】${label}：${event.title}`, text, html };
}

export interface SmsContent {
  /** the whole text, for a sender that takes text (SNS) */
  text: string;
  /** the template's parameters, for a provider that sends approved templates only */
  params: { kind: string; title: string; dueDay: string };
}

// 70 characters in all with the longest label and a due day.
const SMS_TITLE_LIMIT = 36;

export function smsContent(event: OutboxEvent): SmsContent {
  const title = event.title.length > SMS_TITLE_LIMIT ? `${event.title.slice(0, SMS_TITLE_LIMIT - 1)}…` : event.title;
  const label = KIND_LABELS[event.kind];
  const due = event.dueDay ? `，期限${event.dueDay}` : '';
  return { text: `【试点通】${label}：${title}${due}。请登录试点通办理。`, params: { kind: label, title, dueDay: event.dueDay ?? '' } };
}

/**
 * The group robots' formats: 企业微信 takes `{msgtype:'markdown', markdown:{content}}`, 钉钉
 * `{msgtype:'markdown', markdown:{title, text}}` (both documented by their vendors). A robot reaches a
 * group, not a person, so the text names the office's duty, not an addressee.
 */
export function robotBody(kind: RobotKind, event: OutboxEvent, appUrl: string): Record<string, unknown> {
  const label = KIND_LABELS[event.kind];
  const lines = [`**【${label}】${event.title}**`, event.message, dueLine(event), `[到试点通消息中心办理](${inboxLink(appUrl)})`].filter((line) => line !== '');
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: lines.join('\n') } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: `【${label}】${event.title}`, text: lines.join('\n\n') } };
  }
}
