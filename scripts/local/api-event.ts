import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { routeKey, type RouteDefinition } from '../../shared/routes';

/**
 * Turns an HTTP request into the payload-2.0 event API Gateway's HTTP API gives a Lambda function,
 * with the JWT authorizer's claims where a token was verified.
 */
export interface IncomingRequest {
  method: string;
  /** Path as the API sees it (the local `/api` prefix already removed). */
  path: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

export function toApiEvent(
  request: IncomingRequest,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  claims: Record<string, string> | undefined,
  now: Date = new Date(),
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const query = new URLSearchParams(request.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  // API Gateway joins repeated query parameters with commas.
  for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
  const isText = request.body.length === 0 || /json|text|x-www-form-urlencoded/.test(request.headers['content-type'] ?? '');
  const event = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    headers: request.headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: request.headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    isBase64Encoded: !isText,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  if (Object.keys(queryStringParameters).length > 0) event.queryStringParameters = queryStringParameters;
  if (Object.keys(pathParameters).length > 0) event.pathParameters = pathParameters;
  if (request.body.length > 0) event.body = isText ? request.body.toString('utf8') : request.body.toString('base64');
  if (!claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event;
}

/** Enough of a Lambda context for middy and the logger. */
export function lambdaContext(functionName: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** `/projects/{projectId}` → a matcher returning the path parameters, or undefined. */
export function compilePath(path: string): (candidate: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}/?$`);
  return (candidate) => {
    const match = regex.exec(candidate);
    if (!match) return undefined;
    // A malformed escape (`%E0%A4`) matches no route, as API Gateway answers it before any function.
    try {
      return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
    } catch {
      return undefined;
    }
  };
}
