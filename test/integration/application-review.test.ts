import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUsccCheck } from '../../shared/uscc';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';

/**
 * Reviewers read the application (issue 14 §1) through the local gateway: the version under review,
 * never the enterprise's unsent draft, and after 退回修改 what changed since the returned version.
 */
const PILOT = 'p-review';
const TOWN = 'town-r';
const USCC = withUsccCheck('91120114MA0LR1234');
const accounts = {
  enterprise: testAccount('ent-r', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  town: testAccount('town-r', ['town'], { town: TOWN, pilot: PILOT }),
  otherTown: testAccount('town-r2', ['town'], { town: 'town-other', pilot: PILOT }),
  bureau: testAccount('bureau-r', ['bureau'], { pilot: PILOT }),
};
type Who = keyof typeof accounts;

const APPLICATION = {
  implementationPlan: '建设数字化车间。',
  milestones: [{ name: '系统上线', due: '2025-11-30' }],
  budget: [{ kind: 'equipment', amountWan: 1000 }],
  fundRequestedWan: 400,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
  evidenceIds: [] as string[],
};

interface Review {
  applicationVersion: number;
  draft: boolean;
  application: typeof APPLICATION;
  totals: { budgetTotalWan: number; fundRequestedWan: number };
  since: { applicationVersion: number; changes: unknown[] } | null;
}

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;
let projectId = '';
let version = 0;

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  stack.setNow(new Date('2025-01-02T02:00:00Z'));
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot({ id: PILOT, name: '评审试点', city: '测试市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31', towns: [{ code: TOWN, name: '乙街道' }], indicators: [], source: 'test' });
  const guide = await clients.bureau.post(`/pilots/${PILOT}/guides`, {
    id: 'guide-r', title: '申报指南', directions: '数字化改造', conditions: '本区企业', categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-01-01', closesOn: '2026-12-31',
  });
  expect(guide.status).toBe(201);
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  await createEnterprise({
    uscc: USCC, name: '天津评审测试有限公司', pilotId: PILOT, town: TOWN, industry: '汽车制造业', scale: 'above',
    contact: { name: '王五', phone: '022-12345678' }, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'ent-r', version: 1,
  });
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  const created = await clients.enterprise.post<{ id: string; version: number }>('/projects', {
    pilotId: PILOT, guideId: 'guide-r', town: TOWN, title: '数字化车间改造', category: 'central_fund', demonstrationType: 'point', application: APPLICATION,
  });
  expect(created.status).toBe(201);
  projectId = created.body.id;
  version = created.body.version;
});

afterAll(async () => {
  await stack.close();
});

async function act(who: Who, action: string, input: unknown, when: string): Promise<void> {
  stack.setNow(new Date(when));
  const reply = await clients[who].post<{ version: number }>(`/projects/${projectId}/actions/${action}`, { expectedVersion: version, input });
  expect(reply.status, `${action}: ${JSON.stringify(reply.body)}`).toBe(200);
  version = reply.body.version;
}

const read = (who: Who) => clients[who].get<Review>(`/projects/${projectId}/application`);

describe('the application a reviewer reads', () => {
  it('is hidden with the project while it is a draft, and the enterprise reads its own draft', async () => {
    expect((await read('town')).status).toBe(404);
    const own = await read('enterprise');
    expect(own.body).toMatchObject({ applicationVersion: 0, draft: true, totals: { budgetTotalWan: 1000, fundRequestedWan: 400 } });
  });

  it('shows the town the submitted version, and another town nothing', async () => {
    await act('enterprise', 'submit', {}, '2025-03-04T02:00:00Z');
    const town = await read('town');
    expect(town.body).toMatchObject({ applicationVersion: 1, draft: false, since: null, application: APPLICATION });
    expect((await read('otherTown')).status).toBe(404);
  });

  it('keeps showing the returned version while the enterprise revises, then the changes once resubmitted', async () => {
    await act('town', 'return_for_revision', { comments: '预算偏高' }, '2025-03-05T02:00:00Z');
    await act('enterprise', 'save_draft', { ...APPLICATION, fundRequestedWan: 300 }, '2025-03-05T03:00:00Z');
    expect((await read('town')).body).toMatchObject({ applicationVersion: 1, application: { fundRequestedWan: 400 } });
    expect((await read('enterprise')).body).toMatchObject({ draft: true, since: { applicationVersion: 1 }, application: { fundRequestedWan: 300 } });

    await act('enterprise', 'submit', {}, '2025-03-06T02:00:00Z');
    for (const who of ['town', 'bureau'] as const) {
      const review = await read(who);
      expect(review.body).toMatchObject({
        applicationVersion: 2,
        application: { fundRequestedWan: 300 },
        since: { applicationVersion: 1, changes: [{ part: 'fundRequestedWan', kind: 'changed', before: 400, after: 300 }] },
      });
    }
  });
});
