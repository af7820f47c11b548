import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { ERROR_CATALOGUE } from '../../shared/errors';
import { VALUE_ACTIONS } from '../../shared/indicators/model';
import type { Pilot } from '../../shared/pilots/model';
import { PROJECT_ACTIONS } from '../../shared/projects/lifecycle';
import { PROVIDER_ACTIONS } from '../../shared/providers/lifecycle';
import type { Role } from '../../shared/roles';
import { ROUTES, routeKey, type RouteDefinition } from '../../shared/routes';
import { SME_ACTIONS } from '../../shared/sme/lifecycle';
import { withUsccCheck } from '../../shared/uscc';
import { APPLICATION, createDraft, publishGuide, registerEnterprise } from './support/evidence';
import { startTestStack, testAccount, type TestStack } from './support/gateway';
import type { Account } from '../../scripts/local/auth';

/**
 * Every route of shared/routes.ts, driven through the local gateway and the real handlers with
 * generated path parameters, queries and bodies — some valid, most not (issue 12). Whatever comes in,
 * the answer is never a 5xx, and every 4xx carries a stable code from shared/errors.ts. One stack for
 * the whole run and a bounded number of runs per route keep it to about a minute on a 2-core CI.
 */
const RUNS_PER_ROUTE = 10;
const PILOT = 'p-prop';
const TOWN = 'town-a';
const USCC = withUsccCheck('91120114MA0PR0001');
const YEAR = '2025';

const pilot: Pilot = {
  id: PILOT, name: '性质测试试点', city: '测试市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31',
  towns: [{ code: TOWN, name: '甲街道' }],
  indicators: [{ code: 'I1', name: '关键工序数控化率', unit: '%', target: 80, targetDate: '2027-12-31', direction: 'at_least', source: 'reported', responsibleUnit: 'stats' }],
  source: 'test',
};

const ACCOUNTS: Record<Role, Account> = {
  enterprise: testAccount('prop-enterprise', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  town: testAccount('prop-town', ['town'], { town: TOWN, pilot: PILOT }),
  bureau: testAccount('prop-bureau', ['bureau'], { pilot: PILOT }),
  finance: testAccount('prop-finance', ['finance'], { pilot: PILOT }),
  expert: testAccount('prop-expert', ['expert'], { pilot: PILOT }),
  operator: testAccount('prop-operator', ['operator'], { pilot: PILOT }),
  supervisor: testAccount('prop-supervisor', ['supervisor'], { supervision: 'ministry' }),
  provider: testAccount('prop-provider', ['provider'], { provider: 'prov-1', pilot: PILOT }),
  assessor: testAccount('prop-assessor', ['assessor'], { pilot: PILOT }),
  data_unit: testAccount('prop-data', ['data_unit'], { data_unit: 'stats', pilot: PILOT }),
} as Record<Role, Account>;

let stack: TestStack;
const tokens = new Map<Role, string>();
let projectId = '';

// ── generators ────────────────────────────────────────────────────────────────────────────────────

/** Text a client might send anywhere: plain, Unicode (CJK, emoji, combining, bidi, zero-width), long. */
const anyText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constantFrom('\u202Eexe.pdf', 'a\u200Bb', '%00', '%', '../x', 'x'.repeat(500), ' ', '０１２', 'NaN', '-1', '1e309', '__proto__', 'constructor', '2025Q5', '2025-02-30'),
);

/** Path segments that still name the route (an empty, `.` or `..` segment is another URL). */
const segment = anyText.filter((value) => value.trim() !== '' && value !== '.' && value !== '..');

const ALL_ACTIONS = [...new Set([...Object.keys(PROJECT_ACTIONS), ...Object.keys(PROVIDER_ACTIONS), ...Object.keys(SME_ACTIONS), ...Object.keys(VALUE_ACTIONS)])];

function parameter(name: string): fc.Arbitrary<string> {
  const known: Record<string, () => string[]> = {
    pilotId: () => [PILOT, 'p-other'],
    projectId: () => [projectId, 'P-missing'],
    uscc: () => [USCC, USCC.toLowerCase(), withUsccCheck('91120114MA0PR0009')],
    action: () => ALL_ACTIONS,
    code: () => ['I1', 'I9'],
    period: () => ['2025', '2025Q4', '2026Q1', '2031', '1999Q1'],
    year: () => ['2025', '2024', '0', '99999'],
    providerId: () => ['prov-1'],
    firmId: () => ['firm-1'],
  };
  const values = known[name]?.() ?? [];
  return values.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: segment }) : segment;
}

const QUERY_KEYS = ['cursor', 'status', 'town', 'pilotId', 'category', 'box', 'limit', 'industry', 'scenario', 'year', 'queue'];
const queryValue = fc.oneof(anyText, fc.constantFrom('submitted', 'draft', TOWN, PILOT, '0', '1000', 'e30', 'eyJrIjp7fSwiYiI6IngifQ'));
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), queryValue, { maxKeys: 3 });

/** A JSON value of any shape, including the awkward ones (deep nesting, huge numbers, odd keys). */
const anyJson = fc.jsonValue({ maxDepth: 4 });

