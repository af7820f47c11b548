import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, declare, declarationFor, pdfFile } from './support/evidence';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import type { Pilot } from '../../shared/pilots/model';
import { withUsccCheck } from '../../shared/uscc';
import { guarded } from '../../scripts/local/touch-guard';

/**
 * The provider pool through the gateway (002 §三(一)2, §三(五)8; 004 §三): registration with its
 * materials, review, warning, rectification with a deadline, elimination, the 小快轻准 catalogue, the
 * link to a project, and the public snapshot that shows the pool without private fields.
 */
const PILOT = 'wuqing-tech';
const PILOT_RECORD: Pilot = {
  id: PILOT, name: '武清区制造业新型技术改造城市试点', city: '天津市武清区', kind: 'tech_transformation', division: '120114',
  periodStart: '2025-01-01', periodEnd: '2028-03-31', towns: [], source: '000_b38a90b68ab3433a.txt',
  indicators: [{ code: 'tt-08', name: '培育数字化转型专业化服务商', unit: '个', target: 60, targetDate: '2027-12-31', direction: 'at_least', source: 'derived', derivation: 'providers_in_pool' }],
};
const accounts = {
  zhizaoyun: testAccount('fuwushang', ['provider'], { provider: 'prov-zhizaoyun' }),
  lagging: testAccount('fuwushang2', ['provider'], { provider: 'prov-lagging' }),
  bureau: testAccount('gongxinju', ['bureau'], { pilot: PILOT }),
  operator: testAccount('yunying', ['operator'], { pilot: PILOT }),
  enterprise: testAccount('qiye', ['enterprise'], { uscc: '91120114MA05T8K3XW', pilot: PILOT }),
};
type Who = keyof typeof accounts;

type Materials = Record<string, string | string[]>;
const registration = (name: string, uscc: string, materials: Materials) => ({
  name, uscc, kind: 'industry', industries: ['汽车制造业'], scenarios: ['设备联网'], summary: '设备联网与数据采集服务', hasLocalOffice: true,
  contact: { name: '陈经理', phone: '022-88886666' }, materials,
});
const providerPath = (providerId: string) => `/pilots/${PILOT}/providers/${providerId}`;

/** 002 §三(一)2(2): the provider uploads its materials to its own place in the pool first, then names them. */
async function uploadMaterials(who: Who, providerId: string): Promise<Materials> {
  const file = (category: string, label: string) => attach(clients[who], providerPath(providerId), { bytes: pdfFile(`${providerId} ${label}`), category, fileName: `${label}.pdf`, contentType: 'application/pdf' });
  return {
    applicationFormId: await file('provider_application', '申报书'),
    businessLicenceId: await file('business_licence', '营业执照'),
    financialStatementIds: [await file('financial_statement', '2023年财务报表'), await file('financial_statement', '2024年财务报表')],
    qualificationIds: [await file('qualification', 'ISO9001')],
    caseIds: [await file('case_study', '实施案例')],
    expertResumeIds: [await file('expert_resume', '专家简历')],
  };
}
const materialsOf: Record<string, Materials> = {};

async function rectificationDuties(providerId: string) {
  const { obligationsOf } = await import('../../functions/commons/store/obligations');
  return (await obligationsOf('provider', providerId)).filter((obligation) => obligation.kind === 'provider_rectification');
}
const materialIds = () => Object.values(materialsOf).flatMap((materials) => Object.values(materials).flat());

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;
const versions: Record<string, number> = {};

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(PILOT_RECORD);
});

afterAll(async () => {
  await stack.close();
});

interface ProviderBody { id: string; status: string; version: number; code?: string; products?: Array<{ id: string }>; details?: Record<string, unknown> }

async function act(who: Who, providerId: string, action: string, input: unknown, when = '2025-03-01T02:00:00Z') {
  stack.setNow(new Date(when));
  const reply = await clients[who].post<ProviderBody>(`/pilots/${PILOT}/providers/${providerId}/actions/${action}`, { expectedVersion: versions[providerId], input });
  if (reply.status === 200) versions[providerId] = reply.body.version;
  return reply;
}

