import { describe, expect, it, vi } from 'vitest';
import type { EvidenceCategory } from '../../shared/evidence/categories';
import type { EvidenceHolder } from '../../shared/evidence/holder';
import { firmViewFor } from '../../shared/evaluation/sme-access';
import { maturityCounts } from '../../shared/evaluation/maturity';
import { smeObligationChanges } from '../../shared/obligations/sme-lifecycle';
import type { AuditEvent } from '../../shared/projects/machine';
import type { Principal, Role } from '../../shared/roles';
import type { SmeFirm, SmeStatus } from '../../shared/sme/model';
import { wuqingSme } from '../../scripts/demo/pilots';
import SmeFirmList from '../../web/src/pages/sme/SmeFirmList.svelte';
import SmeFirmPage from '../../web/src/pages/sme/SmeFirmPage.svelte';
import SmeMaturityPage from '../../web/src/pages/sme/SmeMaturityPage.svelte';
import WorkbenchLinks from '../../web/src/pages/workbench/WorkbenchLinks.svelte';
import { PILOT, POLICY, smeActor, smeFixtures } from '../unit/sme/fixtures';
import { evidenceOf } from '../unit/web/evidence-fixtures';
import { buttonNamed, byId, controlLabelled, description, eventually, render, testApp, type, type FakeResponse, type FakeRoutes, type RecordedCall } from './support/render';

const fixtures = smeFixtures();
const FIRM_ID = 'sme-1';
const HOLDER: EvidenceHolder = { type: 'sme', firmId: FIRM_ID };
const api = `/api/sme-firms/${FIRM_ID}`;
// The fixtures' town is a code of their own; the demo pilot's towns read better on the page.
const inTown = (firm: SmeFirm): SmeFirm => ({ ...firm, town: 'wq-yc' });

function file(id: string, category: EvidenceCategory, role: Role, fileName = `${id}.pdf`) {
  return { ...evidenceOf(id, category, fileName, HOLDER), uploader: { subject: `u-${role}`, name: role, role } };
}

const CATALOGUE = [
  { id: 'ind-7-P1', providerId: 'ind-7', providerName: '天津食安云科技有限公司', name: '排产报工轻应用', kind: 'product', summary: '按月订阅的排产与报工', industries: ['食品制造业'], scenarios: ['生产管理'], smallFastLightPrecise: true },
  { id: 'ind-7-P2', providerId: 'ind-7', providerName: '天津食安云科技有限公司', name: '食品安全追溯小程序', kind: 'product', summary: '一物一码', industries: ['食品制造业'], scenarios: ['质量追溯'], smallFastLightPrecise: true },
];

interface OpenFirm {
  principal: Principal;
  status: SmeStatus;
  files?: ReturnType<typeof file>[];
  calls?: RecordedCall[];
  answers?: Partial<Record<string, FakeResponse[]>>;
}

function openFirm({ principal, status, files = [], calls = [], answers = {} }: OpenFirm) {
  const firm = inTown(fixtures[status].firm);
  // The batch's deadlines as enrolment opened them (shared/obligations/sme-lifecycle.ts).
  const obligations = smeObligationChanges(firm, { action: 'enrol', at: firm.createdAt } as AuditEvent).open;
  const view = firmViewFor(principal, firm);
  const routes: FakeRoutes = {
    [`GET ${api}`]: { status: 200, body: view },
    [`GET ${api}/evidence`]: { status: 200, body: { items: files } },
    [`GET ${api}/obligations`]: { status: 200, body: { items: obligations } },
    [`GET /api/pilots/${PILOT}`]: { status: 200, body: wuqingSme },
    [`GET /api/pilots/${PILOT}/catalogue`]: { status: 200, body: { items: CATALOGUE } },
    [`GET /api/pilots/${PILOT}/providers`]: { status: 200, body: { items: [], counts: { inPool: 0, comprehensive: 0, industry: 0, products: 0 } } },
  };
  for (const [action, queue] of Object.entries(answers)) routes[`POST ${api}/actions/${action}`] = () => queue?.shift() ?? { status: 500, body: { code: 'INTERNAL', message: '系统繁忙' } };
  const app = testApp({ principal, calls, routes });
  return { app, view, page: render(SmeFirmPage, { params: { firmId: FIRM_ID } }, app) };
}

