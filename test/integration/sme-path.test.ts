import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, declare, declarationFor, pdfFile, pngFile } from './support/evidence';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import type { Indicator, Pilot } from '../../shared/pilots/model';
import { withUsccCheck } from '../../shared/uscc';
import { guarded } from '../../scripts/local/touch-guard';

/**
 * The SME path of 004 through the gateway, each step by the role the seed names: enrolment by the
 * bureau, diagnosis by the comprehensive provider of the pool, a 小快轻准 product adopted by the firm,
 * transformation, assessment of the digital-maturity level with evidence, acceptance at level ≥ 2,
 * and the subsidy by level; then the counts against 473 / 32 / 19.
 */
const PILOT = 'wuqing-sme';
const USCC = withUsccCheck('91120114MA06Y3N1F');
const derived = (code: string, name: string, target: number, derivation: Indicator['derivation']): Indicator => ({
  code, name, unit: '家', target, targetDate: '2026-10-31', direction: 'at_least', source: 'derived', derivation,
});
const SME_PILOT: Pilot = {
  id: PILOT, name: '武清区中小企业数字化转型城市试点', city: '天津市武清区', kind: 'sme_digital', division: '120114',
  periodStart: '2025-01-01', periodEnd: '2026-10-31', towns: [{ code: 'wq-yc', name: '杨村街道' }], source: '004_b7e24a37b7cfcacc.txt',
  indicators: [derived('sme-01', '完成数字化改造的试点中小企业', 524, 'sme_transformed'), derived('sme-03', '达到数字化水平三级的企业', 32, 'sme_level_3')],
};
const accounts = {
  bureau: testAccount('gongxinju', ['bureau'], { pilot: PILOT }),
  operator: testAccount('yunying', ['operator'], { pilot: PILOT }),
  finance: testAccount('caizhengju', ['finance'], { pilot: PILOT }),
  assessor: testAccount('pingce', ['assessor'], { pilot: PILOT }),
  otherAssessor: testAccount('pingce2', ['assessor'], { pilot: 'elsewhere' }),
  comprehensive: testAccount('zonghe', ['provider'], { provider: 'comp-1' }),
  industry: testAccount('hangye', ['provider'], { provider: 'ind-7' }),
  enterprise: testAccount('qiye-sme', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  town: testAccount('yangcun', ['town'], { town: 'wq-yc', pilot: PILOT }),
};
type Who = keyof typeof accounts;

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;

/** 002 §三(一)2(2): the registration names files the provider uploaded to its own place first. */
async function uploadMaterials(who: 'comprehensive' | 'industry', id: string): Promise<Record<string, string | string[]>> {
  const file = (category: string) => attach(clients[who], `/pilots/${PILOT}/providers/${id}`, { bytes: pdfFile(`${id} ${category}`), category, fileName: `${category}.pdf`, contentType: 'application/pdf' });
  return {
    applicationFormId: await file('provider_application'),
    businessLicenceId: await file('business_licence'),
    financialStatementIds: [await file('financial_statement')],
    caseIds: [await file('case_study')],
    expertResumeIds: [await file('expert_resume')],
  };
}

async function admitProvider(who: 'comprehensive' | 'industry', id: string, kind: string, name: string, code: string): Promise<void> {
  stack.setNow(new Date('2024-11-01T02:00:00Z'));
  const materials = await uploadMaterials(who, id);
  const registered = await clients[who].post<{ version: number }>(`/pilots/${PILOT}/providers`, {
    name, uscc: withUsccCheck(code), kind, industries: ['食品制造业'], scenarios: ['生产管理'], summary: '中小企业数字化转型服务', hasLocalOffice: true,
    contact: { name: '联系人', phone: '022-66668888' }, materials,
  });
  expect(registered.status).toBe(201);
  const admitted = await clients.bureau.post<{ version: number }>(`/pilots/${PILOT}/providers/${id}/actions/admit`, { expectedVersion: registered.body.version });
  expect(admitted.status).toBe(200);
  if (kind !== 'comprehensive') {
    const product = { name: '排产上云轻应用', kind: 'product', summary: '按月订阅的排产与报工', industries: ['食品制造业'], scenarios: ['生产管理'] };
    expect((await clients[who].post(`/pilots/${PILOT}/providers/${id}/actions/publish_product`, { expectedVersion: admitted.body.version, input: product })).status).toBe(200);
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(SME_PILOT);
  // Enrolment takes the firm's town and name from its registration in the pilot (issue 12).
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  const registered = { industry: '食品制造业', scale: 'below' as const, contact: { name: '孙丽', phone: '022-29341004' }, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'test', version: 1 };
  await createEnterprise({ ...registered, uscc: USCC, name: '天津杨村食品有限公司', pilotId: PILOT, town: 'wq-yc' });
  await createEnterprise({ ...registered, uscc: withUsccCheck('91120114MA0AQ7R2J'), name: '天津下朱庄电子科技有限公司', pilotId: PILOT, town: 'wq-yc' });
  await admitProvider('comprehensive', 'comp-1', 'comprehensive', '天津综合数字化服务有限公司', '91120114MA07WXY3K');
  await admitProvider('industry', 'ind-7', 'industry', '天津食品行业云有限公司', '91120114MA07WXY4K');
});

afterAll(async () => {
  await stack.close();
});

interface FirmBody { id: string; status: string; version: number; code?: string; details?: Record<string, unknown>; acceptance?: { level: number }; subsidy?: { amountWan: number }; issues?: Array<{ path: string }> }
let firmId = '';
let version = 0;
async function act(who: Who, action: string, input: unknown, when: string, expectedVersion = version) {
  stack.setNow(new Date(when));
  const reply = await clients[who].post<FirmBody>(`/sme-firms/${firmId}/actions/${action}`, { expectedVersion, input });
  if (reply.status === 200) version = reply.body.version;
  return reply;
}
async function step(who: Who, action: string, input: unknown, when: string, status: string): Promise<FirmBody> {
  const reply = await act(who, action, input, when);
  expect(reply.status, `${action} by ${who}: ${JSON.stringify(reply.body)}`).toBe(200);
  expect(reply.body.status).toBe(status);
  return reply.body;
}

/** 004: each step's files are uploaded to the firm's own record first, by the one who hands them in. */
const firmFile = (who: Who, category: string, label: string) =>
  category === 'site_photo'
    ? attach(clients[who], `/sme-firms/${firmId}`, { bytes: pngFile(`${firmId} ${label}`), category, fileName: `${label}.png`, contentType: 'image/png' })
    : attach(clients[who], `/sme-firms/${firmId}`, { bytes: pdfFile(`${firmId} ${label}`), category, fileName: `${label}.pdf`, contentType: 'application/pdf' });

async function duties(id: string) {
  const { obligationsOf } = await import('../../functions/commons/store/obligations');
  return (await obligationsOf('sme', id)).sort((a, b) => a.kind.localeCompare(b.kind));
}

const ENROLMENT = { pilotId: PILOT, uscc: USCC, enterpriseName: '天津杨村食品有限公司', town: 'wq-yc', batch: 1, comprehensiveProviderId: 'comp-1' };

describe('a pilot SME through the gateway', () => {
  it('is enrolled by the bureau with a comprehensive provider of the pool, and no other', async () => {
    stack.setNow(new Date('2024-12-01T02:00:00Z'));
    const wrong = await clients.bureau.post<FirmBody>('/sme-firms', { ...ENROLMENT, comprehensiveProviderId: 'ind-7' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues?.[0]?.path).toBe('comprehensiveProviderId');
    expect((await clients.assessor.post('/sme-firms', ENROLMENT)).status).toBe(403);
    const enrolled = await clients.bureau.post<FirmBody>('/sme-firms', ENROLMENT);
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ status: 'enrolled', version: 1 });
    firmId = enrolled.body.id;
    version = enrolled.body.version;
    // 004 §五(二): the first batch's windows open with the enrolment
    expect(await duties(firmId)).toEqual([
      expect.objectContaining({ kind: 'sme_acceptance', dueDay: '2025-09-30', responsible: 'bureau', status: 'open' }),
      expect.objectContaining({ kind: 'sme_transformation', dueDay: '2025-08-31', responsible: 'enterprise', status: 'open' }),
    ]);
  });

  it('takes each party’s files into the firm’s own record, and only its own kinds', async () => {
    stack.setNow(new Date('2025-01-05T02:00:00Z'));
    const report = declarationFor(pdfFile('诊断'), 'diagnosis_report', '诊断报告.pdf', 'application/pdf');
    expect((await declare(clients.industry, `/sme-firms/${firmId}`, report)).status).toBe(404);
    expect((await declare(clients.enterprise, `/sme-firms/${firmId}`, report)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await declare(clients.comprehensive, `/sme-firms/${firmId}`, declarationFor(pdfFile('x'), 'statistical_source', 'x.pdf', 'application/pdf'))).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await declare(clients.bureau, `/sme-firms/${firmId}`, report)).status).toBe(403);
  });

  it('is diagnosed by its comprehensive provider and adopts a listed product', async () => {
    const diagnosis = await firmFile('comprehensive', 'diagnosis_report', '诊断报告');
    expect((await act('industry', 'record_diagnosis', { reportEvidenceId: diagnosis, summary: '排产靠人工' }, '2025-01-05T02:00:00Z')).status).toBe(404);
    expect((await act('comprehensive', 'record_diagnosis', { reportEvidenceId: 'ev-d', summary: '排产靠人工' }, '2025-01-05T02:00:00Z')).body).toMatchObject({
      code: 'EVIDENCE_REFERENCE_INVALID',
      issues: [{ path: 'reportEvidenceId', message: '材料不存在、尚未完成上传或不属于本企业的改造档案' }],
    });
    await step('comprehensive', 'record_diagnosis', { reportEvidenceId: diagnosis, summary: '排产靠人工' }, '2025-01-05T02:00:00Z', 'diagnosed');
    const plan = { kind: 'product', providerId: 'ind-7', summary: '排产上云', productIds: ['ind-7-P9'] };
    expect((await act('enterprise', 'adopt_plan', plan, '2025-01-10T02:00:00Z')).body.issues?.[0]?.path).toBe('productIds.0');
    await step('enterprise', 'adopt_plan', { ...plan, productIds: ['ind-7-P1'] }, '2025-01-10T02:00:00Z', 'planned');
  });

  it('is transformed, assessed at a level with evidence by the assessor, and accepted by the bureau', async () => {
    await step('enterprise', 'start_transformation', {}, '2025-01-15T02:00:00Z', 'transforming');
    const photo = await firmFile('enterprise', 'site_photo', '排产看板上线');
    await step('enterprise', 'complete_transformation', { summary: '排产上线', evidenceIds: [photo] }, '2025-05-01T02:00:00Z', 'transformed');
    stack.setNow(new Date('2025-05-20T02:00:00Z'));
    const [maturity, onSite] = [await firmFile('assessor', 'maturity_report', '数字化水平评测报告'), await firmFile('assessor', 'site_photo', '现场核查')];
    expect((await act('otherAssessor', 'assess_maturity', { level: 3, summary: '三级', reportEvidenceId: maturity, evidenceIds: [onSite] }, '2025-05-20T02:00:00Z')).status).toBe(404);
    expect((await act('assessor', 'assess_maturity', { level: 3, summary: '三级', reportEvidenceId: maturity, evidenceIds: [] }, '2025-05-20T02:00:00Z')).status).toBe(400);
    // the provider's diagnosis report is no maturity report
    const diagnosis = (await clients.assessor.get<{ items: Array<{ id: string; category: string }> }>(`/sme-firms/${firmId}/evidence`)).body.items.find((item) => item.category === 'diagnosis_report')?.id;
    const mixedUp = await act('assessor', 'assess_maturity', { level: 3, summary: '三级', reportEvidenceId: diagnosis, evidenceIds: [onSite] }, '2025-05-20T02:00:00Z');
    expect(mixedUp.body).toMatchObject({ code: 'EVIDENCE_REFERENCE_INVALID', issues: [{ path: 'reportEvidenceId', message: '应为数字化水平评测报告，该证据为诊断报告' }] });
    await step('assessor', 'assess_maturity', { level: 3, summary: '评测为三级', reportEvidenceId: maturity, evidenceIds: [onSite] }, '2025-05-20T02:00:00Z', 'assessed');
    expect((await act('bureau', 'accept', {}, '2025-06-01T02:00:00Z', version - 1)).body.code).toBe('STALE_VERSION');
    const accepted = await step('bureau', 'accept', { comments: '同意验收' }, '2025-06-01T02:00:00Z', 'accepted');
    expect(accepted.acceptance?.level).toBe(3);
    expect((await duties(firmId)).map((duty) => [duty.kind, duty.status, duty.fulfilledAt])).toEqual([
      ['sme_acceptance', 'fulfilled', '2025-06-01T02:00:00.000Z'],
      ['sme_transformation', 'fulfilled', '2025-05-01T02:00:00.000Z'],
    ]);
  });

  it('is subsidised by level once the bureau has set the pilot’s amounts', async () => {
    expect((await act('finance', 'grant_subsidy', {}, '2025-06-20T02:00:00Z')).body.details).toEqual({ reason: 'subsidy_policy_missing' });
    expect((await clients.finance.put(`/pilots/${PILOT}/sme-policy`, { subsidyWanByLevel: { 2: 10, 3: 20, 4: 30 } })).status).toBe(403);
    expect((await clients.bureau.put(`/pilots/${PILOT}/sme-policy`, { subsidyWanByLevel: { 2: 10, 3: 20, 4: 30 } })).status).toBe(200);
    const paid = await step('finance', 'grant_subsidy', { reference: '武财〔2025〕1号' }, '2025-06-20T02:00:00Z', 'subsidised');
    expect(paid.subsidy?.amountWan).toBe(20);
  });

  it('is listed for the enterprise, its town and the provider, and hidden from another pilot', async () => {
    expect((await clients.enterprise.get<{ items: FirmBody[] }>('/sme-firms')).body.items.map((firm) => firm.id)).toEqual([firmId]);
    expect((await clients.town.get<{ items: FirmBody[] }>('/sme-firms')).body.items).toHaveLength(1);
    expect((await clients.industry.get<{ items: FirmBody[] }>(`/sme-firms?pilotId=${PILOT}`)).body.items).toHaveLength(1);
    expect((await clients.otherAssessor.get(`/sme-firms/${firmId}`)).status).toBe(404);
    const served = await clients.comprehensive.get<{ servedFirms: Array<{ firmId: string; role: string }> }>(`/pilots/${PILOT}/providers/comp-1`);
    expect(served.body.servedFirms).toEqual([expect.objectContaining({ firmId, role: 'diagnosis' })]);
  });

  it('counts firms by maturity level against 473 / 32 / 19, and feeds the derived indicators', async () => {
    stack.setNow(new Date('2025-07-01T02:00:00Z'));
    const other = await clients.bureau.post<FirmBody>('/sme-firms', { ...ENROLMENT, uscc: withUsccCheck('91120114MA0AQ7R2J'), enterpriseName: '天津下朱庄电子科技有限公司', batch: 2 });
    expect(other.status).toBe(201);
    const counts = await clients.assessor.get<{ rows: Array<{ level: number; accepted: number; target: number | null }>; active: number; allAtLeastMinimum: boolean; notYetAssessed: number; policy: unknown }>(`/pilots/${PILOT}/sme-maturity`);
    expect(counts.status).toBe(200);
    expect(counts.body.rows.map((row) => [row.level, row.accepted, row.target])).toEqual([[1, 0, null], [2, 0, 473], [3, 1, 32], [4, 0, 19]]);
    expect(counts.body).toMatchObject({ active: 2, notYetAssessed: 1, allAtLeastMinimum: false, policy: { subsidyWanByLevel: { 2: 10, 3: 20, 4: 30 } } });
    const board = await clients.bureau.get<{ rows: Array<{ indicator: { code: string }; evaluation: { latest: { value: number } | null } }> }>(`/pilots/${PILOT}/indicators`);
    expect(board.body.rows.map((row) => [row.indicator.code, row.evaluation.latest?.value])).toEqual([['sme-01', 1], ['sme-03', 1]]);
  });

  it('keeps the firm’s audit trail and files in the enterprise dossier', async () => {
    const { dossierItems } = await import('../../functions/commons/store/enterprises');
    const items = await dossierItems(USCC);
    expect(items.filter((item) => item.itemType === 'smeFirm')).toHaveLength(1);
    expect(items.filter((item) => item.itemType === 'evidence').map((item) => item.category).sort()).toEqual(['diagnosis_report', 'maturity_report', 'site_photo', 'site_photo']);
    expect((await clients.town.get<{ items: unknown[] }>(`/sme-firms/${firmId}/evidence`)).body.items).toHaveLength(4);
    expect((await clients.otherAssessor.get(`/sme-firms/${firmId}/evidence`)).status).toBe(404);
    // a subsidised firm's record is closed
    expect((await declare(clients.enterprise, `/sme-firms/${firmId}`, declarationFor(pngFile('late'), 'site_photo', 'late.png', 'image/png'))).body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(items.filter((item) => item.itemType === 'audit').map((item) => item.action)).toEqual(
      expect.arrayContaining(['enrol', 'record_diagnosis', 'adopt_plan', 'assess_maturity', 'accept', 'grant_subsidy']),
    );
  });

  it('warns once when a firm’s batch window closes with its transformation unfinished', async () => {
    const firms = await clients.bureau.get<{ items: FirmBody[] }>('/sme-firms');
    const second = firms.body.items.find((firm) => firm.id !== firmId);
    expect(second).toBeDefined();
    const sweep = guarded('sweepDeadlines', (await import('../../functions/timers/sweepDeadlines')).handler);
    const first = await sweep({ schedule: 'daily-deadline-sweep', asOf: '2026-07-01T01:00:00Z' });
    expect(first.warnings).toBe(1);
    expect((await sweep({ schedule: 'daily-deadline-sweep', asOf: '2026-07-02T01:00:00Z' })).warnings).toBe(0);
    expect((await duties(second?.id ?? '')).map((duty) => [duty.kind, duty.status])).toEqual([
      ['sme_acceptance', 'open'],
      ['sme_transformation', 'missed'],
    ]);
    // the firm's deadlines as its readers see them, soonest first
    const listed = await clients.town.get<{ items: Array<{ kind: string; status: string }> }>(`/sme-firms/${second?.id}/obligations`);
    expect(listed.body.items.map((item) => [item.kind, item.status])).toEqual([['sme_transformation', 'missed'], ['sme_acceptance', 'open']]);
    expect((await clients.otherAssessor.get(`/sme-firms/${second?.id}/obligations`)).status).toBe(404);
  });
});
