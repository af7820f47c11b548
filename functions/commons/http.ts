import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { DomainError, errorBody } from '../../shared/errors';
import { claimMappingFrom } from '../../shared/claims';
import { principalFromClaims, type Principal } from '../../shared/roles';
import { ROUTES, routeKey, type RouteDefinition } from '../../shared/routes';
import { assertScopeClaims, provinceOf } from '../../shared/scope';
import { parseInput } from '../../shared/validation';
import { isJsonMediaType, MAX_JSON_BODY_BYTES, parseStrictJson } from '../../shared/strict-json';
import { logger } from './logger';

/**
 * The HTTP handler chain every API function uses: find the route's access rule in the route table,
 * read the principal from the authorizer's claims, parse and validate path, query and body with zod,
 * call the domain, and map the result or a DomainError to a response in exactly one place.
 */
export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

export interface ApiSchemas<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  path?: P;
  query?: Q;
  body?: B;
}

export interface ApiRequest<P, Q, B> {
  principal: Principal | undefined;
  path: P;
  query: Q;
  body: B;
  headers: Record<string, string | undefined>;
  /** The request time as API Gateway recorded it; domain rules take time as a parameter. */
  now: Date;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface AuthenticatedRequest<P, Q, B> extends ApiRequest<P, Q, B> {
  principal: Principal;
}

/** How this deployment's identity provider names its claims; read once, a bad mapping fails at start. */
const claimMapping = claimMappingFrom(process.env.CLAIM_MAPPING);

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function respond(status: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode: status,
    headers: { ...JSON_HEADERS, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** The routes a handler module serves: usually one; the evidence handlers serve one per holder. */
function routesOf(handler: string): RouteDefinition[] {
  const routes = ROUTES.filter((candidate) => candidate.handler === handler);
  if (routes.length === 0) throw new Error(`no route in shared/routes.ts names handler ${handler}`);
  return routes;
}

/**
 * The route this event came in on, by API Gateway's routeKey (the local gateway sets it the same
 * way): its access rule applies. An event on a route the table does not give this handler is a
 * wiring fault, never a reason to guess.
 */
function routeOf(routes: readonly RouteDefinition[], event: ApiEvent): RouteDefinition {
  if (routes.length === 1) return routes[0]!;
  const route = routes.find((candidate) => routeKey(candidate) === event.routeKey);
  if (!route) throw new Error(`route ${event.routeKey} is not one of handler ${routes[0]!.handler}'s`);
  return route;
}

/**
 * The body as the edge accepts it (issue 12): none on a route that takes none; at most
 * MAX_JSON_BODY_BYTES (API Gateway's own 10 MB limit sits in front of this in AWS); declared as
 * `application/json` (UTF-8); valid UTF-8 and valid JSON without duplicate keys.
 */
function readBody(event: ApiEvent, takesBody: boolean): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  if (!takesBody) throw new DomainError('BODY_NOT_ALLOWED');
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_JSON_BODY_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', { details: { limitBytes: MAX_JSON_BODY_BYTES } });
  if (!isJsonMediaType(headerValue(event.headers, 'content-type'))) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new DomainError('MALFORMED_JSON');
  }
  const parsed = parseStrictJson(text);
  if (parsed.ok) return parsed.value;
  if (parsed.problem === 'malformed') throw new DomainError('MALFORMED_JSON');
  throw new DomainError('DUPLICATE_JSON_KEY', { issues: [{ path: parsed.path, message: `字段重复：${parsed.key}` }] });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/**
 * Who calls, and may they call this route: the token's claims, its roles against the route's list,
 * and the scope rule (shared/scope.ts) failing closed when a role lacks its scoping claim. A
 * province supervisor's pilots are looked up from the pilots' records, never from the request.
 */
async function authorize(route: RouteDefinition, event: ApiEvent): Promise<Principal | undefined> {
  const claims = (event.requestContext.authorizer as { jwt?: { claims?: Record<string, unknown> } } | undefined)?.jwt?.claims;
  const principal = claims ? principalFromClaims(claims, claimMapping) : undefined;
  if (route.access === 'public') return principal;
  if (!principal) throw new DomainError('UNAUTHENTICATED');
  assertScopeClaims(principal);
  if (route.access !== 'authenticated' && !principal.roles.some((role) => route.access.includes(role))) {
    throw new DomainError('FORBIDDEN');
  }
  // Only a supervisor's own supervision counts (a token of another role may carry the claim too), and
  // only on a route declared to read the records table: one that reads nothing of a pilot needs no
  // list of pilots, and its grant (issue 17) would refuse the lookup. Without the list, a province
  // supervisor supervises no pilot: closed, not open.
  if (principal.roles.includes('supervisor') && principal.supervision?.level === 'province' && readsRecordsTable(route)) {
    const { listPilots } = await import('./store/pilots');
    const province = principal.supervision.province;
    principal.supervision = { ...principal.supervision, pilotIds: (await listPilots()).filter((pilot) => provinceOf(pilot.division) === province).map((pilot) => pilot.id) };
  }
  return principal;
}

function readsRecordsTable(route: RouteDefinition): boolean {
  const records = route.touches.records;
  const ops: readonly string[] = records === undefined ? [] : Array.isArray(records) ? records : (records as { ops: readonly string[] }).ops;
  return ops.includes('read');
}

const errorMapper: middy.MiddlewareObj<ApiEvent, ApiResult> = {
  onError: (request) => {
    const { status, body } = errorBody(request.error);
    if (status >= 500) logger.error('request failed', { error: request.error as Error, routeKey: request.event.routeKey });
    else logger.info('request refused', { code: body.code, routeKey: request.event.routeKey });
    request.response = respond(status, body);
  },
};

function chain<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  routes: readonly RouteDefinition[],
  schemas: ApiSchemas<P, Q, B>,
  run: (request: AuthenticatedRequest<z.output<P>, z.output<Q>, z.output<B>>) => Promise<ApiResponse>,
): middy.MiddyfiedHandler<ApiEvent, ApiResult> {
  return middy<ApiEvent, ApiResult>()
    .use(errorMapper)
    .handler(async (event) => {
      const principal = await authorize(routeOf(routes, event), event);
      const request = {
        principal,
        path: schemas.path ? parseInput(schemas.path, event.pathParameters ?? {}) : undefined,
        query: schemas.query ? parseInput(schemas.query, event.queryStringParameters ?? {}) : undefined,
        body: parseBody(schemas.body, readBody(event, schemas.body !== undefined)),
        headers: lowerCaseHeaders(event.headers),
        now: new Date(event.requestContext.timeEpoch),
      } as AuthenticatedRequest<z.output<P>, z.output<Q>, z.output<B>>;
      const result = await run(request);
      return respond(result.status, result.body, result.headers);
    });
}

/**
 * Declares a handler for a signed-in route. `handlerName` is the module's name in the route table,
 * so the access rule is read from there and never repeated in the handler.
 */
export function api<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  handlerName: string,
  schemas: ApiSchemas<P, Q, B>,
  run: (request: AuthenticatedRequest<z.output<P>, z.output<Q>, z.output<B>>) => Promise<ApiResponse>,
): middy.MiddyfiedHandler<ApiEvent, ApiResult> {
  const routes = routesOf(handlerName);
  if (routes.some((route) => route.access === 'public')) throw new Error(`${handlerName} is public: declare it with publicApi`);
  return chain(routes, schemas, run);
}

/** Declares a handler for a public route: no principal is promised. */
export function publicApi<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  handlerName: string,
  schemas: ApiSchemas<P, Q, B>,
  run: (request: ApiRequest<z.output<P>, z.output<Q>, z.output<B>>) => Promise<ApiResponse>,
): middy.MiddyfiedHandler<ApiEvent, ApiResult> {
  const routes = routesOf(handlerName);
  if (routes.some((route) => route.access !== 'public')) throw new Error(`${handlerName} needs sign-in: declare it with api`);
  return chain(routes, schemas, run);
}

function parseBody<B extends z.ZodType>(schema: B | undefined, body: unknown): z.output<B> | undefined {
  return schema ? parseInput(schema, body) : undefined;
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
}

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });
export const created = (body: unknown): ApiResponse => ({ status: 201, body });