function actionForm(page: HTMLElement, name: string): HTMLDetailsElement {
  const details = [...page.querySelectorAll<HTMLDetailsElement>('details.action')].find((candidate) => candidate.querySelector('summary')?.textContent?.trim() === name);
  if (!details) throw new Error(`no action ${name}`);
  details.open = true;
  return details;
}

const posted = (calls: RecordedCall[], action: string) => calls.filter((call) => call.key === `POST ${api}/actions/${action}`);
const bodyOf = (call: RecordedCall | undefined): unknown => JSON.parse(String(call?.init.body));

describe('the pilot’s SMEs (试点企业)', () => {
  const bureau = smeActor('bureau');
  const firms = [inTown(fixtures.assessed.firm), { ...inTown(fixtures.enrolled.firm), id: 'sme-2', enterpriseName: '天津京津调味品有限公司', town: 'wq-xzz', batch: 2 as const }];

  function openList(principal: Principal, calls: RecordedCall[] = []) {
    const app = testApp({
      principal,
      calls,
      routes: {
        'GET /api/sme-firms': { status: 200, body: { items: firms.map((firm) => firmViewFor(principal, firm)) } },
        [`GET /api/pilots/${PILOT}`]: { status: 200, body: wuqingSme },
        [`GET /api/pilots/${PILOT}/providers`]: { status: 200, body: { items: [], counts: { inPool: 0, comprehensive: 0, industry: 0, products: 0 } } },
      },
    });
    return { app, page: render(SmeFirmList, { params: { pilotId: PILOT } }, app) };
  }

  it('lists each firm with its town, batch, state and level, linking to its page', async () => {
    const { page } = openList(bureau);
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('中小企业数字化转型试点企业');
      const region = page.querySelector('[role="region"]');
      expect(document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('试点企业列表');
      const rows = [...page.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].slice(0, 5).map((cell) => cell.textContent?.trim()));
      expect(rows).toEqual([
        ['某精密机械公司', '杨村街道', '第 1 批', '已评测', '3 级'],
        ['天津京津调味品有限公司', '下朱庄街道', '第 2 批', '已入选试点', '未评测'],
      ]);
      expect(page.querySelector('tbody a')?.getAttribute('href')).toBe(`/sme-firms/${FIRM_ID}`);
      expect(page.querySelector(`a[href="/pilots/${PILOT}/sme-maturity"]`)).not.toBeNull();
    });
  });

  it('filters by state and by town through the API, and offers the bureau the enrolment form', async () => {
    const { app, page } = openList(bureau);
    await eventually(() => expect(page.querySelectorAll('tbody tr')).toHaveLength(2));
    const list = vi.spyOn(app.api, 'listSmeFirms');
    type(controlLabelled(page, '按状态查看') as HTMLSelectElement, 'assessed');
    type(controlLabelled(page, '按街镇/园区查看') as HTMLSelectElement, 'wq-yc');
    await eventually(() => {
      expect(list).toHaveBeenLastCalledWith({ pilotId: PILOT, status: 'assessed', town: 'wq-yc' });
      expect(page.querySelector('details.action summary')?.textContent).toBe('试点企业入选');
      expect(controlLabelled(page, '综合型服务商').tagName).toBe('SELECT');
    });
  });

  it('shows an enterprise its own firm with no filters and no enrolment', async () => {
    const { page } = openList({ ...smeActor('enterprise'), pilot: PILOT });
    await eventually(() => {
      expect(page.textContent).toContain('本企业作为中小企业数字化转型试点企业的改造档案');
      expect(page.querySelector('#sme-status')).toBeNull();
      expect(page.querySelector('details.action')).toBeNull();
      expect(page.querySelector(`a[href="/pilots/${PILOT}/sme-maturity"]`)).toBeNull();
    });
  });
});