describe('the provider pool', () => {
  it('takes a provider’s materials before it registers, into its own place only', async () => {
    stack.setNow(new Date('2024-10-10T02:00:00Z'));
    materialsOf['prov-zhizaoyun'] = await uploadMaterials('zhizaoyun', 'prov-zhizaoyun');
    materialsOf['prov-lagging'] = await uploadMaterials('lagging', 'prov-lagging');
    const own = await clients.zhizaoyun.get<{ items: Array<{ id: string; category: string; holder: unknown }> }>(`${providerPath('prov-zhizaoyun')}/evidence`);
    expect(own.body.items).toHaveLength(7);
    expect(own.body.items[0]?.holder).toEqual({ type: 'provider', pilotId: PILOT, providerId: 'prov-zhizaoyun' });
    // another provider's place, a project's categories, and other roles
    const declaration = declarationFor(pdfFile('x'), 'case_study', '案例.pdf', 'application/pdf');
    expect((await declare(clients.lagging, providerPath('prov-zhizaoyun'), declaration)).status).toBe(404);
    expect((await clients.lagging.get(`${providerPath('prov-zhizaoyun')}/evidence`)).status).toBe(404);
    const invoice = await declare(clients.zhizaoyun, providerPath('prov-zhizaoyun'), declarationFor(pdfFile('y'), 'invoice', '发票.pdf', 'application/pdf', { invoiceNumber: '25120000000000123456' }));
    expect(invoice.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await declare(clients.enterprise, providerPath('prov-zhizaoyun'), declaration)).status).toBe(403);
    // nobody but the provider sees materials of a provider that has not registered
    expect((await clients.bureau.get(`${providerPath('prov-zhizaoyun')}/evidence`)).status).toBe(404);
  });

  it('registers providers naming their own materials, refusing incomplete ones and files that are not theirs', async () => {
    stack.setNow(new Date('2024-10-10T02:00:00Z'));
    const zhizaoyun = materialsOf['prov-zhizaoyun']!;
    const incomplete = await clients.zhizaoyun.post<{ code: string; issues: Array<{ path: string }> }>(`/pilots/${PILOT}/providers`, { ...registration('天津智造云服务有限公司', withUsccCheck('91120114MA07WXY1K'), zhizaoyun), hasLocalOffice: false });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.issues.map((issue) => issue.path)).toEqual(['materials.localServiceCommitmentId']);
    const borrowed = { ...zhizaoyun, caseIds: materialsOf['prov-lagging']!.caseIds!, businessLicenceId: (zhizaoyun.caseIds as string[])[0]!, expertResumeIds: ['made-up'] };
    const refused = await clients.zhizaoyun.post<{ code: string; issues: Array<{ path: string; message: string }> }>(`/pilots/${PILOT}/providers`, registration('天津智造云服务有限公司', withUsccCheck('91120114MA07WXY1K'), borrowed));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('EVIDENCE_REFERENCE_INVALID');
    expect(refused.body.issues).toEqual([
      { path: 'materials.businessLicenceId', message: '应为营业执照，该证据为实施案例及证明材料' },
      { path: 'materials.caseIds.0', message: '材料不存在、尚未完成上传或不属于本服务商' },
      { path: 'materials.expertResumeIds.0', message: '材料不存在、尚未完成上传或不属于本服务商' },
    ]);
    for (const [who, name, code] of [['zhizaoyun', '天津智造云服务有限公司', '91120114MA07WXY1K'], ['lagging', '天津迟缓信息技术有限公司', '91120114MA07WXY2K']] as const) {
      const reply = await clients[who].post<ProviderBody>(`/pilots/${PILOT}/providers`, registration(name, withUsccCheck(code), materialsOf[`prov-${who}`]!));
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      versions[reply.body.id] = reply.body.version;
    }
    expect((await clients.zhizaoyun.post(`/pilots/${PILOT}/providers`, registration('重复', withUsccCheck('91120114MA07WXY1K'), zhizaoyun))).status).toBe(409);
  });

  it('lets the pilot’s officials read and download a registered provider’s materials', async () => {
    const listed = await clients.bureau.get<{ items: Array<{ id: string; category: string }> }>(`${providerPath('prov-zhizaoyun')}/evidence`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.category).sort()).toEqual(['business_licence', 'case_study', 'expert_resume', 'financial_statement', 'financial_statement', 'provider_application', 'qualification']);
    const link = await clients.operator.get<{ url: string }>(`${providerPath('prov-zhizaoyun')}/evidence/${listed.body.items[0]!.id}/download`);
    expect(link.status).toBe(200);
    const file = await fetch(link.body.url);
    expect((await file.text()).startsWith('%PDF')).toBe(true);
    expect((await clients.enterprise.get(`${providerPath('prov-zhizaoyun')}/evidence`)).status).toBe(403);
  });

  it('sends materials back for correction and admits on review', async () => {
    expect((await act('operator', 'prov-zhizaoyun', 'return_materials', { comments: '财务报表缺盖章页' })).body.status).toBe('returned');
    expect((await act('zhizaoyun', 'prov-zhizaoyun', 'resubmit', { materials: { ...materialsOf['prov-zhizaoyun'], caseIds: ['not-uploaded'] } })).body.code).toBe('EVIDENCE_REFERENCE_INVALID');
    expect((await act('zhizaoyun', 'prov-zhizaoyun', 'resubmit', { materials: materialsOf['prov-zhizaoyun'] })).body.status).toBe('applied');
    expect((await act('operator', 'prov-zhizaoyun', 'admit', {})).status).toBe(403);
    expect((await act('bureau', 'prov-zhizaoyun', 'admit', { comments: '符合入库标准' })).body.status).toBe('admitted');
    expect((await act('bureau', 'prov-lagging', 'admit', {})).body.status).toBe('admitted');
  });

  it('keeps one provider out of another’s record', async () => {
    expect((await act('lagging', 'prov-zhizaoyun', 'publish_product', { name: 'x', kind: 'product', summary: 'x', industries: ['a'], scenarios: ['b'] })).status).toBe(404);
  });

  it('publishes products into the catalogue, filtered by industry and scenario', async () => {
    const product = { name: '设备联网轻量化套件', kind: 'product', summary: '三天部署、按月订阅', industries: ['汽车制造业'], scenarios: ['设备联网'] };
    expect((await act('zhizaoyun', 'prov-zhizaoyun', 'publish_product', product)).body.products?.map((item) => item.id)).toEqual(['prov-zhizaoyun-P1']);
    expect((await act('lagging', 'prov-lagging', 'publish_product', { ...product, name: '质量追溯SaaS', scenarios: ['质量检测'] })).status).toBe(200);
    const all = await clients.enterprise.get<{ items: Array<{ name: string }> }>(`/pilots/${PILOT}/catalogue`);
    expect(all.body.items.map((item) => item.name)).toEqual(['质量追溯SaaS', '设备联网轻量化套件']);
    const filtered = await clients.enterprise.get<{ items: Array<{ name: string }> }>(`/pilots/${PILOT}/catalogue?scenario=${encodeURIComponent('设备联网')}`);
    expect(filtered.body.items.map((item) => item.name)).toEqual(['设备联网轻量化套件']);
  });

  it('warns, orders rectification by a deadline, accepts the rectification report', async () => {
    expect((await act('bureau', 'prov-zhizaoyun', 'issue_warning', { reason: '服务项目进度滞后' })).body.status).toBe('warned');
    expect((await act('bureau', 'prov-zhizaoyun', 'order_rectification', { requirements: '补派驻场工程师', deadline: '2025-03-01' })).body.code).toBe('PRECONDITION_FAILED');
    expect((await act('bureau', 'prov-zhizaoyun', 'order_rectification', { requirements: '补派驻场工程师', deadline: '2025-04-30' })).body.status).toBe('rectifying');
    // 002 §三(一)2(4): the order opens the provider's deadline in the same transaction
    expect(await rectificationDuties('prov-zhizaoyun')).toEqual([expect.objectContaining({ status: 'open', dueDay: '2025-04-30', responsible: 'provider' })]);
    const overdue = await clients.bureau.get<{ rectificationOverdue: boolean }>(`/pilots/${PILOT}/providers/prov-zhizaoyun`);
    expect(overdue.body.rectificationOverdue).toBe(false);
    expect((await act('zhizaoyun', 'prov-zhizaoyun', 'report_rectification', { summary: '已补派 2 名工程师', evidenceIds: ['ev-rect'] }, '2025-04-20T02:00:00Z')).body.code).toBe('EVIDENCE_REFERENCE_INVALID');
    const report = await attach(clients.zhizaoyun, providerPath('prov-zhizaoyun'), { bytes: pdfFile('整改报告'), category: 'rectification_report', fileName: '整改报告.pdf', contentType: 'application/pdf' });
    expect((await act('zhizaoyun', 'prov-zhizaoyun', 'report_rectification', { summary: '已补派 2 名工程师', evidenceIds: [report] }, '2025-04-20T02:00:00Z')).status).toBe(200);
    expect(await rectificationDuties('prov-zhizaoyun')).toEqual([expect.objectContaining({ status: 'fulfilled', fulfilledAt: '2025-04-20T02:00:00.000Z' })]);
    expect((await act('bureau', 'prov-zhizaoyun', 'accept_rectification', {}, '2025-04-25T02:00:00Z')).body.status).toBe('admitted');
  });

  it('warns a provider once when its rectification deadline passes without a report', async () => {
    await act('bureau', 'prov-lagging', 'issue_warning', { reason: '成效不佳' });
    expect((await act('bureau', 'prov-lagging', 'order_rectification', { requirements: '提交整改方案', deadline: '2025-03-20' })).body.status).toBe('rectifying');
    const sweep = guarded('sweepDeadlines', (await import('../../functions/timers/sweepDeadlines')).handler);
    const [first, second] = await Promise.all([sweep({ schedule: 'daily-deadline-sweep', asOf: '2025-03-21T01:00:00Z' }), sweep({ schedule: 'daily-deadline-sweep', asOf: '2025-03-21T01:00:00Z' })]);
    expect(first.warnings + second.warnings).toBe(1);
    expect((await sweep({ schedule: 'daily-deadline-sweep', asOf: '2025-03-22T01:00:00Z' })).warnings).toBe(0);
    expect(await rectificationDuties('prov-lagging')).toEqual([expect.objectContaining({ status: 'missed' })]);
    const listed = await clients.lagging.get<{ items: Array<{ kind: string; status: string }> }>(`${providerPath('prov-lagging')}/obligations`);
    expect(listed.body.items).toEqual([expect.objectContaining({ kind: 'provider_rectification', status: 'missed' })]);
    expect((await clients.bureau.get<{ items: unknown[] }>(`${providerPath('prov-lagging')}/obligations`)).body.items).toHaveLength(1);
    expect((await clients.zhizaoyun.get(`${providerPath('prov-lagging')}/obligations`)).status).toBe(404);
    // the bureau's warning and its order (given the same minute), then the sweep's miss, newest first
    const inbox = await clients.lagging.get<{ items: Array<{ kind: string; title: string; message: string }> }>('/inbox');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'warning', title: expect.stringContaining('已逾期') });
    expect(inbox.body.items.slice(1).map((item) => [item.kind, item.title, item.message])).toEqual(
      expect.arrayContaining([
        ['reminder', '责令限期整改（2025-03-20 前报送）', '提交整改方案'],
        ['warning', '服务商警示', '成效不佳'],
      ]),
    );
    expect(inbox.body.items).toHaveLength(3);
    const bureau = await clients.bureau.get<{ items: Array<{ kind: string; obligationId?: string }> }>('/inbox');
    expect(bureau.body.items.filter((item) => item.obligationId?.startsWith('prov-lagging:provider_rectification:'))).toHaveLength(1);
  });

  it('eliminates a provider that does not improve, and its products leave the catalogue', async () => {
    expect((await act('bureau', 'prov-lagging', 'eliminate', { reason: '整改不到位' })).body.status).toBe('eliminated');
    expect((await act('bureau', 'prov-lagging', 'admit', {})).body.code).toBe('ILLEGAL_TRANSITION');
    const late = await declare(clients.lagging, providerPath('prov-lagging'), declarationFor(pdfFile('晚到的案例'), 'case_study', '案例.pdf', 'application/pdf'));
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
    const catalogue = await clients.enterprise.get<{ items: Array<{ providerId: string }> }>(`/pilots/${PILOT}/catalogue`);
    expect(catalogue.body.items.map((item) => item.providerId)).toEqual(['prov-zhizaoyun']);
  });

  it('links a provider to a project of its pilot', async () => {
    const { saveDecision } = await import('../../functions/commons/store/projects');
    const { createDraft } = await import('../../shared/projects/decide');
    const owner = { subject: 'ent', name: '企业', roles: ['enterprise' as const], uscc: withUsccCheck('91120114MA0LC1234') };
    const input = { pilotId: PILOT, guideId: 'guide-2025', town: 'wq-kfq', title: '数字化车间改造', category: 'central_fund', demonstrationType: 'point' };
    const decision = createDraft(input, owner, new Date('2025-03-03T02:00:00Z'), 'P-LINK', { uscc: owner.uscc, pilotId: PILOT, town: 'wq-kfq' });
    await saveDecision(undefined, decision, { status: 201, body: null }, undefined, new Date('2025-03-03T02:00:00Z'));
    expect((await act('operator', 'prov-zhizaoyun', 'record_engagement', { projectId: 'P-NONE' })).status).toBe(400);
    const linked = await act('operator', 'prov-zhizaoyun', 'record_engagement', { projectId: 'P-LINK', note: '承担MES实施' });
    expect(linked.status).toBe(200);
  });

  it('shows the pool to an enterprise without materials or contacts, and in full to the bureau', async () => {
    const pool = await clients.enterprise.get<{ items: unknown[]; counts: { inPool: number } }>(`/pilots/${PILOT}/providers`);
    expect(pool.body.counts.inPool).toBe(1);
    expect(pool.body.items).toHaveLength(1);
    expect(JSON.stringify(pool.body)).not.toMatch(/022-88886666|陈经理/);
    for (const id of materialIds()) expect(JSON.stringify(pool.body)).not.toContain(id);
    const full = await clients.bureau.get<{ items: Array<{ contact?: unknown; engagements?: unknown[] }> }>(`/pilots/${PILOT}/providers`);
    expect(full.body.items).toHaveLength(2);
    expect(full.body.items[0]?.contact).toBeDefined();
  });

  it('publishes admitted provider counts and the public catalogue in the pilot snapshot, nothing private', async () => {
    const { publishPublicSnapshots } = await import('../../functions/commons/publish');
    await publishPublicSnapshots(new Date('2025-05-01T02:00:00Z'));
    const response = await fetch(`${stack.url}/data/pilots/${PILOT}.json`);
    const text = await response.text();
    const snapshot = JSON.parse(text) as { providers: { admitted: number; list: Array<{ name: string }> }; catalogue: Array<{ name: string }>; indicators: Array<{ code: string; latest?: { value: number }; evaluation?: { status: string } }> };
    expect(snapshot.providers).toMatchObject({ admitted: 1, industry: 1, comprehensive: 0 });
    expect(snapshot.providers.list.map((provider) => provider.name)).toEqual(['天津智造云服务有限公司']);
    expect(snapshot.catalogue.map((product) => product.name)).toEqual(['设备联网轻量化套件']);
    expect(snapshot.indicators[0]).toMatchObject({ code: 'tt-08', latest: { value: 1 }, evaluation: { status: 'at_risk' } });
    expect(text).not.toMatch(/022-88886666|陈经理|91120114MA07WXY1/);
    for (const id of materialIds()) expect(text).not.toContain(id);
  });
});
