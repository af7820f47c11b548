import type { PilotLedger } from '../../shared/funds/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExpertRegistry } from './support/experts';
import { startTestStack, testAccount, type ApiClient, type ApiReply, type TestStack } from './support/gateway';
import { attach, pdfFile, pngFile } from './support/evidence';
import { withUsccCheck } from '../../shared/uscc';
import { drawSpotChecks } from '../../shared/projects/spot-check';

/**
 * The ten steps of a central-fund key project (滨海 §三(五)), the rectification loop and the refusals,
 * through the local gateway against DynamoDB Local, each step by the role the seed names.
 */
const PILOT = 'p-wq';
const TOWN = 'town-a';
const USCC = withUsccCheck('91120114MA0LC1234');
const accounts = {
  enterprise: testAccount('ent', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  otherEnterprise: testAccount('ent-other', ['enterprise'], { uscc: withUsccCheck('91120114MA0LC5678'), pilot: PILOT }),
  town: testAccount('town', ['town'], { town: TOWN, pilot: PILOT }),
  otherTown: testAccount('town-other', ['town'], { town: 'town-b', pilot: PILOT }),
  bureau: testAccount('bureau', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-other', ['bureau'], { pilot: 'p-elsewhere' }),
  finance: testAccount('finance', ['finance'], { pilot: PILOT }),
  operator: testAccount('operator', ['operator'], { pilot: PILOT }),
  expert1: testAccount('expert-1', ['expert'], { pilot: PILOT }),
  expert2: testAccount('expert-2', ['expert'], { pilot: PILOT }),
  expert3: testAccount('expert-3', ['expert'], { pilot: PILOT }),
  unassignedExpert: testAccount('expert-9', ['expert'], { pilot: PILOT }),
};
type Who = keyof typeof accounts;

const RUBRIC = [
  { id: 'tech', name: '技术先进性', weight: 40 },
  { id: 'benefit', name: '预期效益', weight: 35 },
  { id: 'capacity', name: '实施能力', weight: 25 },
];
const APPLICATION = {
  implementationPlan: '建设数字化车间，部署工业机器人与MES系统。',
  // Not before any submission below (the latest, 2026-03-02): a milestone already past is refused (issue 12).
  milestones: [{ name: '系统上线', due: '2026-11-30' }],
  budget: [
    { kind: 'equipment', amountWan: 1200 },
    { kind: 'software', amountWan: 300 },
  ],
  fundRequestedWan: 600,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
  evidenceIds: [] as string[],
};

interface ProjectBody {
  id: string;
  status: string;
  version: number;
  scores: unknown[];
  code?: string;
  details?: Record<string, unknown>;
}

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  await seedExpertRegistry(PILOT, [1, 2, 3].map((n) => ({ account: `expert-${n}`, name: `专家${n}` })));
  stack.setNow(new Date('2025-01-02T02:00:00Z'));
  const guide = await clients.bureau.post('/pilots/p-wq/guides', {
    id: 'guide-2025', title: '2025年制造业新型技术改造中央财政资金项目申报指南', directions: '数字化智能化改造', conditions: '注册在本区的规上工业企业',
    categories: ['central_fund'], demonstrationTypes: ['point', 'line'], opensOn: '2025-01-01', closesOn: '2026-12-31',
  });
  expect(guide.status).toBe(201);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot({ id: PILOT, name: '测试试点', city: '测试市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31', towns: [{ code: TOWN, name: '甲街道' }], indicators: [], source: 'test' });
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  await createEnterprise({
    uscc: USCC, name: '天津测试汽车零部件有限公司', pilotId: PILOT, town: TOWN, industry: '汽车制造业', scale: 'above',
    contact: { name: '王五', phone: '022-12345678' }, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'ent', version: 1,
  });
});

afterAll(async () => {
  await stack.close();
});

let version = 0;
async function act(who: Who, projectId: string, action: string, input: unknown, when: string, options: { version?: number; key?: string } = {}): Promise<ApiReply<ProjectBody>> {
  stack.setNow(new Date(when));
  const reply = await clients[who].post<ProjectBody>(
    `/projects/${projectId}/actions/${action}`,
    { expectedVersion: options.version ?? version, input },
    options.key ? { 'idempotency-key': options.key } : {},
  );
  if (reply.status === 200) version = reply.body.version;
  return reply;
}

async function expectStep(who: Who, projectId: string, action: string, input: unknown, when: string, status: string): Promise<void> {
  const reply = await act(who, projectId, action, input, when);
  expect(reply.status, `${action} by ${who}: ${JSON.stringify(reply.body)}`).toBe(200);
  expect(reply.body.status).toBe(status);
}