describe('a pilot SME’s page', () => {
  it('shows the firm’s facts, its path so far with the files of each step, and its files', async () => {
    const files = [file('ev-diag', 'diagnosis_report', 'provider', '诊断报告.pdf'), file('ev-maturity', 'maturity_report', 'assessor', '评测报告.pdf')];
    const { page } = openFirm({ principal: smeActor('bureau'), status: 'assessed', files });
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('某精密机械公司');
      expect(page.querySelector('.tag')?.textContent).toBe('已评测');
      expect(page.textContent).toContain('杨村街道');
      expect(page.textContent).toContain('第 1 批（改造 2025年1月至2025年8月，评测验收 2025年3月至2025年9月）');
      const progress = byId('sme-progress-title').closest('section');
      expect(progress?.textContent).toContain('选用“小快轻准”产品');
      expect(progress?.textContent).toContain('材料：评测报告.pdf、ev-survey');
      expect(page.querySelector('#sme-evidence-title')?.textContent).toBe('改造材料');
      // The bureau reads the files but may not call the upload route.
      expect(page.querySelector('#sme-upload-title')).toBeNull();
      const summaries = [...page.querySelectorAll('details.action summary')].map((summary) => summary.textContent?.trim());
      expect(summaries).toEqual(['验收通过', '退出试点']);
      expect(actionForm(page, '验收通过').textContent).toContain('最近一次评测为 3 级。');
      // The batch's deadlines: transformation by the end of 2025-08, acceptance by the end of 2025-09 (004 §五(二)).
      const deadlines = byId('obligations-caption').closest('table');
      expect(deadlines?.querySelector('caption')?.textContent).toBe('本企业的批次改造完成和评测验收时限，按期限先后排列');
      expect([...(deadlines?.querySelectorAll('tbody th') ?? [])].map((cell) => cell.textContent)).toEqual(['中小企业数字化改造完成', '中小企业评测验收']);
      expect(deadlines?.textContent).toContain('2025年9月30日');
    });
  });

  it('lets the comprehensive provider record the diagnosis with its report, sent with the file’s id, the version seen and a key', async () => {
    const calls: RecordedCall[] = [];
    const files = [file('ev-old', 'diagnosis_report', 'provider', '初稿.pdf'), file('ev-report', 'diagnosis_report', 'provider', '诊断报告.pdf'), file('ev-photo', 'site_photo', 'enterprise')];
    const { page, view } = openFirm({ principal: smeActor('provider'), status: 'enrolled', files, calls, answers: { record_diagnosis: [{ status: 200, body: firmViewFor(smeActor('provider'), fixtures.diagnosed.firm) }] } });
    const form = await eventually(() => {
      expect([...controlLabelled(page, '材料类别').querySelectorAll('option')].map((option) => option.value)).toEqual(['diagnosis_report', 'other']);
      const details = actionForm(page, '登记诊断报告');
      const report = controlLabelled(details, '诊断报告') as HTMLSelectElement;
      expect([...report.options].map((option) => option.value)).toEqual(['', 'ev-report', 'ev-old']);
      expect(report.value).toBe('ev-report');
      return details;
    });

    buttonNamed(form, '登记诊断报告').click();
    await eventually(() => {
      expect(controlLabelled(form, '诊断结论').getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
      expect(posted(calls, 'record_diagnosis')).toHaveLength(0);
    });

    type(controlLabelled(form, '诊断结论') as HTMLInputElement, '排产依赖人工，设备未联网');
    buttonNamed(form, '登记诊断报告').click();
    await eventually(() => {
      const [post] = posted(calls, 'record_diagnosis');
      expect(bodyOf(post)).toEqual({ expectedVersion: view.version, input: { reportEvidenceId: 'ev-report', summary: '排产依赖人工，设备未联网' } });
      expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('已完成：登记诊断报告');
      expect(page.querySelector('.tag')?.textContent).toBe('已诊断');
    });
  });

  it('lets the assessor assess with a level, its report and files; the server’s issue at reportEvidenceId shows at the report, then the assessment goes through', async () => {
    const calls: RecordedCall[] = [];
    const assessor = smeActor('assessor');
    const refused = {
      status: 400,
      body: { code: 'EVIDENCE_REFERENCE_INVALID', message: '引用的材料不存在', issues: [{ path: 'reportEvidenceId', message: '应为数字化水平评测报告，该证据为现场图片' }] },
    };
    const assessed = firmViewFor(assessor, fixtures.assessed.firm);
    const files = [file('ev-done', 'site_photo', 'enterprise', '完工.png'), file('ev-check', 'site_photo', 'assessor', '现场核查.png'), file('ev-report', 'maturity_report', 'assessor', '评测报告.pdf')];
    const { page, view } = openFirm({ principal: assessor, status: 'transformed', files, calls, answers: { assess_maturity: [refused, { status: 200, body: assessed }] } });
    const form = await eventually(() => {
      // The report the step needs is offered first in the uploader.
      expect([...controlLabelled(page, '材料类别').querySelectorAll('option')].map((option) => option.value)).toEqual(['maturity_report', 'site_photo', 'other']);
      const details = actionForm(page, '数字化水平评测');
      expect((controlLabelled(details, '数字化水平评测报告') as HTMLSelectElement).value).toBe('ev-report');
      const files_ = byId('sme-assess_maturity-evidenceIds');
      expect(files_.tagName).toBe('FIELDSET');
      expect(files_.querySelector('legend')?.textContent).toContain('评测佐证材料');
      // The assessor's own check photo is ticked; the enterprise's completion photo (named already) is not.
      expect([...files_.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.id)).toEqual(['sme-assess_maturity-evidenceIds-ev-check']);
      return details;
    });

    const level = controlLabelled(form, '数字化水平等级') as HTMLSelectElement;
    expect([...level.options].map((option) => option.textContent)).toEqual(['请选择', '1 级', '2 级', '3 级', '4 级']);
    type(level, '3');
    type(controlLabelled(form, '评测结论') as HTMLInputElement, '达到三级');
    byId<HTMLInputElement>('sme-assess_maturity-evidenceIds-ev-done').click();
    buttonNamed(form, '数字化水平评测').click();
    await eventually(() => {
      const report = controlLabelled(form, '数字化水平评测报告');
      expect(report.getAttribute('aria-invalid')).toBe('true');
      expect(description(report)).toContain('应为数字化水平评测报告，该证据为现场图片');
      expect(page.querySelector('.error-summary')?.textContent).toContain('数字化水平评测报告：应为数字化水平评测报告');
      expect(page.querySelector('.error-summary a')?.getAttribute('href')).toBe('#sme-assess_maturity-reportEvidenceId');
      expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
    });

    buttonNamed(form, '数字化水平评测').click();
    await eventually(() => {
      const posts = posted(calls, 'assess_maturity');
      expect(posts).toHaveLength(2);
      expect(bodyOf(posts[1])).toEqual({
        expectedVersion: view.version,
        input: { level: 3, summary: '达到三级', reportEvidenceId: 'ev-report', evidenceIds: ['ev-check', 'ev-done'] },
      });
      expect(new Headers(posts[0]?.init.headers).get('idempotency-key')).not.toBe(new Headers(posts[1]?.init.headers).get('idempotency-key'));
      expect(page.querySelector('.tag')?.textContent).toBe('已评测');
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('已完成：数字化水平评测');
      // The forms were remounted: the assessor has no step left on an assessed firm.
      expect(page.querySelector('details.action')).toBeNull();
    });
  });

  it('lets the enterprise adopt products of one provider from the catalogue', async () => {
    const calls: RecordedCall[] = [];
    const enterprise = smeActor('enterprise');
    const { page } = openFirm({ principal: enterprise, status: 'diagnosed', calls, answers: { adopt_plan: [{ status: 200, body: firmViewFor(enterprise, fixtures.planned.firm) }] } });
    const form = await eventually(() => {
      const details = actionForm(page, '确定改造方案');
      expect(byId('sme-adopt_plan-kind').tagName).toBe('FIELDSET');
      expect(byId('sme-adopt_plan-productIds').textContent).toContain('请先选择服务商');
      // The catalogue's providers are offered once it has arrived.
      expect([...(controlLabelled(details, '服务商') as HTMLSelectElement).options].map((option) => option.value)).toContain('ind-7');
      return details;
    });
    type(controlLabelled(form, '服务商') as HTMLSelectElement, 'ind-7');
    (await eventually(() => byId<HTMLInputElement>('sme-adopt_plan-productIds-ind-7-P2'))).click();
    type(controlLabelled(form, '方案概要') as HTMLInputElement, '选用追溯小程序');
    buttonNamed(form, '确定改造方案').click();
    await eventually(() => {
      expect(bodyOf(posted(calls, 'adopt_plan')[0])).toEqual({
        expectedVersion: fixtures.diagnosed.firm.version,
        input: { kind: 'product', providerId: 'ind-7', summary: '选用追溯小程序', productIds: ['ind-7-P2'] },
      });
    });
  });

  it('refuses a custom plan without its file beside the field, before calling the API', async () => {
    const calls: RecordedCall[] = [];
    const { page } = openFirm({ principal: smeActor('enterprise'), status: 'diagnosed', calls });
    const form = await eventually(() => actionForm(page, '确定改造方案'));
    byId<HTMLInputElement>('sme-adopt_plan-kind-custom').click();
    await eventually(() => controlLabelled(form, '改造方案文件'));
    buttonNamed(form, '确定改造方案').click();
    await eventually(() => {
      expect(controlLabelled(form, '改造方案文件').getAttribute('aria-invalid')).toBe('true');
      expect(controlLabelled(form, '服务商').getAttribute('aria-invalid')).toBe('true');
    });
    expect(posted(calls, 'adopt_plan')).toHaveLength(0);
  });

  it('tells finance the subsidy the policy gives the accepted level before granting it', async () => {
    const finance = smeActor('finance');
    const firm = inTown(fixtures.accepted.firm);
    const app = testApp({
      principal: finance,
      routes: {
        [`GET ${api}`]: { status: 200, body: firmViewFor(finance, firm) },
        [`GET ${api}/evidence`]: { status: 200, body: { items: [] } },
        [`GET ${api}/obligations`]: { status: 200, body: { items: [] } },
        [`GET /api/pilots/${PILOT}/sme-maturity`]: { status: 200, body: { pilotId: PILOT, ...maturityCounts([firm]), policy: POLICY } },
      },
    });
    const page = render(SmeFirmPage, { params: { firmId: FIRM_ID } }, app);
    await eventually(() => {
      expect(actionForm(page, '拨付奖补资金').textContent).toContain('按验收等级 3 级拨付，本试点奖补标准为 20 万元。');
      expect(controlLabelled(page, '拨付文号').tagName).toBe('INPUT');
    });
  });
});