/** Bodies shaped like real ones for the routes that create things, with one field replaced, dropped or added. */
const EXAMPLES: Record<string, () => Record<string, unknown>> = {
  'POST /enterprises': () => ({ uscc: USCC, name: '天津性质测试公司', pilotId: PILOT, town: TOWN, industry: '通用设备制造业', scale: 'above', contact: { name: '王五', phone: '022-12345678' } }),
  'POST /projects': () => ({ pilotId: PILOT, town: TOWN, guideId: 'guide-2025', title: '性质测试项目', category: 'central_fund', demonstrationType: 'point', application: APPLICATION }),
  'POST /projects/{projectId}/actions/{action}': () => ({ expectedVersion: 1, input: APPLICATION }),
  'POST /projects/{projectId}/evidence/uploads': () => ({ category: 'contract', fileName: '合同.pdf', contentType: 'application/pdf', size: 100, sha256: 'a'.repeat(64) }),
  'POST /pilots/{pilotId}/guides': () => ({ id: 'g-prop', title: '指南', directions: '方向', conditions: '条件', categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-01-01', closesOn: '2025-12-31' }),
  'POST /pilots/{pilotId}/indicators/{code}/periods/{period}/actions/{action}': () => ({ expectedVersion: 1, input: { value: 12.5, note: '' } }),
  'POST /sme-firms': () => ({ pilotId: PILOT, uscc: USCC, enterpriseName: '天津性质测试公司', town: TOWN, batch: 1 }),
  'PUT /pilots/{pilotId}/sme-policy': () => ({ levels: [] }),
  'POST /obligations/{obligationId}/fulfil': () => ({ note: '已走访' }),
};

function mutated(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  return fc.oneof(
    fc.constant(example),
    fc.record({ key: fc.constantFrom(...keys), value: anyJson }).map(({ key, value }) => ({ ...example, [key]: value })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(example).filter(([candidate]) => candidate !== key))),
    fc.record({ key: anyText, value: anyJson }).map(({ key, value }) => ({ ...example, [key]: value })),
  );
}

interface Sent {
  raw: string;
  contentType: string | undefined;
}

function bodyFor(route: RouteDefinition): fc.Arbitrary<Sent | undefined> {
  if (route.method === 'GET' || route.method === 'DELETE') return fc.constant(undefined);
  const example = EXAMPLES[routeKey(route)];
  const json = (example ? fc.oneof(mutated(example()), anyJson) : anyJson).map((value): Sent => ({ raw: JSON.stringify(value), contentType: 'application/json' }));
  const odd = fc.oneof(
    fc.constant<Sent>({ raw: '{"a":1,"a":2}', contentType: 'application/json' }),
    fc.constant<Sent>({ raw: '{"a":', contentType: 'application/json' }),
    fc.constant<Sent>({ raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' }),
    fc.constant<Sent>({ raw: '{"x":"\\ud800"}', contentType: 'application/json' }),
    fc.string().map((raw): Sent => ({ raw, contentType: 'text/plain' })),
    fc.string().map((raw): Sent => ({ raw, contentType: undefined })),
  );
  return fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: json }, { weight: 2, arbitrary: odd });
}

function pathOf(route: RouteDefinition, params: Record<string, string>): string {
  return route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? 'x'));
}

function requestFor(route: RouteDefinition) {
  const names = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!);
  const roles = route.access === 'public' || route.access === 'authenticated' ? (Object.keys(ACCOUNTS) as Role[]) : [...route.access];
  return fc.record({
    role: fc.constantFrom(...roles),
    params: fc.record(Object.fromEntries(names.map((name) => [name, parameter(name)]))) as fc.Arbitrary<Record<string, string>>,
    query,
    body: bodyFor(route),
  });
}

async function send(route: RouteDefinition, request: { role: Role; params: Record<string, string>; query: Record<string, string>; body: Sent | undefined }) {
  const search = new URLSearchParams(request.query).toString();
  const url = `${stack.url}/api${pathOf(route, request.params)}${search ? `?${search}` : ''}`;
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(request.role) ?? ''}` };
  if (request.body?.contentType) headers['content-type'] = request.body.contentType;
  const response = await fetch(url, { method: route.method, headers, ...(request.body ? { body: request.body.raw } : {}) });
  const text = await response.text();
  let body: { code?: string } | undefined;
  try {
    body = text ? (JSON.parse(text) as { code?: string }) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, url };
}

beforeAll(async () => {
  stack = await startTestStack();
  for (const [role, account] of Object.entries(ACCOUNTS) as Array<[Role, Account]>) tokens.set(role, await stack.token(account));
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(pilot);
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  const bureau = await stack.as(ACCOUNTS.bureau);
  await publishGuide(bureau, PILOT);
  await registerEnterprise(USCC, PILOT, TOWN, '天津性质测试公司');
  projectId = (await createDraft(await stack.as(ACCOUNTS.enterprise), PILOT, TOWN, '性质测试项目')).id;
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('every route, any input (issue 12)', () => {
  const codes = new Set(Object.keys(ERROR_CATALOGUE));

  for (const route of ROUTES as readonly RouteDefinition[]) {
    it(`${routeKey(route)} never answers 5xx, and every 4xx carries a stable code`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          const reply = await send(route, request);
          const said = `${route.method} ${reply.url} as ${request.role} with ${request.body?.contentType ?? '-'} ${request.body?.raw.slice(0, 300) ?? ''} → ${reply.status} ${JSON.stringify(reply.body)}`;
          expect(reply.status, said).toBeLessThan(500);
          if (reply.status >= 400) expect(codes.has(reply.body?.code ?? ''), said).toBe(true);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: Number(process.env.PROPERTY_SEED ?? 20_251_212), endOnFailure: true },
      );
    }, 120_000);
  }
});
