import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyStructuredResultV2, Context, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { DomainError, errorBody } from '../../shared/errors';
import { ROUTES, type RouteDefinition } from '../../shared/routes';
import { PUBLIC_DATA_PREFIX } from '../../shared/tables';
import { claimsAsApiGatewayPassesThem, type Account, type LocalIssuer } from './auth';
import { compilePath, lambdaContext, toApiEvent, type IncomingRequest } from './api-event';
import { grantsOf } from '../../shared/touches';
import { withTouches } from './touch-guard';

/**
 * The local gateway: one origin that serves the API under `/api` (as payload-2.0 events to the same
 * handler modules Lambda runs), local sign-in under `/local-auth`, the public snapshots under `/data/`
 * (read from the site bucket, as CloudFront would), and the built web app with SPA routing.
 */
type ApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GatewayOptions {
  port?: number;
  issuer: LocalIssuer;
  accounts: readonly Account[];
  s3: S3Client;
  siteBucket: string;
  /** The built web app (web/dist); absent in API-only tests. */
  webRoot?: string;
  /** The clock handlers see as the request time; tests may fix it. */
  now?: () => Date;
}

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const API_PREFIX = '/api';
// API Gateway HTTP APIs refuse payloads over 10 MB.
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const compiledRoutes = ROUTES.map((route) => ({ route: route as RouteDefinition, match: compilePath(route.path) }));
const handlerCache = new Map<string, Promise<ApiHandler>>();

/** Imports a handler module once, as a Lambda execution environment does at cold start. */
function loadHandler(handler: string): Promise<ApiHandler> {
  let loaded = handlerCache.get(handler);
  if (!loaded) {
    const modulePath = join(REPO_ROOT, 'functions/api', `${handler}.ts`);
    loaded = import(modulePath).then((module: { handler: ApiHandler }) => module.handler);
    handlerCache.set(handler, loaded);
  }
  return loaded;
}

class PayloadTooLarge extends Error {}

/**
 * Reads the body, up to API Gateway's limit. A larger body is still read to its end (and dropped),
 * so the client gets its 413 reply instead of a reset connection; only a body many times the limit
 * is cut off, as a sender that will not stop is not a client to answer.
 */
function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        request.destroy();
        reject(new PayloadTooLarge());
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => (size > MAX_BODY_BYTES ? reject(new PayloadTooLarge()) : resolveBody(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function headerMap(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

async function handleApi(options: GatewayOptions, request: IncomingRequest, response: ServerResponse): Promise<void> {
  const method = request.method.toUpperCase();
  const found = compiledRoutes
    .filter(({ route }) => route.method === method)
    .map(({ route, match }) => ({ route, params: match(request.path) }))
    .find((candidate) => candidate.params !== undefined);
  if (!found?.params) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }
  let claims: Record<string, string> | undefined;
  const authorization = request.headers.authorization ?? '';
  const token = authorization.replace(/^Bearer\s+/i, '');
  if (token) {
    const payload = await options.issuer.verify(token);
    if (payload) claims = claimsAsApiGatewayPassesThem(payload);
  }
  // The JWT authorizer answers before the function runs, with API Gateway's own body.
  if (found.route.access !== 'public' && !claims) {
    sendJson(response, 401, { message: 'Unauthorized' });
    return;
  }
  const event = toApiEvent(request, found.route, found.params, claims, options.now?.());
  const handler = await loadHandler(found.route.handler);
  // Like its Lambda function's role: the union of the declarations of every route of this handler.
  const grants = grantsOf(ROUTES.filter((route) => route.handler === found.route.handler).map((route) => route.touches));
  const result = await withTouches(found.route.handler, grants, () => handler(event, lambdaContext(found.route.handler)));
  const body = result.body ?? '';
  response.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined) });
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

async function handleLocalAuth(options: GatewayOptions, request: IncomingRequest, response: ServerResponse): Promise<void> {
  if (request.path === '/local-auth/accounts' && request.method === 'GET') {
    sendJson(response, 200, options.accounts.map(({ username, name, groups }) => ({ username, name, groups })));
    return;
  }
  if (request.path === '/local-auth/token' && request.method === 'POST') {
    let credentials: { username?: unknown; password?: unknown } = {};
    try {
      credentials = JSON.parse(request.body.toString('utf8') || '{}') as typeof credentials;
    } catch {
      sendJson(response, 400, { code: 'MALFORMED_JSON', message: '请求内容不是有效的 JSON' });
      return;
    }
    const account = options.accounts.find((candidate) => candidate.username === credentials.username);
    if (!account || account.password !== credentials.password) {
      sendJson(response, 401, { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' });
      return;
    }
    sendJson(response, 200, { idToken: await options.issuer.issue(account, options.now?.()), username: account.username });
    return;
  }
  sendJson(response, 404, { message: 'Not Found' });
}

async function handlePublicData(options: GatewayOptions, path: string, response: ServerResponse): Promise<void> {
  const key = PUBLIC_DATA_PREFIX + path.slice('/data/'.length);
  try {
    const object = await options.s3.send(new GetObjectCommand({ Bucket: options.siteBucket, Key: key }));
    const bytes = await object.Body?.transformToByteArray();
    response.writeHead(200, {
      'content-type': object.ContentType ?? CONTENT_TYPES[extname(key)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=60',
    });
    response.end(bytes ? Buffer.from(bytes) : undefined);
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    throw error;
  }
}

function handleStatic(webRoot: string | undefined, path: string, response: ServerResponse): void {
  if (!webRoot || !existsSync(webRoot)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('web app not built: run `npm run build:web`');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = '/';
  }
  const safe = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(webRoot, safe);
  if (!file.startsWith(webRoot) || !existsSync(file) || statSync(file).isDirectory()) file = join(webRoot, 'index.html');
  const hashed = /\/assets\//.test(file);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(readFileSync(file));
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const webRoot = options.webRoot ? resolve(options.webRoot) : undefined;
  const server = createServer((incoming, response) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://localhost');
      const request: IncomingRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers: headerMap(incoming),
        body: Buffer.alloc(0),
        sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
      };
      try {
        request.body = await readRequestBody(incoming);
        if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
          await handleApi(options, { ...request, path: url.pathname.slice(API_PREFIX.length) || '/' }, response);
        } else if (url.pathname.startsWith('/local-auth/')) {
          await handleLocalAuth(options, request, response);
        } else if (url.pathname === '/config.json') {
          sendJson(response, 200, { apiBase: API_PREFIX, auth: { kind: 'local', tokenUrl: '/local-auth/token', accountsUrl: '/local-auth/accounts' } });
        } else if (url.pathname.startsWith('/data/')) {
          await handlePublicData(options, url.pathname, response);
        } else {
          handleStatic(webRoot, url.pathname, response);
        }
      } catch (error) {
        // API Gateway answers an oversized body itself with a bare { message }; here it gets the same
        // error envelope the handlers use (shared/errors.ts), which the web app reads either way.
        const tooLarge = error instanceof PayloadTooLarge;
        if (response.headersSent) response.end();
        else if (tooLarge) sendJson(response, 413, errorBody(new DomainError('PAYLOAD_TOO_LARGE')).body);
        else sendJson(response, 500, { message: 'Internal Server Error' });
        if (!tooLarge) console.error(JSON.stringify({ level: 'ERROR', message: 'gateway failed', error: String(error) }));
      }
    })();
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', ready));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
