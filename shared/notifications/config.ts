/**
 * Which transports a deployment has, read from the environment the CDK app (or the local stack)
 * sets. A channel that is not configured is off: its deliveries are counted as unavailable, never
 * faked. A channel that is configured but incomplete is an error at load (functions fail fast).
 *
 * - email: `ses` in aws (SES v2, a verified identity), `smtp` where SES is not offered (aws-cn: the
 *   city's own or a domestic mail service over SMTP) and on one machine (the local mail sink);
 * - sms: `sns` in aws; `provider` in aws-cn, where SNS sends no SMS: a domestic SMS provider over
 *   HTTPS (functions/commons/sms-provider.ts), its URL, signature and template from CDK context;
 * - webhook: group robots, allowed only to the hosts listed (企业微信 and 钉钉 by default).
 */
export interface NotifyConfig {
  appUrl: string;
  email?: { kind: 'ses'; from: string } | { kind: 'smtp'; from: string; url: string };
  sms?: { kind: 'sns' } | { kind: 'provider'; url: string; signName: string; template: string; keyId: string; secret: SecretSource };
  webhookHosts: string[];
}

/** The provider's signing secret: given (locally), or the ARN of a Secrets Manager secret read at first use (in the cloud). */
export type SecretSource = { value: string } | { secretArn: string };

export const DEFAULT_WEBHOOK_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

export function notifyConfig(env: Record<string, string | undefined>): NotifyConfig {
  const value = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const required = (name: string, because: string): string => {
    const found = value(name);
    if (found === undefined) throw new Error(`missing environment variable ${name} (${because})`);
    return found;
  };
  const config: NotifyConfig = {
    appUrl: value('NOTIFY_APP_URL') ?? '',
    webhookHosts: (value('NOTIFY_WEBHOOK_HOSTS') ?? DEFAULT_WEBHOOK_HOSTS.join(',')).split(',').map((host) => host.trim().toLowerCase()).filter(Boolean),
  };
  const email = value('NOTIFY_EMAIL');
  if (email === 'ses') config.email = { kind: 'ses', from: required('NOTIFY_EMAIL_FROM', 'NOTIFY_EMAIL=ses') };
  else if (email === 'smtp') config.email = { kind: 'smtp', from: required('NOTIFY_EMAIL_FROM', 'NOTIFY_EMAIL=smtp'), url: required('NOTIFY_SMTP_URL', 'NOTIFY_EMAIL=smtp') };
  else if (email !== undefined) throw new Error(`NOTIFY_EMAIL must be ses or smtp, not ${email}`);
  const sms = value('NOTIFY_SMS');
  if (sms === 'sns') config.sms = { kind: 'sns' };
  else if (sms === 'provider') {
    const because = 'NOTIFY_SMS=provider';
    config.sms = {
      kind: 'provider',
      url: required('NOTIFY_SMS_PROVIDER_URL', because),
      signName: required('NOTIFY_SMS_SIGN_NAME', because),
      template: required('NOTIFY_SMS_TEMPLATE', because),
      keyId: required('NOTIFY_SMS_KEY_ID', because),
      secret: secretSource(value('NOTIFY_SMS_SECRET'), value('NOTIFY_SMS_SECRET_ARN')),
    };
  } else if (sms !== undefined) throw new Error(`NOTIFY_SMS must be sns or provider, not ${sms}`);
  if ((config.email || config.sms) && config.appUrl === '') throw new Error('missing environment variable NOTIFY_APP_URL (messages link to the inbox)');
  return config;
}

function secretSource(value: string | undefined, secretArn: string | undefined): SecretSource {
  if (value !== undefined) return { value };
  if (secretArn !== undefined) return { secretArn };
  throw new Error('missing environment variable NOTIFY_SMS_SECRET or NOTIFY_SMS_SECRET_ARN (NOTIFY_SMS=provider)');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a robot's URL may be called: its host must be listed, and it must be HTTPS unless it is
 * loopback (the local receiver). A function never posts to an address a user typed that is not a
 * known robot service: that would let anyone make it call into the network it runs in.
 */
export function robotUrlProblem(url: string, allowedHosts: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '不是有效的网址';
  }
  const host = parsed.hostname.toLowerCase();
  if (!allowedHosts.includes(host)) return `只接受以下地址的群机器人：${allowedHosts.join('、')}`;
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(host))) return '群机器人地址必须使用 HTTPS';
  if (parsed.username || parsed.password) return '群机器人地址不能包含用户名或密码';
  return undefined;
}
