import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * What catches notifications on one machine: a real SMTP server (smtp-server; each message parsed by
 * mailparser) and an HTTP receiver that stands where 企业微信 / 钉钉 robots and the domestic SMS
 * provider stand in the cloud. The same page shows all three in the browser, newest first, so a new
 * user sees a reminder arrive; the JSON lists are what tests poll.
 */
export interface CaughtMail {
  id: number;
  messageId: string;
  delivery: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export interface CaughtPost {
  id: number;
  /** `wecom/<key>`, `dingtalk/<key>` or `sms` */
  target: string;
  delivery: string;
  body: unknown;
  receivedAt: string;
}

export interface MailSink {
  /** for NOTIFY_SMTP_URL */
  smtpUrl: string;
  /** the viewer page */
  url: string;
  robotUrl(kind: 'wecom' | 'dingtalk', key: string): string;
  smsUrl: string;
  mails(): CaughtMail[];
  posts(): CaughtPost[];
  close(): Promise<void>;
}

const MAX_KEPT = 500;

export async function startMailSink(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailSink> {
  const mails: CaughtMail[] = [];
  const posts: CaughtPost[] = [];
  let nextId = 1;
  const keep = <T>(list: T[], item: T): void => {
    list.push(item);
    if (list.length > MAX_KEPT) list.shift();
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: 10 * 1024 * 1024,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const header = mail.headers.get('x-pilotops-delivery');
          keep(mails, {
            id: nextId++,
            messageId: mail.messageId ?? '',
            delivery: typeof header === 'string' ? header : '',
            from: mail.from?.text ?? '',
            to: Array.isArray(mail.to) ? mail.to.map((to) => to.text).join(', ') : (mail.to?.text ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.statusCode = 500;
      response.end();
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://sink').pathname;
    if (request.method === 'POST') {
      const target = /^\/(robot\/(?:wecom|dingtalk)\/[\w-]+|sms)$/.exec(path)?.[1];
      if (!target) return send(response, 404, { errcode: 404, errmsg: 'not found' });
      const text = await readText(request);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return send(response, 400, { errcode: 40001, errmsg: 'invalid json' });
      }
      const delivery = decodeURIComponent(String(request.headers['x-pilotops-delivery'] ?? ''));
      const outId = (body as { outId?: unknown }).outId;
      keep(posts, { id: nextId++, target: target.replace(/^robot\//, ''), delivery: delivery || (typeof outId === 'string' ? outId : ''), body, receivedAt: new Date().toISOString() });
      // What 企业微信 / 钉钉 robots and a domestic SMS provider answer on success.
      return send(response, 200, target === 'sms' ? { code: 'OK', message: 'OK' } : { errcode: 0, errmsg: 'ok' });
    }
    if (path === '/mails.json') return send(response, 200, mails);
    if (path === '/posts.json') return send(response, 200, posts);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(viewerPage(mails, posts));
      return;
    }
    send(response, 404, { error: 'not found' });
  };
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    url,
    robotUrl: (kind, key) => `${url}/robot/${kind}/${key}`,
    smsUrl: `${url}/sms`,
    mails: () => [...mails],
    posts: () => [...posts],
    close: async () => {
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), closeServer(http)]);
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

function viewerPage(mails: readonly CaughtMail[], posts: readonly CaughtPost[]): string {
  const mailRows = [...mails]
    .reverse()
    .map((mail) => `<article><h2>${escape(mail.subject)}</h2><p class="meta">发给 ${escape(mail.to)} · ${escape(mail.receivedAt)}</p><pre>${escape(mail.text)}</pre></article>`)
    .join('');
  const postRows = [...posts]
    .reverse()
    .map((post) => `<article><h2>${escape(post.target)}</h2><p class="meta">${escape(post.receivedAt)}</p><pre>${escape(JSON.stringify(post.body, null, 2))}</pre></article>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>本机通知收件箱</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
.meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap;font-family:inherit}h2{font-size:1.05rem;margin:.5rem 0}</style></head>
<body><h1>本机通知收件箱</h1><p>试点通在本机发出的邮件、群机器人消息和短信都在这里（每5秒刷新）。</p>
<h2>邮件（${mails.length}）</h2>${mailRows || '<p>暂无邮件</p>'}
<h2>群机器人与短信（${posts.length}）</h2>${postRows || '<p>暂无消息</p>'}</body></html>`;
}
