import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExpertRegistry } from './support/experts';
import { startTestStack, testAccount, type ApiClient, type ApiReply, type TestStack } from './support/gateway';
import { withUsccCheck } from '../../shared/uscc';
import type { Obligation } from '../../shared/obligations/model';
import type { SweepResult } from '../../shared/obligations/sweep';
import type { TimerEvent } from '../../shared/schedules';
import { guarded } from '../../scripts/local/touch-guard';

/**
 * Deadlines end to end on DynamoDB Local: obligations opened and closed by lifecycle steps taken
 * through the gateway, the daily sweep (twice, concurrently, after a crash), escalations of a review
 * stage, reminders, the periodic timer and the inbox each party reads.
 */
const PILOT = 'p-dl';
const TOWN = 'town-a';
const USCC = withUsccCheck('91120114MA0DL1234');
const accounts = {
  enterprise: testAccount('ent', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  otherEnterprise: testAccount('ent-other', ['enterprise'], { uscc: withUsccCheck('91120114MA0DL5678'), pilot: PILOT }),
  town: testAccount('town', ['town'], { town: TOWN, pilot: PILOT }),
  bureau: testAccount('bureau', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-other', ['bureau'], { pilot: 'p-elsewhere' }),
  operator: testAccount('operator', ['operator'], { pilot: PILOT }),
  supervisor: testAccount('supervisor', ['supervisor'], { supervision: 'ministry' }),
  expert1: testAccount('expert-1', ['expert'], { pilot: PILOT }),
  expert2: testAccount('expert-2', ['expert'], { pilot: PILOT }),
  expert3: testAccount('expert-3', ['expert'], { pilot: PILOT }),
};
type Who = keyof typeof accounts;

const RUBRIC = [
  { id: 'tech', name: '技术先进性', weight: 60 },
  { id: 'benefit', name: '预期效益', weight: 40 },
];
const APPLICATION = {
  implementationPlan: '建设数字化车间，部署MES系统。',
  milestones: [{ name: '系统上线', due: '2025-11-30' }],
  budget: [{ kind: 'equipment', amountWan: 1200 }],
  fundRequestedWan: 600,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
  evidenceIds: [] as string[],
};

interface InboxBody {
  box: string;
  unread: number;
  boxes: { box: string; unread: number }[];
  items: { id: string; kind: string; title: string; obligationId?: string; sourceId: string }[];
  cursor?: string;
}

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;
const versions = new Map<string, number>();
let sweep: (event: TimerEvent, context?: { getRemainingTimeInMillis(): number }) => Promise<SweepResult>;
let remind: (event: TimerEvent) => Promise<{ sent: number; alreadySent: number }>;
let openPeriods: (event: TimerEvent) => Promise<{ opened: number }>;

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  await seedExpertRegistry(PILOT, [1, 2, 3].map((n) => ({ account: `expert-${n}`, name: `专家${n}` })));
  stack.setNow(new Date('2025-01-02T02:00:00Z'));
  const guide = await clients.bureau.post(`/pilots/${PILOT}/guides`, {
    id: 'guide-dl', title: '2025年技术改造项目申报指南', directions: '数字化智能化改造', conditions: '规上工业企业',
    categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-01-01', closesOn: '2026-12-31',
  });
  expect(guide.status).toBe(201);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot({
    id: PILOT, name: '期限测试试点', city: '天津市武清区', kind: 'tech_transformation', division: '120114',
    periodStart: '2025-01-01', periodEnd: '2028-03-31', towns: [{ code: TOWN, name: '测试街' }], indicators: [], source: '000',
  });
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  await createEnterprise({
    uscc: USCC, name: '天津期限测试有限公司', pilotId: PILOT, town: TOWN, industry: '汽车制造业', scale: 'above',
    contact: { name: '赵六', phone: '022-12345678' }, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'ent', version: 1,
  });
  sweep = guarded('sweepDeadlines', (await import('../../functions/timers/sweepDeadlines')).handler);
  remind = guarded('remindDeadlines', (await import('../../functions/timers/remindDeadlines')).handler);
  openPeriods = guarded('openPeriodicObligations', (await import('../../functions/timers/openPeriodicObligations')).handler);
});

