import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUsccCheck } from '../../shared/uscc';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';

/**
 * Reviewers read the application (issue 14 §1) through the local gateway: the version under review,
 * never the enterprise's unsent draft, and after 退回修改 what changed since the returned version.
 * Then its panel comes from the expert registry (§2): picked or drawn, never a made-up account.
 */
const PILOT = 'p-review';
const TOWN = 'town-r';
const USCC = withUsccCheck('91120114MA0LR1234');
const RELATED = withUsccCheck('91120114MA0LR5678');
const UNIVERSITY = withUsccCheck('12120000401359321');
const accounts = {
  enterprise: testAccount('ent-r', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  town: testAccount('town-r', ['town'], { town: TOWN, pilot: PILOT }),
  otherTown: testAccount('town-r2', ['town'], { town: 'town-other', pilot: PILOT }),
  bureau: testAccount('bureau-r', ['bureau'], { pilot: PILOT }),
  operator: testAccount('operator-r', ['operator'], { pilot: PILOT }),
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
    contact: { name: '王五', phone: '022-12345678' }, relatedParties: [RELATED], registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'ent-r', version: 1,
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

const expertInput = (account: string, organisationUscc: string, fields = ['intelligent_manufacturing']) => ({
  account, name: `专家${account}`, fields, organisation: '某单位', organisationUscc, title: '高级工程师', phone: '022-27400000',
});
const RUBRIC = [{ id: 'c1', name: '实施方案可行性', weight: 100 }];

describe('the panel comes from the expert registry', () => {
  it('lets the bureau register experts, refuses the same account twice and other roles', async () => {
    for (const [account, uscc] of [['u1', UNIVERSITY], ['u2', UNIVERSITY], ['u3', UNIVERSITY], ['own', USCC], ['rel', RELATED]] as const) {
      expect((await clients.bureau.post(`/pilots/${PILOT}/experts`, expertInput(account, uscc))).status).toBe(201);
    }
    expect((await clients.bureau.post(`/pilots/${PILOT}/experts`, expertInput('sw', UNIVERSITY, ['industrial_software']))).status).toBe(201);
    expect((await clients.bureau.post(`/pilots/${PILOT}/experts`, expertInput('u1', UNIVERSITY))).body).toMatchObject({ code: 'EXPERT_ALREADY_REGISTERED' });
    expect((await clients.operator.post(`/pilots/${PILOT}/experts`, expertInput('x', UNIVERSITY))).status).toBe(403);
    const bad = await clients.bureau.post<{ code: string; issues: Array<{ path: string }> }>(`/pilots/${PILOT}/experts`, { ...expertInput('bad', '91120114MA0LR0000'), fields: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue) => issue.path).sort()).toEqual(['fields', 'organisationUscc']);
    const software = await clients.operator.get<{ items: Array<{ account: string }> }>(`/pilots/${PILOT}/experts?field=industrial_software`);
    expect(software.body.items.map((item) => item.account)).toEqual(['sw']);
  });

  it('offers only eligible experts: the applicant’s own and its related party’s are excluded with the reason', async () => {
    await act('town', 'recommend', { recommendation: '同意推荐' }, '2025-03-07T02:00:00Z');
    const reply = await clients.bureau.get<{ eligible: Array<{ account: string }>; excluded: Array<{ expert: { account: string }; reason: string }> }>(`/projects/${projectId}/expert-candidates?field=intelligent_manufacturing`);
    expect(reply.body.eligible.map((expert) => expert.account)).toEqual(['u1', 'u2', 'u3']);
    expect(reply.body.excluded.map((entry) => [entry.expert.account, entry.reason])).toEqual([['own', 'applicant'], ['rel', 'related_party']]);
  });

  it('never seats an unknown account or an expert who must step aside, and changes nothing', async () => {
    stack.setNow(new Date('2025-03-10T02:00:00Z'));
    const unknown = await clients.bureau.post<{ code: string; issues: Array<{ path: string }> }>(`/projects/${projectId}/actions/assign_experts`, {
      expectedVersion: version, input: { rubric: RUBRIC, experts: [{ subject: 'u1', name: '专家u1' }, { subject: 'made-up', name: '假专家' }] },
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'EXPERT_NOT_REGISTERED', issues: [{ path: 'experts.1.subject' }] } });
    const recuse = await clients.bureau.post(`/projects/${projectId}/actions/assign_experts`, { expectedVersion: version, input: { rubric: RUBRIC, experts: [{ subject: 'rel', name: 'x' }] } });
    expect(recuse).toMatchObject({ status: 409, body: { code: 'EXPERT_MUST_RECUSE' } });
    expect((await clients.bureau.get<{ status: string; version: number }>(`/projects/${projectId}`)).body).toMatchObject({ status: 'recommended', version });
  });

  it('seats a panel drawn with a seed, records the draw, and refuses a panel the seed does not draw', async () => {
    const { drawExperts } = await import('../../shared/experts/panel');
    const drawn = drawExperts(['u1', 'u2', 'u3'], 2, 'draw-seed-0001');
    const wrong = ['u1', 'u2', 'u3'].filter((account) => !drawn.includes(account)).concat(drawn.slice(0, 1));
    const refused = await clients.bureau.post(`/projects/${projectId}/actions/assign_experts`, {
      expectedVersion: version, input: { rubric: RUBRIC, experts: wrong.map((subject) => ({ subject, name: subject })), draw: { seed: 'draw-seed-0001', count: 2, field: 'intelligent_manufacturing' } },
    });
    expect(refused).toMatchObject({ status: 409, body: { code: 'EXPERT_DRAW_MISMATCH' } });
    await act('bureau', 'assign_experts', { rubric: RUBRIC, experts: drawn.map((subject) => ({ subject, name: '任意' })), draw: { seed: 'draw-seed-0001', count: 2, field: 'intelligent_manufacturing' } }, '2025-03-10T03:00:00Z');
    const panel = await clients.bureau.get<{ experts: { assignments: Array<{ subject: string; name: string }>; draws: unknown[] } }>(`/projects/${projectId}`);
    expect(panel.body.experts.assignments).toEqual(drawn.map((subject) => expect.objectContaining({ subject, name: `专家${subject}` })));
    expect(panel.body.experts.draws).toEqual([{ seed: 'draw-seed-0001', count: 2, field: 'intelligent_manufacturing', candidates: ['u1', 'u2', 'u3'], drawn, drawnAt: '2025-03-10T03:00:00.000Z' }]);
  });
});
