import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../shared/routes';
import { ROLES, type Role } from '../../shared/roles';
import { SCOPE_CLAIMS_OF_ROLE } from '../../shared/scope';
import type { Account } from '../../scripts/local/auth';
import { startTestStack, testAccount, type TestStack } from './support/gateway';
import { withUsccCheck } from '../../shared/uscc';

/**
 * Every route of shared/routes.ts × every role × (claims present / one scoping claim missing /
 * claims of another pilot and firm), through the local gateway and the real handlers (issue 12).
 * The outcome is derived from the route table and the scope rule:
 * - a signed-in route, a role lacking a claim its scope needs → 403 SCOPE_CLAIM_MISSING, on every route;
 * - a role the route does not list → 403 FORBIDDEN;
 * - a listed role with its claims (its own or another pilot's) → handled by the domain: never a 5xx,
 *   never a scope-claim refusal; a foreign token's GET of a named record is never a 200.
 */
const USCC = withUsccCheck('91120114MA0MX1234');
const FOREIGN_USCC = withUsccCheck('91120116MA0MX5678');
const CLAIMS: Record<'own' | 'foreign', Account['attributes']> = {
  own: { pilot: 'matrix-pilot', town: 'matrix-town', uscc: USCC, provider: 'matrix-provider', data_unit: '区统计局', supervision: '120000' },
  foreign: { pilot: 'other-pilot', town: 'other-town', uscc: FOREIGN_USCC, provider: 'other-provider', data_unit: '区统计局', supervision: '440000' },
};
const ATTRIBUTE_OF_CLAIM = { pilot: 'pilot', town: 'town', uscc: 'uscc', providerId: 'provider', supervision: 'supervision' } as const;

const PARAMS: Record<string, string> = {
  pilotId: 'matrix-pilot', projectId: 'P-MATRIX', uscc: USCC, firmId: 'SME-MATRIX', providerId: 'matrix-provider', code: 'tt-01',
  period: '2025', uploadId: 'U-MATRIX', evidenceId: 'E-MATRIX', action: 'save_draft', year: '2025', itemId: 'ITEM-MATRIX', obligationId: 'P-MATRIX:quarterly_report:2025Q3',
};
const pathOf = (path: string) => path.replace(/\{(\w+)\}/g, (_match, name: string) => PARAMS[name] ?? 'x');

type Variant = 'present' | 'missing' | 'foreign';
interface Case {
  key: string;
  role: Role;
  variant: Variant;
  account: Account;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const route of ROUTES) {
    if (route.access === 'public') continue;
    for (const role of ROLES) {
      const claims = SCOPE_CLAIMS_OF_ROLE[role];
      const missing = { ...CLAIMS.own };
      delete missing[ATTRIBUTE_OF_CLAIM[claims[0]]];
      const name = `${role}-${routeKey(route)}`;
      all.push({ key: routeKey(route), role, variant: 'present', account: testAccount(`${name}-p`, [role], CLAIMS.own) });
      all.push({ key: routeKey(route), role, variant: 'missing', account: testAccount(`${name}-m`, [role], missing) });
      all.push({ key: routeKey(route), role, variant: 'foreign', account: testAccount(`${name}-f`, [role], CLAIMS.foreign) });
    }
  }
  return all;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot({ id: 'matrix-pilot', name: '矩阵试点', city: '天津市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31', towns: [{ code: 'matrix-town', name: '甲镇' }], indicators: [], source: 'test' });
});

afterAll(async () => {
  await stack?.close();
});

describe('every route × role × scope claim (generated from shared/routes.ts)', () => {
  it('answers exactly the outcome the route table and the scope rule give', async () => {
    const routes = new Map(ROUTES.map((route) => [routeKey(route), route]));
    const failures: string[] = [];
    const all = cases();
    for (let start = 0; start < all.length; start += 24) {
      await Promise.all(
        all.slice(start, start + 24).map(async (entry) => {
          const route = routes.get(entry.key)!;
          const client = await stack.as(entry.account);
          const path = pathOf(route.path);
          const call = () =>
            route.method === 'GET' ? client.get<{ code?: string }>(path)
            : route.method === 'DELETE' ? client.delete<{ code?: string }>(path)
            : route.method === 'PUT' ? client.put<{ code?: string }>(path, {})
            : client.post<{ code?: string }>(path, {});
          // Only a successful download (the self-evaluation workbook) answers with a body that is not JSON.
          const reply = await call().catch((error: unknown) => {
            if (error instanceof SyntaxError) return { status: 200, body: undefined as { code?: string } | undefined };
            throw error;
          });
          const listed = route.access === 'authenticated' || (route.access as readonly Role[]).includes(entry.role);
          const code = reply.body?.code;
          const where = `${entry.key} as ${entry.role} (${entry.variant}): ${reply.status} ${code ?? ''}`;
          if (entry.variant === 'missing') {
            if (reply.status !== 403 || code !== 'SCOPE_CLAIM_MISSING') failures.push(where);
          } else if (!listed) {
            if (reply.status !== 403 || code !== 'FORBIDDEN') failures.push(where);
          } else {
            if (reply.status >= 500 || reply.status === 401 || code === 'SCOPE_CLAIM_MISSING') failures.push(where);
            if (entry.variant === 'foreign' && route.method === 'GET' && /\{(projectId|uscc|firmId|providerId|evidenceId)\}/.test(route.path) && reply.status === 200) failures.push(`${where} (foreign read answered)`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