afterAll(async () => {
  await stack.close();
});

async function act(who: Who, projectId: string, action: string, input: unknown, when: string): Promise<ApiReply<{ status: string; version: number; code?: string }>> {
  stack.setNow(new Date(when));
  const reply = await clients[who].post<{ status: string; version: number; code?: string }>(`/projects/${projectId}/actions/${action}`, {
    expectedVersion: versions.get(projectId),
    input,
  });
  expect(reply.status, `${action} by ${who}: ${JSON.stringify(reply.body)}`).toBe(200);
  versions.set(projectId, reply.body.version);
  return reply;
}

async function createProject(when: string): Promise<string> {
  stack.setNow(new Date(when));
  const reply = await clients.enterprise.post<{ id: string; version: number }>('/projects', {
    pilotId: PILOT, guideId: 'guide-dl', town: TOWN, title: '数字化车间改造', category: 'central_fund', demonstrationType: 'point', application: APPLICATION,
  });
  expect(reply.status).toBe(201);
  versions.set(reply.body.id, reply.body.version);
  return reply.body.id;
}

async function obligations(projectId: string, who: Who = 'bureau'): Promise<Map<string, Obligation>> {
  const reply = await clients[who].get<{ items: Obligation[] }>(`/projects/${projectId}/obligations`);
  expect(reply.status).toBe(200);
  return new Map(reply.body.items.map((item) => [item.id, item]));
}

const statusOf = async (projectId: string, suffix: string): Promise<string | undefined> => (await obligations(projectId)).get(`${projectId}:${suffix}`)?.status;
const inbox = async (who: Who, query = ''): Promise<InboxBody> => (await clients[who].get<InboxBody>(`/inbox${query}`)).body;
const sweepAt = (asOf: string) => sweep({ schedule: 'daily-deadline-sweep', asOf });

