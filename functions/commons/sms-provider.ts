import { createHmac } from 'node:crypto';
import type { SmsContent } from '../../shared/notifications/templates';

/**
 * A domestic SMS provider over HTTPS (aws-cn, where SNS sends no SMS). Domestic providers send only
 * approved templates under an approved signature (签名), so the request names both and passes the
 * template's parameters; it is signed with an HMAC-SHA256 over the timestamp and the body, and
 * carries the delivery id as `outId`, so the provider's records can be matched to ours and a repeat
 * told for one. A provider with a different wire format is one more adapter of `SmsSender`.
 */
export interface SmsSender {
  send(to: string, content: SmsContent, id: string): Promise<void>;
}

export interface HttpsSmsProviderOptions {
  url: string;
  signName: string;
  template: string;
  keyId: string;
  /** read when first needed (a Secrets Manager lookup in the cloud), then kept */
  secret: () => Promise<string>;
  timeoutMs?: number;
}

export function httpsSmsProvider(options: HttpsSmsProviderOptions, fetcher: typeof fetch = fetch): SmsSender {
  return {
    async send(to, content, id) {
      const body = JSON.stringify({ phoneNumbers: [to], signName: options.signName, templateCode: options.template, templateParam: content.params, outId: id });
      const timestamp = new Date().toISOString();
      const signature = createHmac('sha256', await options.secret()).update(`${timestamp}\n${body}`).digest('base64');
      const response = await fetcher(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-timestamp': timestamp, authorization: `HMAC-SHA256 Credential=${options.keyId}, Signature=${signature}` },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`SMS provider answered ${response.status}: ${text.slice(0, 200)}`);
      // Providers answer 200 with their own code for a refusal (Aliyun `Code`, Tencent `Response.Error`).
      const reply = parseJson(text);
      const code = reply?.code ?? reply?.Code;
      if (code !== undefined && code !== 'OK' && code !== 0 && code !== '0') throw new Error(`SMS provider refused: ${String(code)}`);
    },
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
