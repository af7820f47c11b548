import { createHash } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import nodemailer from 'nodemailer';
import type { Notification, Notifier } from '../../shared/obligations/notify';
import { notifyConfig, robotUrlProblem, type NotifyConfig } from '../../shared/notifications/config';
import { dispatch, type DispatchResult, type OutgoingMessage, type Transports } from '../../shared/notifications/outbox';
import { httpsSmsProvider } from './sms-provider';
import { outboxStore } from './store/outbox';

/**
 * The notification adapters (issue 18): the Notifier port delivers the outbox events a run just
 * committed, on the transports this deployment has (shared/notifications/config.ts); the
 * `outbox-dispatch` timer retries what is still owed. Clients are created once, at module load, and
 * only for the transports configured.
 */
export const config: NotifyConfig = notifyConfig(process.env);

/** An email's Message-ID from its delivery id: the same on a repeat, so mail clients fold repeats. */
const messageId = (id: string): string => `<${createHash('sha256').update(id).digest('hex').slice(0, 32)}@pilotops.notify>`;

function emailTransport(settings: NonNullable<NotifyConfig['email']>): (message: OutgoingMessage) => Promise<void> {
  if (settings.kind === 'ses') {
    const ses = new SESv2Client({});
    return async (message) => {
      if (message.channel !== 'email') throw new Error(`not an email: ${message.channel}`);
      const { subject, text, html } = message.content;
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: settings.from,
          Destination: { ToAddresses: [message.to] },
          Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } } } },
          EmailTags: [{ Name: 'delivery', Value: createHash('sha256').update(message.id).digest('hex').slice(0, 32) }],
        }),
      );
    };
  }
  const smtp = nodemailer.createTransport(settings.url);
  return async (message) => {
    if (message.channel !== 'email') throw new Error(`not an email: ${message.channel}`);
    const { subject, text, html } = message.content;
    await smtp.sendMail({ from: settings.from, to: message.to, subject, text, html, messageId: messageId(message.id), headers: { 'X-PilotOps-Delivery': message.id } });
  };
}

function smsTransport(settings: NonNullable<NotifyConfig['sms']>): (message: OutgoingMessage) => Promise<void> {
  if (settings.kind === 'sns') {
    const sns = new SNSClient({});
    return async (message) => {
      if (message.channel !== 'sms') throw new Error(`not an SMS: ${message.channel}`);
      await sns.send(
        new PublishCommand({
          PhoneNumber: `+86${message.to}`,
          Message: message.content.text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
    };
  }
  const { secret } = settings;
  let cached: Promise<string> | undefined;
  const readSecret = (): Promise<string> => {
    if ('value' in secret) return Promise.resolve(secret.value);
    cached ??= new SecretsManagerClient({})
      .send(new GetSecretValueCommand({ SecretId: secret.secretArn }))
      .then((reply) => {
        if (!reply.SecretString) throw new Error('the SMS provider secret holds no string');
        return reply.SecretString;
      })
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
  const provider = httpsSmsProvider({ ...settings, secret: readSecret });
  return async (message) => {
    if (message.channel !== 'sms') throw new Error(`not an SMS: ${message.channel}`);
    await provider.send(message.to, message.content, message.id);
  };
}

/** 企业微信 and 钉钉 answer 200 with `errcode` ≠ 0 when they refuse (bad key, rate limit). */
function webhookTransport(allowedHosts: readonly string[]): (message: OutgoingMessage) => Promise<void> {
  return async (message) => {
    if (message.channel !== 'webhook') throw new Error(`not a webhook: ${message.channel}`);
    const problem = robotUrlProblem(message.url, allowedHosts);
    if (problem) throw new Error(`robot URL refused: ${problem}`);
    const response = await fetch(message.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-pilotops-delivery': encodeURIComponent(message.id) },
      body: JSON.stringify(message.body),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`robot answered ${response.status}`);
    const errcode = (() => {
      try {
        return (JSON.parse(text) as { errcode?: unknown }).errcode;
      } catch {
        return undefined;
      }
    })();
    if (errcode !== undefined && errcode !== 0) throw new Error(`robot refused: errcode ${String(errcode)}`);
  };
}

export const transports: Transports = {
  ...(config.email ? { email: emailTransport(config.email) } : {}),
  ...(config.sms ? { sms: smsTransport(config.sms) } : {}),
  webhook: webhookTransport(config.webhookHosts),
};

/** Delivers every event still owed a delivery (the retry timer), or the ones given. */
export function dispatchOutbox(events?: readonly Notification[]): Promise<DispatchResult> {
  return dispatch(outboxStore, transports, () => new Date(), { appUrl: config.appUrl }, events);
}

export const notifier: Notifier = {
  async send(notifications: readonly Notification[]): Promise<void> {
    await dispatchOutbox(notifications);
  },
};