describe('deadlines through the gateway', () => {
  let projectA = '';
  let projectB = '';

  it('opens and closes review windows, the signing window and the first quarter’s duties with the lifecycle', async () => {
    projectA = await createProject('2025-03-03T02:00:00Z');
    projectB = await createProject('2025-03-03T03:00:00Z');
    await act('enterprise', projectA, 'submit', {}, '2025-03-04T02:00:00Z');
    await act('enterprise', projectB, 'submit', {}, '2025-03-04T02:00:00Z');
    expect((await obligations(projectA)).get(`${projectA}:review_stage:preliminary_review.v1`)).toMatchObject({ status: 'open', dueDay: '2025-03-18', responsible: 'town' });

    await act('town', projectA, 'recommend', { recommendation: '同意推荐' }, '2025-03-06T02:00:00Z');
    expect(await statusOf(projectA, 'review_stage:preliminary_review.v1')).toBe('fulfilled');
    expect(await statusOf(projectA, 'review_stage:expert_organisation')).toBe('open');
    const experts = [1, 2, 3].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` }));
    await act('bureau', projectA, 'assign_experts', { rubric: RUBRIC, experts }, '2025-03-10T02:00:00Z');
    for (const who of ['expert1', 'expert2', 'expert3'] as const) {
      await act(who, projectA, 'declare_conflict', { hasConflict: false }, '2025-03-12T02:00:00Z');
      await act(who, projectA, 'submit_score', { scores: RUBRIC.map((c) => ({ criterionId: c.id, score: 85 })), comments: '可行' }, '2025-03-12T03:00:00Z');
    }
    expect(await statusOf(projectA, 'review_stage:expert_scoring')).toBe('fulfilled');

    await act('bureau', projectA, 'select', { approvedAmountWan: 500, noticeDays: 5 }, '2025-03-18T02:00:00Z');
    await act('bureau', projectA, 'confirm_selection', { signingWindowDays: 15 }, '2025-03-24T02:00:00Z');
    expect((await obligations(projectA)).get(`${projectA}:agreement_signing:agreement`)).toMatchObject({ status: 'open', dueDay: '2025-04-08' });

    // Signing names an uploaded agreement (issue 4's evidence path); the decision is written by the same
    // store call the gateway's handler makes, so its obligations land in the same transaction.
    const { getStoredProject, saveDecision } = await import('../../functions/commons/store/projects');
    const { decide } = await import('../../shared/projects/decide');
    const stored = await getStoredProject(projectA);
    if (!stored) throw new Error('project A is missing');
    const signedAt = new Date('2025-03-28T02:00:00Z');
    const signing = decide(stored.project, 'sign_agreement', { agreementEvidenceId: 'ev-agreement' }, { subject: 'ent', name: 'ent', roles: ['enterprise'], uscc: USCC }, signedAt);
    await saveDecision(stored, signing, { status: 200, body: {} }, undefined, signedAt);
    versions.set(projectA, signing.project.version);
    expect(await statusOf(projectA, 'agreement_signing:agreement')).toBe('fulfilled');

    await act('bureau', projectA, 'issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, '2025-04-10T02:00:00Z');
    const delivered = await obligations(projectA, 'enterprise');
    expect(delivered.get(`${projectA}:quarterly_report:2025Q2`)).toMatchObject({ status: 'open', dueDay: '2025-07-15', responsible: 'enterprise' });
    expect(delivered.get(`${projectA}:quarterly_visit:2025Q2`)).toMatchObject({ status: 'open', dueDay: '2025-06-30', responsible: 'operator' });
    expect(delivered.get(`${projectA}:yearly_review:2025`)).toMatchObject({ status: 'open', dueDay: '2025-12-31' });
    expect((await clients.otherEnterprise.get(`/projects/${projectA}/obligations`)).status).toBe(404);
  });

  it('escalates a review stage held past its window to the town and the bureau, not the enterprise', async () => {
    const result = await sweepAt('2025-03-20T01:00:00Z');
    expect(result).toMatchObject({ escalations: 1, warnings: 0 });
    expect(await statusOf(projectB, 'review_stage:preliminary_review.v1')).toBe('missed');
    expect((await inbox('town')).items).toEqual([expect.objectContaining({ kind: 'escalation', title: '街镇初审推荐超过办理时限' })]);
    expect((await inbox('bureau')).items.map((item) => item.kind)).toEqual(['escalation']);
    expect((await inbox('enterprise')).items).toEqual([]);
  });

  it('raises one warning per miss when the sweep runs twice and when two run concurrently', async () => {
    const [first, second] = await Promise.all([sweepAt('2025-07-16T01:00:00Z'), sweepAt('2025-07-16T01:00:00Z')]);
    expect(first.warnings + second.warnings).toBe(2); // the Q2 visit (30 June) and the Q2 report (15 July)
    expect((await sweepAt('2025-07-16T01:00:00Z')).warnings).toBe(0);
    expect((await sweepAt('2025-07-17T01:00:00Z')).warnings).toBe(0);
    const enterprise = await inbox('enterprise');
    expect(enterprise.items.map((item) => item.title)).toEqual(['2025年第2季度进度报告已逾期']);
    expect(enterprise.unread).toBe(1);
    expect((await inbox('town')).items.filter((item) => item.kind === 'warning')).toHaveLength(1);
    expect((await inbox('operator')).items.map((item) => item.title)).toEqual(['2025年第2季度走访检查已逾期']);
    expect((await inbox('bureau')).items.filter((item) => item.kind === 'warning')).toHaveLength(2);
    // 002 §三(六): the yearly self-evaluation counts what the sweep raised
    stack.setNow(new Date('2025-07-20T02:00:00Z'));
    const evaluation = await clients.bureau.get<{ report: { warnings: Record<string, number> } }>(`/pilots/${PILOT}/self-evaluations/2025`);
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.report.warnings).toMatchObject({ overdueInYear: 2, escalationsInYear: 1, totalInYear: 2 });
  });

  it('closes a report filed late as fulfilled and keeps its miss and warning', async () => {
    await act('enterprise', projectA, 'report_progress', { period: '2025Q2', summary: '设备已到货', percentComplete: 40, investedWan: 800 }, '2025-07-20T02:00:00Z');
    expect((await obligations(projectA)).get(`${projectA}:quarterly_report:2025Q2`)).toMatchObject({
      status: 'fulfilled',
      missedAt: '2025-07-16T01:00:00.000Z',
      fulfilledAt: '2025-07-20T02:00:00.000Z',
    });
    expect((await inbox('enterprise')).items).toHaveLength(1);
  });

  it('counts unread per office, reads an item once, and pages newest first', async () => {
    const before = await inbox('enterprise');
    const itemId = before.items[0]?.id ?? '';
    stack.setNow(new Date('2025-07-21T02:00:00Z'));
    expect((await clients.otherEnterprise.post(`/inbox/${itemId}/read`)).status).toBe(404);
    expect(await clients.enterprise.post(`/inbox/${itemId}/read`)).toMatchObject({ status: 200, body: { unread: 0 } });
    expect(await clients.enterprise.post(`/inbox/${itemId}/read`)).toMatchObject({ status: 200, body: { unread: 0 } });
    expect((await inbox('enterprise')).items[0]).toMatchObject({ readAt: '2025-07-21T02:00:00.000Z' });

    const firstPage = await inbox('bureau', '?limit=2');
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.unread).toBe(3);
    const secondPage = await inbox('bureau', `?limit=2&cursor=${firstPage.cursor ?? ''}`);
    expect(secondPage.items.map((item) => item.kind)).toEqual(['escalation']);
    expect((await clients.otherBureau.get<InboxBody>('/inbox')).body.items).toEqual([]);
  });

  it('opens the next quarter, reminds 7 and 1 working days ahead once each, and lets the operator record a visit', async () => {
    expect((await openPeriods({ schedule: 'daily-period-obligations', asOf: '2025-07-21T00:00:00Z' })).opened).toBe(2);
    expect(await statusOf(projectA, 'quarterly_report:2025Q3')).toBe('open');

    // 29 Sep 2025 is 7 working days before 15 Oct (国庆 and the make-up Saturday in between), and 1 before the visit due 30 Sep.
    expect((await remind({ schedule: 'daily-deadline-reminders', asOf: '2025-09-29T00:30:00Z' })).sent).toBe(2);
    expect((await remind({ schedule: 'daily-deadline-reminders', asOf: '2025-09-29T03:00:00Z' })).sent).toBe(0);
    stack.setNow(new Date('2025-09-29T08:00:00Z'));
    const visitId = encodeURIComponent(`${projectA}:quarterly_visit:2025Q3`);
    expect((await clients.enterprise.post(`/obligations/${visitId}/fulfil`, { note: '已走访' })).status).toBe(403);
    expect((await clients.otherBureau.post(`/obligations/${visitId}/fulfil`, { note: '已走访' })).status).toBe(404);
    expect(await clients.operator.post(`/obligations/${visitId}/fulfil`, { note: '现场走访，进度正常' })).toMatchObject({ status: 200, body: { status: 'fulfilled', fulfilledBy: 'operator' } });
    expect((await clients.operator.post(`/obligations/${visitId}/fulfil`, { note: '再登记' })).body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    await remind({ schedule: 'daily-deadline-reminders', asOf: '2025-10-14T00:30:00Z' });
    const reminders = (await inbox('enterprise')).items.filter((item) => item.kind === 'reminder');
    expect(reminders.map((item) => item.title)).toEqual(['2025年第3季度进度报告将于 2025-10-15 到期', '2025年第3季度进度报告将于 2025-10-15 到期']);
    expect(new Set(reminders.map((item) => item.sourceId)).size).toBe(2);
  });

  it('cancels everything still open when the project ends, so the sweep raises nothing for it', async () => {
    await act('bureau', projectA, 'terminate', { reason: '抽查发现项目不实' }, '2025-10-20T02:00:00Z');
    const after = await obligations(projectA);
    expect(after.get(`${projectA}:quarterly_report:2025Q3`)).toMatchObject({ status: 'cancelled', cancelReason: '项目已终止' });
    expect(after.get(`${projectA}:yearly_review:2025`)?.status).toBe('cancelled');
    expect(after.get(`${projectA}:quarterly_visit:2025Q3`)?.status).toBe('fulfilled');
    expect(after.get(`${projectA}:quarterly_visit:2025Q2`)?.status).toBe('missed');
    expect((await sweepAt('2025-10-21T01:00:00Z')).warnings).toBe(0);
  });

  it('loses no warning and repeats none when a sweep crashes half-way and runs again', async () => {
    const { openObligation } = await import('../../functions/commons/store/obligations');
    const { providerRectification } = await import('../../shared/obligations/periods');
    const { runSweep } = await import('../../shared/obligations/sweep');
    const { deadlineStore } = await import('../../functions/commons/store/deadlines');
    for (let n = 0; n < 30; n += 1) {
      await openObligation(providerRectification({ providerId: `prov-${n}`, pilotId: PILOT, rectificationId: 'PR1', deadline: '2025-11-10', openedAt: '2025-10-25T02:00:00.000Z' }));
    }
    const asOf = new Date('2025-11-11T01:00:00Z');
    const crash = runSweep(deadlineStore, asOf, {
      beforeEach: (index) => {
        if (index === 12) throw new Error('simulated crash');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    const rerun = await sweepAt('2025-11-11T01:00:00Z');
    expect(rerun.warnings).toBe(18);
    expect((await sweepAt('2025-11-11T02:00:00Z')).warnings).toBe(0);

    const providerWarnings: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await inbox('bureau', `?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      providerWarnings.push(...page.items.filter((item) => item.obligationId?.includes(':provider_rectification:')).map((item) => item.sourceId));
      cursor = page.cursor;
    } while (cursor);
    expect(providerWarnings).toHaveLength(30);
    expect(new Set(providerWarnings).size).toBe(30);
  });

  it('stops cleanly when the function’s time runs low, and the next run resumes: one warning per miss', async () => {
    const { openObligation } = await import('../../functions/commons/store/obligations');
    const { providerRectification } = await import('../../shared/obligations/periods');
    for (let n = 0; n < 30; n += 1) {
      await openObligation(providerRectification({ providerId: `prov-late-${n}`, pilotId: PILOT, rectificationId: 'PR1', deadline: '2025-12-10', openedAt: '2025-11-25T02:00:00.000Z' }));
    }
    // The Lambda context: time for the first transaction, then less than the sweep's reserve.
    let asked = 0;
    const context = { getRemainingTimeInMillis: () => (asked++ < 1 ? 250_000 : 10_000) };
    const stopped = await sweep({ schedule: 'daily-deadline-sweep', asOf: '2025-12-11T01:00:00Z' }, context);
    expect(stopped.complete).toBe(false);
    expect(stopped.resumesOn).toBeDefined();
    const resumed = await sweepAt('2025-12-11T01:00:00Z');
    expect(resumed).toMatchObject({ complete: true, alreadyHandled: 0 });
    expect((await sweepAt('2025-12-11T02:00:00Z')).warnings).toBe(0);

    const late: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await inbox('bureau', `?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      late.push(...page.items.filter((item) => item.obligationId?.startsWith('prov-late-') || item.sourceId.includes('prov-late-')).map((item) => item.sourceId));
      cursor = page.cursor;
    } while (cursor);
    expect(late).toHaveLength(30);
    expect(new Set(late).size).toBe(30);
  });
});
