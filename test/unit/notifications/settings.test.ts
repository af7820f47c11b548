import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { notifyConfig, robotUrlProblem } from '../../../shared/notifications/config';
import { ContactPreferences } from '../../../shared/notifications/model';
import { checkedRobots, robotOffice, subscriptionBoxes } from '../../../shared/notifications/requests';
import { emailContent, robotBody, smsContent } from '../../../shared/notifications/templates';
import type { Principal } from '../../../shared/roles';

const bureau: Principal = { subject: 'b-1', name: '王科长', roles: ['bureau', 'operator'], pilot: 'wuqing' };
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('a person’s choices', () => {
  it('asks for the address of every channel chosen and defaults to every kind', () => {
    expect(ContactPreferences.safeParse({ channels: ['email'] }).error?.issues[0]?.path).toEqual(['email']);
    expect(ContactPreferences.safeParse({ channels: ['sms'], mobile: '2345678901' }).success).toBe(false);
    expect(ContactPreferences.parse({ channels: ['sms'], mobile: '13912345678' }).kinds).toEqual(['warning', 'escalation', 'reminder']);
    expect(ContactPreferences.safeParse({ channels: ['webhook'] }).success).toBe(false);
  });

  it('reach every office the token names, and a person without one is told so', () => {
    expect(subscriptionBoxes(bureau)).toEqual(['BUREAU#wuqing', 'OPERATOR#wuqing']);
    expect(codeOf(() => subscriptionBoxes({ subject: 'x', name: 'x', roles: ['bureau'] }))).toBe('NOTIFY_NO_OFFICE');
  });
});

describe('an office’s group robots', () => {
  const hosts = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];
  it('are set for the caller’s own office in a role the caller holds', () => {
    expect(robotOffice(bureau, 'operator')).toBe('OPERATOR#wuqing');
    expect(codeOf(() => robotOffice(bureau, 'town'))).toBe('FORBIDDEN');
  });

  it('post only to the listed hosts, over HTTPS unless on loopback', () => {
    expect(robotUrlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', hosts)).toBeUndefined();
    expect(robotUrlProblem('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', hosts)).toBe('群机器人地址必须使用 HTTPS');
    expect(robotUrlProblem('https://169.254.169.254/latest/meta-data', hosts)).toContain('只接受');
    expect(robotUrlProblem('https://user:pw@oapi.dingtalk.com/robot/send', hosts)).toContain('用户名');
    expect(robotUrlProblem('http://127.0.0.1:8025/robot/wecom/k', ['127.0.0.1'])).toBeUndefined();
    expect(robotUrlProblem('not a url', hosts)).toBe('不是有效的网址');
  });

  it('are refused with the row of the bad URL, and with a repeated id', () => {
    const robot = { id: 'a', kind: 'wecom' as const, name: '群', url: 'https://qyapi.weixin.qq.com/x', kinds: ['warning' as const] };
    try {
      checkedRobots({ robots: [robot, { ...robot, id: 'b', url: 'https://evil.example/x' }] }, hosts);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ROBOT_URL_NOT_ALLOWED', issues: [{ path: 'robots.1.url' }] });
    }
    expect(codeOf(() => checkedRobots({ robots: [robot, robot] }, hosts))).toBe('VALIDATION_FAILED');
  });
});

describe('the zh-CN templates', () => {
  const event = { recipient: 'BUREAU#wuqing', sourceId: 'W-1', kind: 'warning' as const, title: '<季度报告>已逾期', message: '请尽快报送', pilotId: 'wuqing', createdAt: '2025-10-16T01:00:00.000Z' };
  it('address the person, link to the inbox and escape what they quote', () => {
    const content = emailContent(event, '王科长', 'https://pilot.example.gov.cn/');
    expect(content.subject).toBe('【试点通】警示：<季度报告>已逾期');
    expect(content.text).toContain('王科长：');
    expect(content.text).toContain('https://pilot.example.gov.cn/inbox');
    expect(content.html).toContain('&lt;季度报告&gt;');
    expect(content.html).not.toContain('<季度报告>');
  });

  it('keep an SMS short and give the provider its template parameters', () => {
    const long = smsContent({ ...event, kind: 'reminder', title: '很'.repeat(80), dueDay: '2025-10-15' });
    expect(long.params.title).toHaveLength(36);
    expect(long.text.length).toBeLessThanOrEqual(70);
    expect(long.params).toMatchObject({ kind: '到期提醒', dueDay: '2025-10-15' });
  });

  it('speak each robot’s own format', () => {
    expect(robotBody('wecom', event, 'https://x')).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**【警示】') as unknown } });
    expect(robotBody('dingtalk', event, 'https://x')).toMatchObject({ msgtype: 'markdown', markdown: { title: '【警示】<季度报告>已逾期' } });
  });
});

describe('which transports a deployment has', () => {
  it('has none unless told, and fails at load on an incomplete one', () => {
    expect(notifyConfig({})).toEqual({ appUrl: '', webhookHosts: ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'] });
    expect(() => notifyConfig({ NOTIFY_EMAIL: 'ses', NOTIFY_APP_URL: 'https://x' })).toThrow('NOTIFY_EMAIL_FROM');
    expect(() => notifyConfig({ NOTIFY_EMAIL: 'ses', NOTIFY_EMAIL_FROM: 'a@b.cn' })).toThrow('NOTIFY_APP_URL');
    expect(() => notifyConfig({ NOTIFY_SMS: 'carrier-pigeon', NOTIFY_APP_URL: 'https://x' })).toThrow('sns or provider');
    const provider = { NOTIFY_SMS: 'provider', NOTIFY_APP_URL: 'https://x', NOTIFY_SMS_PROVIDER_URL: 'https://sms.example.cn', NOTIFY_SMS_SIGN_NAME: '试点通', NOTIFY_SMS_TEMPLATE: 'T1', NOTIFY_SMS_KEY_ID: 'k' };
    expect(() => notifyConfig(provider)).toThrow('NOTIFY_SMS_SECRET');
    expect(notifyConfig({ ...provider, NOTIFY_SMS_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:sms' }).sms).toMatchObject({ kind: 'provider', secret: { secretArn: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:sms' } });
  });
});