describe('the pilot’s digital-maturity counts', () => {
  const firms = [fixtures.subsidised.firm, { ...fixtures.assessed.firm, id: 'sme-2' }, { ...fixtures.transformed.firm, id: 'sme-3' }];

  function openMaturity(principal: Principal, calls: RecordedCall[] = [], policy: typeof POLICY | null = null) {
    const app = testApp({
      principal,
      calls,
      routes: {
        [`GET /api/pilots/${PILOT}/sme-maturity`]: { status: 200, body: { pilotId: PILOT, ...maturityCounts(firms), policy } },
        [`PUT /api/pilots/${PILOT}/sme-policy`]: (init) => ({ status: 200, body: JSON.parse(String(init.body)) }),
      },
    });
    return render(SmeMaturityPage, { params: { pilotId: PILOT } }, app);
  }

  it('counts firms by level against 473 / 32 / 19 and says whether all stand at level 2 or above', async () => {
    const page = openMaturity(smeActor('assessor'));
    await eventually(() => {
      const table = page.querySelector('table');
      expect(table?.querySelector('caption')?.textContent).toBe('各等级试点企业数量与目标');
      const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()));
      expect(rows).toEqual([
        ['1 级', '0', '0', '不设目标', '不设目标'],
        ['2 级', '0', '0', '473', '还差 473 家'],
        ['3 级', '1', '2', '32', '还差 31 家'],
        ['4 级', '0', '0', '19', '还差 19 家'],
      ]);
      expect(page.textContent).toContain('尚未实现全部试点企业达到二级及以上：未评测 1 家，低于二级 0 家。');
      expect(page.textContent).toContain('二级 473 家、三级 32 家、四级 19 家');
      expect(page.querySelector('#sme-policy-form-title')).toBeNull();
    });
  });

  it('lets the bureau set the subsidy by level, refusing a blank amount beside its field', async () => {
    const calls: RecordedCall[] = [];
    const page = openMaturity(smeActor('bureau'), calls);
    await eventually(() => expect(page.textContent).toContain('尚未设定'));
    type(controlLabelled(page, '2 级奖补金额（万元）') as HTMLInputElement, '10');
    type(controlLabelled(page, '3 级奖补金额（万元）') as HTMLInputElement, '20');
    buttonNamed(page, '保存奖补标准').click();
    const four = controlLabelled(page, '4 级奖补金额（万元）');
    await eventually(() => {
      expect(four.getAttribute('aria-invalid')).toBe('true');
      expect(description(four)).toContain('必填项');
    });
    expect(calls.some((call) => call.key.startsWith('PUT'))).toBe(false);

    type(four as HTMLInputElement, '30.5');
    buttonNamed(page, '保存奖补标准').click();
    await eventually(() => {
      const put = calls.find((call) => call.key === `PUT /api/pilots/${PILOT}/sme-policy`);
      expect(JSON.parse(String(put?.init.body))).toEqual({ subsidyWanByLevel: { 2: 10, 3: 20, 4: 30.5 } });
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('奖补标准已保存。');
      expect(page.textContent).toContain('30.5 万元');
    });
  });
});