async function createProject(when: string, key?: string): Promise<ApiReply<ProjectBody>> {
  stack.setNow(new Date(when));
  return clients.enterprise.post<ProjectBody>(
    '/projects',
    { pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '汽车零部件数字化车间改造', category: 'central_fund', demonstrationType: 'point', application: APPLICATION },
    key ? { 'idempotency-key': key } : {},
  );
}

/** Real evidence through the presigned path: every id a step names must be a completed upload of the project. */
async function upload(who: Who, projectId: string, category: string, label: string, invoiceNumber?: string): Promise<string> {
  const photo = category === 'site_photo';
  const file = { bytes: photo ? pngFile(label) : pdfFile(label), category, fileName: `${label}.${photo ? 'png' : 'pdf'}`, contentType: photo ? 'image/png' : 'application/pdf' };
  return attach(clients[who], projectId, invoiceNumber ? { ...file, invoiceNumber } : file);
}

async function read(who: Who, projectId: string): Promise<ApiReply<ProjectBody>> {
  return clients[who].get<ProjectBody>(`/projects/${projectId}`);
}

describe('a central-fund key project through the gateway', () => {
  let projectId = '';

  it('takes applications only under an open guide, for the categories and types it funds', async () => {
    const outside = await createProject('2027-01-05T02:00:00Z');
    expect(outside).toMatchObject({ status: 409, body: { code: 'PRECONDITION_FAILED', details: { reason: 'guide_closed' } } });
    stack.setNow(new Date('2025-03-03T02:00:00Z'));
    const plane = await clients.enterprise.post<{ code: string; issues: unknown[] }>('/projects', {
      pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '园区整体改造', category: 'central_fund', demonstrationType: 'plane', application: APPLICATION,
    });
    expect(plane).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', issues: [{ path: 'demonstrationType' }] } });
    const publishedByTown = await clients.town.post('/pilots/p-wq/guides', {});
    expect(publishedByTown.status).toBe(403);
  });

  it('creates a draft once for a retried request with the same idempotency key', async () => {
    const first = await createProject('2025-03-03T02:00:00Z', 'create-1');
    const retry = await createProject('2025-03-03T02:00:05Z', 'create-1');
    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    projectId = first.body.id;
    version = first.body.version;
    const mine = await clients.enterprise.get<{ items: ProjectBody[] }>('/projects');
    expect(mine.body.items.map((item) => item.id)).toEqual([projectId]);
  });

  it('keeps a draft from every official and from other enterprises', async () => {
    for (const who of ['town', 'bureau', 'otherEnterprise'] as const) expect((await read(who, projectId)).status).toBe(404);
  });

  it('walks the ten steps with the right role at each, refusing wrong roles, tenants, states and versions', async () => {
    // 2. the enterprise submits its application
    await expectStep('enterprise', projectId, 'submit', {}, '2025-03-04T02:00:00Z', 'submitted');
    expect((await clients.town.get<{ items: ProjectBody[] }>('/projects')).body.items.map((item) => item.id)).toEqual([projectId]);
    expect((await clients.otherTown.get<{ items: ProjectBody[] }>('/projects')).body.items).toEqual([]);

    // 3. the town's preliminary review: another town cannot see it; the bureau may not recommend
    expect((await act('otherTown', projectId, 'recommend', { recommendation: '同意' }, '2025-03-05T02:00:00Z')).status).toBe(404);
    expect((await act('bureau', projectId, 'recommend', { recommendation: '同意' }, '2025-03-05T02:00:00Z')).body.code).toBe('FORBIDDEN');
    await expectStep('town', projectId, 'return_for_revision', { comments: '请补充绩效指标' }, '2025-03-05T02:00:00Z', 'returned');
    const planId = await upload('enterprise', projectId, 'plan', '实施方案');
    await expectStep('enterprise', projectId, 'save_draft', { ...APPLICATION, fundRequestedWan: 550, evidenceIds: [planId] }, '2025-03-05T03:00:00Z', 'returned');
    await expectStep('enterprise', projectId, 'submit', {}, '2025-03-05T04:00:00Z', 'submitted');
    await expectStep('town', projectId, 'recommend', { recommendation: '同意推荐' }, '2025-03-06T02:00:00Z', 'recommended');

    // an illegal transition and a stale version change nothing
    const illegal = await act('enterprise', projectId, 'sign_agreement', { agreementEvidenceId: 'ev-x' }, '2025-03-06T03:00:00Z');
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('ILLEGAL_TRANSITION');
    const stale = await act('town', projectId, 'recommend', { recommendation: '再次推荐' }, '2025-03-06T03:00:00Z', { version: version - 1 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'STALE_VERSION', details: { currentVersion: version } } });
    expect((await read('bureau', projectId)).body).toMatchObject({ status: 'recommended', version });

    // 4. expert review: the bureau assigns; each expert declares and scores independently
    const experts = [1, 2, 3].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` }));
    expect((await act('otherBureau', projectId, 'assign_experts', { rubric: RUBRIC, experts }, '2025-03-10T02:00:00Z')).status).toBe(404);
    await expectStep('bureau', projectId, 'assign_experts', { rubric: RUBRIC, experts }, '2025-03-10T02:00:00Z', 'expert_review');
    expect((await read('unassignedExpert', projectId)).status).toBe(404);
    expect((await clients.expert1.get<{ items: ProjectBody[] }>('/projects')).body.items.map((item) => item.id)).toEqual([projectId]);
    for (const [index, who] of (['expert1', 'expert2', 'expert3'] as const).entries()) {
      await expectStep(who, projectId, 'declare_conflict', { hasConflict: false }, '2025-03-12T02:00:00Z', 'expert_review');
      if (index === 1) {
        // expert 2 has not scored yet and sees nobody's sheet
        expect((await read('expert2', projectId)).body.scores).toEqual([]);
      }
      const sheet = RUBRIC.map((criterion) => ({ criterionId: criterion.id, score: 80 + index }));
      await expectStep(who, projectId, 'submit_score', { scores: sheet, comments: '方案可行' }, '2025-03-12T03:00:00Z', 'expert_review');
    }
    // Independent review (issue 12): while the panel sits an expert sees only their own sheet; the panel's once it closes.
    expect((await read('expert3', projectId)).body.scores).toHaveLength(1);
    expect((await read('enterprise', projectId)).body.scores).toEqual([]);

    // selection, public notice (公示) with an objection answered, then confirmation after it ends
    const publicProjects = async (): Promise<Array<{ id: string; status: string; approvedAmountWan: number | null }>> => {
      const response = await fetch(`${stack.url}/data/pilots/${PILOT}.json`);
      return response.status === 200 ? ((await response.json()) as { projects: Array<{ id: string; status: string; approvedAmountWan: number | null }> }).projects : [];
    };
    expect((await publicProjects()).map((project) => project.id)).not.toContain(projectId);
    await expectStep('bureau', projectId, 'select', { approvedAmountWan: 500, noticeDays: 5 }, '2025-03-18T02:00:00Z', 'public_notice');
    // 公示: the selection is public at once, in the snapshot the dashboards read
    expect(await publicProjects()).toContainEqual(expect.objectContaining({ id: projectId, status: 'public_notice', approvedAmountWan: 500 }));
    await expectStep('operator', projectId, 'record_objection', { text: '对申报投资额有疑问' }, '2025-03-19T02:00:00Z', 'public_notice');
    const objectionId = ((await read('bureau', projectId)).body as unknown as { publicNotice: { objections: Array<{ id: string }> } }).publicNotice.objections[0]?.id;
    await expectStep('bureau', projectId, 'answer_objection', { objectionId, answer: '经核实，投资额有合同支撑' }, '2025-03-20T02:00:00Z', 'public_notice');
    const early = await act('bureau', projectId, 'confirm_selection', { signingWindowDays: 15 }, '2025-03-20T03:00:00Z');
    expect(early).toMatchObject({ status: 409, body: { code: 'PRECONDITION_FAILED' } });
    await expectStep('bureau', projectId, 'confirm_selection', { signingWindowDays: 15 }, '2025-03-24T02:00:00Z', 'agreement_pending');

    // 5. the enterprise signs the task agreement; 6. the bureau issues the fund plan
    const agreementEvidenceId = await upload('enterprise', projectId, 'agreement', '项目任务书');
    await expectStep('enterprise', projectId, 'sign_agreement', { agreementEvidenceId }, '2025-03-28T02:00:00Z', 'agreement_signed');
    await expectStep('bureau', projectId, 'issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, '2025-04-10T02:00:00Z', 'in_progress');

    // finance pays tranches, never beyond the approved amount
    await expectStep('finance', projectId, 'record_tranche', { kind: 'pre_allocation', amountWan: 300 }, '2025-04-15T02:00:00Z', 'in_progress');
    const tooMuch = await act('finance', projectId, 'record_tranche', { kind: 'remainder', amountWan: 201 }, '2025-04-16T02:00:00Z');
    expect(tooMuch).toMatchObject({ status: 409, body: { code: 'PRECONDITION_FAILED' } });

    // 8. spot checks are drawn from projects under way with a recorded seed anyone can re-run
    const draw = await clients.operator.post<{ seed: string; candidates: string[]; drawn: string[] }>('/pilots/p-wq/spot-checks', { count: 2, seed: 'announced-seed-2025' });
    expect(draw.status).toBe(201);
    expect(draw.body.drawn).toEqual([projectId]);
    expect(drawSpotChecks(draw.body.candidates, 2, draw.body.seed)).toEqual(draw.body.drawn);
    expect((await clients.town.post('/pilots/p-wq/spot-checks', { count: 1 })).status).toBe(403);
    expect((await clients.otherBureau.post('/pilots/p-wq/spot-checks', { count: 1 })).status).toBe(404);
    const draws = await clients.bureau.get<{ items: Array<{ seed: string }> }>('/pilots/p-wq/spot-checks');
    expect(draws.body.items.map((item) => item.seed)).toEqual(['announced-seed-2025']);

    // 7. progress with evidence
    const photoId = await upload('enterprise', projectId, 'site_photo', '设备到货现场');
    await expectStep('enterprise', projectId, 'report_progress', { period: '2025Q2', summary: '设备已到货', percentComplete: 40, investedWan: 800, evidenceIds: [photoId] }, '2025-07-01T02:00:00Z', 'in_progress');
    expect((await act('town', projectId, 'report_progress', { period: '2025Q2', summary: 'x', percentComplete: 1, investedWan: 1, evidenceIds: ['e'] }, '2025-07-01T03:00:00Z')).body.code).toBe('FORBIDDEN');

    // 9. acceptance request, the town's formal review, the operator's assessment
    const MATERIALS = {
      selfEvaluationIds: [await upload('enterprise', projectId, 'self_evaluation', '自评总结')],
      planIds: [planId],
      contractIds: [await upload('enterprise', projectId, 'contract', '设备采购合同')],
      invoiceIds: [await upload('enterprise', projectId, 'invoice', '设备发票', '25120000000000000001')],
      paymentVoucherIds: [await upload('enterprise', projectId, 'payment_voucher', '银行付款凭证')],
    };
    await expectStep('enterprise', projectId, 'request_acceptance', { summary: '改造完成', materials: MATERIALS }, '2025-12-01T02:00:00Z', 'acceptance_requested');
    await expectStep('town', projectId, 'pass_formal_review', {}, '2025-12-05T02:00:00Z', 'formally_reviewed');
    const firstReport = await upload('operator', projectId, 'acceptance_report', '验收报告（第一轮）');
    await expectStep('operator', projectId, 'assess', { conclusion: 'fail', summary: '发票不全', reportEvidenceId: firstReport }, '2025-12-15T02:00:00Z', 'assessed');

    // 10. not accepted: rectification with a deadline, then a new request, accepted, remainder paid
    await expectStep('bureau', projectId, 'order_rectification', { deadline: '2026-02-28', reasons: '补齐发票与付款凭证' }, '2025-12-20T02:00:00Z', 'rectification');
    await expectStep('enterprise', projectId, 'request_acceptance', { summary: '已补齐材料', materials: MATERIALS }, '2026-01-20T02:00:00Z', 'acceptance_requested');
    await expectStep('town', projectId, 'pass_formal_review', {}, '2026-01-22T02:00:00Z', 'formally_reviewed');
    const secondReport = await upload('operator', projectId, 'acceptance_report', '验收报告（第二轮）');
    await expectStep('operator', projectId, 'assess', { conclusion: 'pass', summary: '指标达成', reportEvidenceId: secondReport }, '2026-01-28T02:00:00Z', 'assessed');
    await expectStep('bureau', projectId, 'accept', {}, '2026-02-01T02:00:00Z', 'accepted');
    // the town's on-time reporting rate is public: the one quarterly report that fell due was on time
    const snapshot = (await (await fetch(`${stack.url}/data/pilots/${PILOT}.json`)).json()) as { reporting: Array<{ town: string; due: number; onTime: number; rate: number | null }> };
    expect(snapshot.reporting).toContainEqual({ town: TOWN, name: '甲街道', due: 1, onTime: 1, rate: 1 });
    await expectStep('finance', projectId, 'record_tranche', { kind: 'remainder', amountWan: 200 }, '2026-02-10T02:00:00Z', 'accepted');
  });

  it('answers a repeated action with the same idempotency key once, and a reused key with another body as a conflict', async () => {
    const created = await createProject('2026-03-01T02:00:00Z');
    const id = created.body.id;
    version = created.body.version;
    const first = await act('enterprise', id, 'submit', {}, '2026-03-02T02:00:00Z', { key: 'submit-1' });
    const retry = await act('enterprise', id, 'submit', {}, '2026-03-02T02:00:09Z', { key: 'submit-1', version: created.body.version });
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    const reused = await act('enterprise', id, 'withdraw', { reason: '换个键' }, '2026-03-02T03:00:00Z', { key: 'submit-1' });
    expect(reused).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_CONFLICT' } });
    expect((await read('enterprise', id)).body).toMatchObject({ status: 'submitted', version: first.body.version });
  });

  it('keeps the whole story in the dossier (一企一档): projects, application versions and the audit trail', async () => {
    type DossierBody = { projects: Array<{ id: string }>; applicationVersions: Array<{ projectId: string; applicationVersion: number }>; auditTrail: Array<{ action: string; projectId: string }> };
    const reply = await clients.bureau.get<DossierBody>(`/enterprises/${USCC}/dossier`);
    expect(reply.status).toBe(200);
    expect(reply.body.projects).toHaveLength(2);
    // the first project was submitted twice (returned for revision in between): two versions kept
    const firstId = reply.body.auditTrail[0]?.projectId;
    expect(reply.body.applicationVersions.filter((version) => version.projectId === firstId).map((version) => version.applicationVersion)).toEqual([1, 2]);
    const actions = reply.body.auditTrail.filter((event) => event.projectId === firstId).map((event) => event.action);
    expect(actions.slice(0, 4)).toEqual(['create_draft', 'submit', 'return_for_revision', 'save_draft']);
    expect(actions.at(-1)).toBe('record_tranche');
    expect(actions.filter((action) => action === 'request_acceptance')).toHaveLength(2);
    expect((await clients.otherEnterprise.get(`/enterprises/${USCC}/dossier`)).status).toBe(404);
  });

  it('takes money back after acceptance: a 收回 order with its decision, a repayment with its voucher, netted in the ledger (issue 13)', async () => {
    // the accepted project of the journey above: 500 approved (central, as 投资补助), 300 + 200 paid
    version = (await read('bureau', projectId)).body.version;
    const decisionId = await upload('bureau', projectId, 'fund_decision', '收回资金决定');
    await expectStep('bureau', projectId, 'order_funds', { measure: 'recovery', source: 'central', amountWan: 80, reason: 'untrue_material', documentRef: '工信发〔2026〕7号', documentEvidenceIds: [decisionId] }, '2026-03-10T02:00:00Z', 'accepted');
    const tooMuch = await act('finance', projectId, 'record_repayment', { orderId: 'F1', amountWan: 81 }, '2026-03-20T02:00:00Z');
    expect(tooMuch).toMatchObject({ status: 409, body: { code: 'PRECONDITION_FAILED', details: { reason: 'exceeds_outstanding' } } });
    // a voucher that is not this project's evidence is refused, and nothing is written
    const foreign = await act('finance', projectId, 'record_repayment', { orderId: 'F1', amountWan: 1, voucherEvidenceIds: ['not-an-evidence'] }, '2026-03-15T02:00:00Z');
    expect(foreign).toMatchObject({ status: 400, body: { code: 'EVIDENCE_REFERENCE_INVALID' } });
    const voucherId = await upload('finance', projectId, 'fund_voucher', '缴回凭证');
    await expectStep('finance', projectId, 'record_repayment', { orderId: 'F1', amountWan: 80, voucherEvidenceIds: [voucherId] }, '2026-03-20T02:00:00Z', 'accepted');
    const ledger = await clients.finance.get<{ ledger: PilotLedger }>(`/pilots/${PILOT}/ledger`);
    expect(ledger.body.ledger.projects.find((line) => line.projectId === projectId)?.central).toMatchObject({ approvedWan: 500, paidWan: 500, recoveryOrderedWan: 80, repaidWan: 80, netPaidWan: 420, outstandingWan: 0 });
    expect(ledger.body.ledger.entries.filter((entry) => entry.projectId === projectId).map((entry) => entry.kind).slice(-2)).toEqual(['recovery_order', 'repayment']);
    const snapshot = (await (await fetch(`${stack.url}/data/pilots/${PILOT}.json`)).json()) as { funds: { disbursedWan: number; recoveredWan: number } };
    expect(snapshot.funds).toMatchObject({ disbursedWan: 420, recoveredWan: 80 });
  });
});