describe('the workbench’s SME links', () => {
  it('offers the assessor the pilot’s SMEs and their maturity counts, and an enterprise its firm but not the counts', () => {
    const links = (principal: Principal) => [...render(WorkbenchLinks, { principal }).querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links(smeActor('assessor'))).toEqual(
      expect.arrayContaining([
        ['中小企业数字化转型试点企业', `/pilots/${PILOT}/sme-firms`],
        ['试点企业数字化水平分级统计', `/pilots/${PILOT}/sme-maturity`],
      ]),
    );
    const enterprise = links({ ...smeActor('enterprise'), pilot: PILOT }).map(([text]) => text);
    expect(enterprise).toContain('中小企业数字化转型试点企业');
    expect(enterprise).not.toContain('试点企业数字化水平分级统计');
  });

  it('leaves them out for a pilot whose record says it has no SMEs, once the record has come', async () => {
    const linksOf = (pilot: typeof wuqingSme) => {
      const principal = { ...smeActor('bureau'), pilot: pilot.id };
      const app = testApp({ principal, routes: { [`GET /api/pilots/${pilot.id}`]: { status: 200, body: pilot } } });
      const page = render(WorkbenchLinks, { principal }, app);
      return () => [...page.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    };
    // The links show until the record answers, so the tech pilot's wait ends when they go.
    const tech = linksOf({ ...wuqingSme, id: 'wuqing-tech', kind: 'tech_transformation' });
    await eventually(() => expect(tech()).not.toContain('/pilots/wuqing-tech/sme-firms'));
    const sme = linksOf(wuqingSme);
    await eventually(() => expect(sme()).toEqual(expect.arrayContaining([`/pilots/${wuqingSme.id}/sme-firms`, `/pilots/${wuqingSme.id}/sme-maturity`])));
  });
});
