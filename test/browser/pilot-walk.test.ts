import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPdf, demoPng } from '../../scripts/demo/evidence';
import { wuqingSme, wuqingTech } from '../../scripts/demo/pilots';
import { withUsccCheck } from '../../shared/uscc';
import { eventually, launchChromium, PageLog, signIn } from './support/browser';
import { account, PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

/**
 * 滨海 §三(五)2–4 in a real browser, each step by the role the seed names, through the pages a user
 * would use: the enterprise applies with evidence → the town recommends → the bureau assigns experts
 * → three experts declare and score → the bureau selects → the public dashboard shows the project
 * once the snapshot is republished. Every page visited is screenshotted and checked with axe-core.
 */
const PILOT = wuqingTech.id;
const TOWN = 'wq-kfq';
const USCC = withUsccCheck('91120114MA0BW0001');
const TITLE = '精密零部件数字化车间改造';
const SME_NAME = '天津浏览器测试食品有限公司';
const SME_USCC = withUsccCheck('91120114MA0BW0003');
const accounts = {
  enterprise: account('qiye', '天津市浏览器测试精密机械有限公司', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  town: account('jiezhen', '武清开发区经发局', ['town'], { town: TOWN, pilot: PILOT }),
  bureau: account('gongxinju', '区工业和信息化局', ['bureau'], { pilot: PILOT }),
  expert1: account('zhuanjia1', '专家 郑工', ['expert'], { pilot: PILOT }),
  expert2: account('zhuanjia2', '专家 冯教授', ['expert'], { pilot: PILOT }),
  expert3: account('zhuanjia3', '专家 何高工', ['expert'], { pilot: PILOT }),
  provider: account('fuwushang', '天津浏览器测试数字科技有限公司', ['provider'], { provider: 'prov-browser', pilot: PILOT }),
  supervisor: account('shengting', '市工业和信息化局 督导', ['supervisor'], { supervision: 'ministry' }),
  assessor: account('pingce', '数字化水平评测机构', ['assessor'], { pilot: wuqingSme.id }),
};
// Real files, as the demo seed hands them in (a one-page PDF, a 1×1 PNG): the viewer shows both inline.
const PLAN_PDF = demoPdf('PilotOps implementation plan', '实施方案');
const SITE_PHOTO = demoPng('browser walk site photo');

let stack: BrowserStack;
let browser: Browser;
let publish: (now: Date) => Promise<void>;
const log = new PageLog('pilot-walk');
let projectUrl = '';
let current: Page | undefined;

async function as(who: keyof typeof accounts): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  current = page;
  await signIn(page, stack.url, accounts[who].username, PASSWORD);
  return page;
}

async function openAction(page: Page, name: string): Promise<void> {
  const details = page.locator('details.action', { has: page.locator('summary', { hasText: name }) });
  await details.locator('summary').click();
  await page.locator('details.action[open]', { has: page.locator('summary', { hasText: name }) }).waitFor();
}

async function statusIs(page: Page, status: string): Promise<void> {
  await page.locator('.tag', { hasText: status }).waitFor();
}

beforeAll(async () => {
  stack = await startBrowserStack(Object.values(accounts));
  const { putPilot } = await import('../../functions/commons/store/pilots');
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  const { createGuide } = await import('../../functions/commons/store/guides');
  ({ publishPublicSnapshots: publish } = await import('../../functions/commons/publish'));
  await putPilot(wuqingTech);
  await createEnterprise({
    uscc: USCC, name: accounts.enterprise.name, pilotId: PILOT, town: TOWN, industry: '通用设备制造业', scale: 'above',
    contact: { name: '王建国', phone: '022-29341001' }, registeredAt: '2025-01-02T00:00:00.000Z', registeredBy: 'qiye', version: 1,
  });
  await createGuide({
    id: 'guide-browser', pilotId: PILOT, title: '技术改造重点项目申报指南', directions: '数字化智能化改造', conditions: '区内规上工业企业',
    categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-01-01', closesOn: '2035-12-31',
    publishedAt: '2025-01-01T00:00:00.000Z', publishedBy: 'gongxinju',
  });
  // The bureau's expert registry (issue 14 §2): the walk's three experts, and one working for the applicant.
  const { seedExpertRegistry } = await import('../integration/support/experts');
  await seedExpertRegistry(PILOT, (['expert1', 'expert2', 'expert3'] as const).map((who) => ({ account: accounts[who].username, name: accounts[who].name })));
  await seedExpertRegistry(PILOT, [{ account: 'zhuanjia-own', name: '专家 申报单位员工', organisationUscc: USCC }]);
  await publish(new Date());
  browser = await launchChromium();
});

// A failed step leaves a picture of where it stopped.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && current && !current.isClosed()) await log.failure(current, context.task.name);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a key project from application to the public dashboard, in Chromium', () => {
  it('shows the public dashboard with no project disclosed yet, its numbers before its charts and the data behind them', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    // Hold the chart library back: the tables must not wait for it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/echarts-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${stack.url}/pilots/${PILOT}`);
    await page.getByRole('heading', { level: 1, name: wuqingTech.name }).waitFor();
    await page.getByRole('table', { name: '专项资金批准与拨付情况' }).waitFor();
    await page.getByText('暂无已公示的项目。').first().waitFor({ state: 'visible' });
    await page.getByText('图表加载中，数据见下表。').first().waitFor({ state: 'visible' });
    await eventually(() => page.locator('canvas').count()).toBe(0);
    release();
    await page.locator('canvas').first().waitFor();
    await page.getByRole('img', { name: /资金批准与拨付/ }).waitFor({ state: 'visible' });

    const download = page.waitForEvent('download');
    await page.getByRole('group', { name: '下载“资金”数据' }).getByRole('button', { name: /下载 CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${PILOT}-funds.csv`);
    const { readFile } = await import('node:fs/promises');
    await expect(readFile(await file.path(), 'utf8')).resolves.toContain('已批准支持资金');
    expect(await log.check(page, 'public-before')).toEqual([]);
    await page.close();
  });

  it('lets the enterprise fill the application step by step, with Chinese messages, autosave, a site photo and a plan PDF', async () => {
    const page = await as('enterprise');
    await log.check(page, 'enterprise-workbench');
    await page.getByRole('link', { name: '新建项目申报' }).first().click();
    await page.getByLabel('项目名称').fill(TITLE);
    await log.check(page, 'new-application');
    await page.getByRole('button', { name: '创建申报草稿' }).click();
    await page.waitForURL(/\/application/);

    // An empty step is refused beside its field, in Chinese.
    await page.getByRole('button', { name: '下一步' }).click();
    const plan = page.getByRole('textbox', { name: /项目实施方案/ });
    await eventually(() => plan.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('请填写项目实施方案').first().waitFor();
    await plan.fill('建设数字化车间，部署五轴加工中心与 MES 系统，关键工序数控化率提升至 90%。');
    await page.getByText(/草稿已保存/).waitFor();
    await log.check(page, 'application-plan');

    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '添加节点' }).click();
    await page.getByLabel('节点名称').fill('设备安装调试');
    // A milestone may not lie in the past on the day of submission: next year's 30 June.
    await page.getByLabel('计划完成日期').fill(`${new Date().getUTCFullYear() + 1}-06-30`);
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('button', { name: '添加投资' }).click();
    await page.getByLabel('投资类别').selectOption('equipment');
    await page.getByLabel('金额（万元）', { exact: true }).fill('1200');
    await page.getByLabel('申请支持金额（万元）').fill('500');
    await log.check(page, 'application-budget');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('button', { name: '添加指标' }).click();
    await page.getByLabel('指标名称').fill('关键工序数控化率');
    await page.getByLabel('单位', { exact: true }).fill('%');
    await page.getByLabel('目标值').fill('90');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByLabel('材料类别').selectOption('site_photo');
    await page.getByLabel('选择文件').setInputFiles({ name: '车间现场.png', mimeType: 'image/png', buffer: SITE_PHOTO });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await page.getByText('已上传', { exact: true }).waitFor();
    await page.getByLabel('材料类别').selectOption('plan');
    await page.getByLabel('选择文件').setInputFiles({ name: '实施方案.pdf', mimeType: 'application/pdf', buffer: PLAN_PDF });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await eventually(() => page.getByText('已上传', { exact: true }).count()).toBe(2);
    await eventually(() => page.getByLabel(/车间现场\.png/).isChecked()).toBe(true);
    await eventually(() => page.getByLabel(/实施方案\.pdf/).isChecked()).toBe(true);
    await log.check(page, 'application-materials');

    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText(/草稿已保存/).waitFor();
    // 检查并提交 shows the whole application as reviewers will read it (issue 14 §1).
    const overview = page.locator('.application-summary');
    await overview.getByText('设备安装调试').waitFor();
    await overview.locator('tfoot', { hasText: '1,200 万元' }).waitFor();
    await overview.getByText(/上传的项目材料：已填报（2 项）/).waitFor();
    await log.check(page, 'application-review');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    await statusIs(page, '已提交（待街镇初审）');
    projectUrl = page.url();
    await page.getByRole('heading', { name: '办理记录' }).waitFor();
    await log.check(page, 'enterprise-project-submitted');
    await page.context().close();
  });

  it('lets the town see the photo and the PDF inline and recommend the application', async () => {
    const page = await as('town');
    await page.getByRole('link', { name: TITLE }).click();
    await statusIs(page, '已提交（待街镇初审）');
    await page.getByRole('button', { name: /查看\s*车间现场\.png/ }).click();
    await page.getByRole('img', { name: '车间现场.png' }).waitFor();
    await log.check(page, 'town-evidence-photo');
    // A PDF is served as an attachment; the viewer shows it inline from a local copy.
    await page.getByRole('button', { name: /查看\s*实施方案\.pdf/ }).click();
    const frame = page.locator('iframe[title="实施方案.pdf"]');
    await frame.waitFor();
    await eventually(() => frame.getAttribute('src')).toMatch(/^blob:/);
    await log.check(page, 'town-evidence-pdf');
    await page.getByRole('button', { name: '关闭预览' }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/查看\s*实施方案\.pdf/);
    // The town reads the application and prints it as a 申报书 (issue 14 §1).
    await page.getByRole('link', { name: '查看并打印申报书' }).click();
    await page.getByRole('heading', { name: '项目申报书', level: 1 }).waitFor();
    await page.getByText(accounts.enterprise.name).waitFor();
    await page.locator('.application-summary', { hasText: '设备安装调试' }).waitFor();
    await log.check(page, 'town-application-print');
    await page.goBack();
    await openAction(page, '初审推荐');
    await page.getByLabel('推荐意见').fill('材料齐全，符合申报条件，同意推荐。');
    await log.check(page, 'town-recommend');
    await page.getByRole('button', { name: '初审推荐' }).click();
    await statusIs(page, '街镇已推荐');
    await page.context().close();
  });

  it('lets the bureau put three experts on the panel with the rubric', async () => {
    const page = await as('bureau');
    // The bureau's queue opens on what it acts on next (recommended), with its filters.
    await page.getByLabel('街镇/园区', { exact: true }).waitFor();
    await log.check(page, 'bureau-queue');
    // The registry (专家库): the bureau registers one more expert through its form.
    await page.goto(`${stack.url}/pilots/${PILOT}/experts`);
    await page.getByRole('heading', { name: '专家库', level: 1 }).waitFor();
    await page.locator('#expert-name').fill('专家 褚研究员');
    await page.locator('#expert-account').fill('zhuanjia-new');
    await page.getByLabel('工业软件').check();
    await page.locator('#expert-organisation').fill('天津理工大学');
    await page.locator('#expert-organisationUscc').fill(withUsccCheck('12120000401359647'));
    await page.locator('#expert-title').fill('研究员');
    await page.locator('#expert-phone').fill('022-60214000');
    await page.getByRole('button', { name: '专家入库' }).click();
    await page.getByText('专家“专家 褚研究员”已入库。').waitFor();
    await page.getByRole('row', { name: /专家 褚研究员/ }).waitFor();
    await log.check(page, 'bureau-expert-registry');

    await page.goto(projectUrl);
    await openAction(page, '组织专家评审');
    // Only registered experts are offered; the applicant's own expert is listed as excluded, with no box to tick.
    await page.getByText(/专家 申报单位员工（天津测试大学）：所在单位为申报单位/).waitFor();
    await eventually(() => page.getByRole('checkbox', { name: /专家 申报单位员工/ }).count()).toBe(0);
    for (const who of ['expert1', 'expert2', 'expert3'] as const) await page.getByRole('checkbox', { name: new RegExp(accounts[who].name) }).check();
    await page.getByText('已选 3 名专家').waitFor();
    await log.check(page, 'bureau-assign-experts');
    // An account the registry does not hold is refused by the API, whatever a client sends.
    const refused = await page.evaluate(async (url) => {
      const headers = { authorization: `Bearer ${sessionStorage.getItem('pilotops.idToken') ?? ''}`, 'content-type': 'application/json' };
      const api = `/api/projects/${url.split('/').pop() ?? ''}`;
      const { version } = (await (await fetch(api, { headers })).json()) as { version: number };
      const input = { rubric: [{ id: 'c1', name: '技术先进性', weight: 100 }], experts: [{ subject: 'made-up', name: '假专家' }] };
      const reply = await fetch(`${api}/actions/assign_experts`, { method: 'POST', headers, body: JSON.stringify({ expectedVersion: version, input }) });
      return { status: reply.status, code: ((await reply.json()) as { code: string }).code };
    }, projectUrl);
    expect(refused).toEqual({ status: 422, code: 'EXPERT_NOT_REGISTERED' });
    await page.getByRole('button', { name: '组织专家评审' }).click();
    await statusIs(page, '专家评审中');
    await page.locator('.plain-list li', { hasText: accounts.expert1.name }).first().waitFor();
    await page.context().close();
  });

  it('lets each expert declare no conflict and score against the rubric', async () => {
    for (const [index, who] of (['expert1', 'expert2', 'expert3'] as const).entries()) {
      const page = await as(who);
      await page.getByRole('link', { name: TITLE }).click();
      // The expert scores 实施方案可行性 on the plan itself, shown on the project page (issue 14 §1).
      await page.locator('.application-summary .plan-text', { hasText: '五轴加工中心与 MES 系统' }).waitFor();
      await page.locator('.application-summary', { hasText: '关键工序数控化率' }).waitFor();
      await openAction(page, '专家利益冲突声明');
      await page.getByRole('button', { name: '专家利益冲突声明' }).click();
      await page.getByText(/已办理/).waitFor();
      await openAction(page, '专家独立评分');
      for (const criterion of ['技术先进性', '实施方案可行性', '经济和社会效益', '企业基础与保障能力']) {
        await page.getByLabel(criterion).fill(String(80 + index * 5));
      }
      await page.getByLabel('评审意见').fill('方案可行，效益明确。');
      if (index === 0) await log.check(page, 'expert-score');
      await page.getByRole('button', { name: '专家独立评分' }).click();
      await page.getByText(/“专家独立评分”已办理/).waitFor();
      await page.context().close();
    }
  });

  it('lets the bureau select the project for public notice, with the panel’s scores in view', async () => {
    const page = await as('bureau');
    await page.goto(projectUrl);
    await page.getByRole('table', { name: '专家评分' }).waitFor();
    await openAction(page, '拟支持并公示');
    await page.getByLabel('支持金额（万元）').fill('450');
    await page.getByLabel('公示天数').fill('7');
    await log.check(page, 'bureau-select');
    await page.getByRole('button', { name: '拟支持并公示' }).click();
    await statusIs(page, '公示中');
    await log.check(page, 'bureau-selected');
    // 一企一档: the enterprise's dossier holds the project, its evidence and its audit trail.
    await page.getByRole('link', { name: '查看该企业的一企一档' }).click();
    await page.getByRole('heading', { name: /办理记录/ }).waitFor();
    await page.getByText('车间现场.png').first().waitFor({ state: 'visible' });
    await log.check(page, 'bureau-dossier');
    await page.context().close();
  });

  it('shows the disclosed project on the public dashboard once the snapshot is republished', async () => {
    // Nothing republishes on a project change yet: do what that trigger will do.
    await publish(new Date());
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${stack.url}/pilots/${PILOT}`);
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    await eventually(() => row.textContent()).toContain('公示中');
    await eventually(() => row.textContent()).toContain('450');
    await log.check(page, 'public-after');
    await page.close();
  });

  it('lets the bureau open its inbox and the indicator board, then one indicator’s page', async () => {
    const page = await as('bureau');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^消息/ }).click();
    await page.getByRole('heading', { name: '消息中心' }).waitFor();
    await page.getByText(/未读 \d+ 条/).waitFor();
    await log.check(page, 'bureau-inbox');
    await page.goto(`${stack.url}/pilots/${PILOT}/indicators`);
    await page.getByRole('table', { name: '主要指标完成情况' }).waitFor();
    await log.check(page, 'bureau-indicators');
    await page.getByRole('link', { name: '全员劳动生产率' }).click();
    await page.getByRole('heading', { name: '各期填报' }).waitFor();
    await log.check(page, 'bureau-indicator');
    await page.context().close();
  });

  it('lets the supervisor, who belongs to no pilot, pick a pilot on the workbench and compare every pilot’s indicators (108号)', async () => {
    const page = await as('supervisor');
    const picker = page.getByRole('list', { name: wuqingTech.name });
    await eventually(() => picker.getByRole('link', { name: '服务商资源池' }).getAttribute('href')).toBe(`/pilots/${PILOT}/providers`);
    await log.check(page, 'supervisor-workbench');
    await page.getByRole('link', { name: '各试点指标横向对比' }).click();
    const table = page.getByRole('table', { name: /各试点主要指标的最新值/ });
    await table.waitFor();
    await eventually(() => table.getByRole('row', { name: /全员劳动生产率/ }).textContent()).toContain('目标：≥ 175,000 元/人');
    await table.getByRole('columnheader', { name: wuqingTech.name }).waitFor({ state: 'visible' });
    await log.check(page, 'supervisor-cross-pilot');
    await page.context().close();
  });

  it('lets a new provider upload its materials and register in the pool (002 §三(一)2(2))', async () => {
    const page = await as('provider');
    await page.getByRole('link', { name: '申报注册服务商' }).click();
    await page.getByRole('heading', { level: 1, name: '服务商申报注册' }).waitFor();
    // Founded within two years and with a local office: no statements and no 本地化服务承诺 are due.
    const materials = [
      ['provider_application', '服务商申报书.pdf'],
      ['business_licence', '营业执照.pdf'],
      ['case_study', '实施案例.pdf'],
      ['expert_resume', '专家简历.pdf'],
    ] as const;
    for (const [index, [category, name]] of materials.entries()) {
      await page.getByLabel('材料类别').selectOption(category);
      await page.getByLabel('选择文件').setInputFiles({ name, mimeType: 'application/pdf', buffer: PLAN_PDF });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await eventually(() => page.getByText('已上传', { exact: true }).count()).toBe(index + 1);
    }
    // Each file lands in its material's field as it arrives.
    await eventually(() => page.getByRole('combobox', { name: /^营业执照/ }).inputValue()).not.toBe('');
    await eventually(() => page.getByLabel(/实施案例\.pdf/).isChecked()).toBe(true);
    await page.getByLabel('机构名称').fill(accounts.provider.name);
    await page.getByLabel('统一社会信用代码').fill(withUsccCheck('91120114MA0BW0002'));
    await page.getByLabel('服务商类型').selectOption('scenario');
    await page.getByLabel('服务行业').fill('通用设备制造业');
    await page.getByLabel('机构简介').fill('面向中小企业的设备联网与能耗监测服务。');
    await page.getByLabel('在本地有团队或办公场地').check();
    await page.getByLabel('成立不满两年').check();
    await page.getByLabel('联系人姓名').fill('赵工');
    await page.getByLabel('联系电话').fill('022-29340000');
    await log.check(page, 'provider-register');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(/\/providers\/prov-browser$/);
    await page.getByText('申报已提交，等待区工业和信息化局审核。').waitFor();
    await page.getByRole('table', { name: '服务商上传的申报材料和整改报告' }).waitFor();
    await page.getByText('已申报（待审核）').first().waitFor({ state: 'visible' });
    await log.check(page, 'provider-registered');
    await page.context().close();
  });

  it('lets the assessor upload its report and assess a transformed pilot SME, which then shows 已评测 (004 §四(二)10)', async () => {
    // A firm of the SME pilot walked to 改造完成 through the domain, its files uploaded as a browser would.
    const { putPilot } = await import('../../functions/commons/store/pilots');
    const { saveSmeDecision } = await import('../../functions/commons/store/sme');
    const { createEnrolment, decideSme } = await import('../../shared/sme/decide');
    const { attachHolderEvidence } = await import('../../scripts/demo/evidence');
    await putPilot(wuqingSme);
    const now = new Date();
    const enterprise = { subject: 'browser-sme', name: SME_NAME, roles: ['enterprise' as const], uscc: SME_USCC };
    const provider = { subject: 'browser-comp', name: '综合型服务商', roles: ['provider' as const], providerId: 'comp-browser' };
    let decision = createEnrolment(
      { pilotId: wuqingSme.id, uscc: SME_USCC, enterpriseName: SME_NAME, town: 'wq-yc', batch: 2, comprehensiveProviderId: 'comp-browser' },
      { subject: 'gongxinju-sme', name: '区工业和信息化局', roles: ['bureau'], pilot: wuqingSme.id },
      now,
      'SME-BROWSER-1',
      { participation: { uscc: SME_USCC, pilotId: wuqingSme.id, town: 'wq-yc' }, name: SME_NAME },
    );
    await saveSmeDecision(undefined, decision, { status: 201, body: null }, undefined, now);
    const holder = () => ({ type: 'sme', holder: { type: 'sme', firmId: decision.firm.id }, firm: decision.firm }) as const;
    const report = await attachHolderEvidence(holder(), provider, { category: 'diagnosis_report', label: '诊断报告' }, now);
    const steps: Array<[string, () => Promise<unknown>, typeof enterprise | typeof provider]> = [
      ['record_diagnosis', async () => ({ reportEvidenceId: report, summary: '排产依赖人工' }), provider],
      ['adopt_plan', async () => ({ kind: 'product', providerId: 'ind-browser', summary: '选用排产报工轻应用', productIds: ['ind-browser-P1'] }), enterprise],
      ['start_transformation', async () => ({}), enterprise],
      ['complete_transformation', async () => ({ summary: '排产报工上线运行', evidenceIds: [await attachHolderEvidence(holder(), enterprise, { category: 'site_photo', label: '完工现场' }, now)] }), enterprise],
    ];
    for (const [action, input, who] of steps) {
      const before = decision.firm;
      decision = decideSme(before, action, await input(), who, now);
      await saveSmeDecision(before, decision, { status: 200, body: null }, undefined, now);
    }

    const page = await as('assessor');
    await page.getByRole('link', { name: '中小企业数字化转型试点企业' }).click();
    await page.getByRole('table', { name: '试点企业列表' }).waitFor();
    await log.check(page, 'assessor-sme-list');
    await page.getByRole('link', { name: SME_NAME }).click();
    await statusIs(page, '改造完成（待评测）');
    // The uploader offers the report the assessment names first.
    await eventually(() => page.getByLabel('材料类别').inputValue()).toBe('maturity_report');
    await page.getByLabel('选择文件').setInputFiles({ name: '评测报告.pdf', mimeType: 'application/pdf', buffer: demoPdf('PilotOps maturity report', '评测报告') });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await page.getByText('已上传', { exact: true }).waitFor();
    await openAction(page, '数字化水平评测');
    await page.getByLabel('数字化水平等级').selectOption('3');
    await page.getByLabel('评测结论').fill('数字化水平达到三级：排产、报工和质量追溯已在线运行。');
    await eventually(() => page.locator('#sme-assess_maturity-reportEvidenceId option:checked').textContent()).toContain('评测报告.pdf');
    await page.getByLabel(/^完工现场\.png/).check();
    await log.check(page, 'assessor-sme-assess');
    await page.getByRole('button', { name: '数字化水平评测', exact: true }).click();
    await statusIs(page, '已评测');
    await page.getByText('已完成：数字化水平评测').waitFor();
    await page.getByText('数字化水平评测：3 级').waitFor({ state: 'visible' });
    await log.check(page, 'assessor-sme-assessed');
    await page.context().close();
  });

  it('lets the bureau review the new provider’s materials and admit it, then open the catalogue and the year’s self-evaluation', async () => {
    const page = await as('bureau');
    const settled = async (heading: string | RegExp, name: string) => {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await log.check(page, name);
    };
    await page.goto(`${stack.url}/pilots/${PILOT}/providers`);
    await settled('服务商资源池', 'bureau-provider-pool');
    await page.getByRole('link', { name: accounts.provider.name }).click();
    await page.getByRole('table', { name: '服务商上传的申报材料和整改报告' }).waitFor();
    await settled(accounts.provider.name, 'bureau-provider-review');
    await page.locator('details', { has: page.locator('summary', { hasText: '审核通过入库' }) }).locator('summary').click();
    await page.getByRole('button', { name: '审核通过入库' }).click();
    await page.getByText('已完成：审核通过入库').waitFor();
    await page.getByText('已入库').first().waitFor({ state: 'visible' });
    await page.goto(`${stack.url}/pilots/${PILOT}/catalogue`);
    await settled('“小快轻准”产品和解决方案目录', 'bureau-catalogue');
    const year = new Date().getFullYear();
    await page.goto(`${stack.url}/pilots/${PILOT}/self-evaluations/${year}`);
    await page.getByRole('table').first().waitFor();
    await settled(`${year} 年度绩效自评`, 'bureau-self-evaluation');
    await page.context().close();
  });

  it('shows the assessor its pilot’s maturity counts, and anyone the sign-in and not-found pages', async () => {
    const assessor = await as('assessor');
    await assessor.goto(`${stack.url}/pilots/${wuqingSme.id}/sme-maturity`);
    await assessor.getByRole('heading', { level: 1, name: '试点企业数字化水平' }).waitFor();
    await assessor.waitForLoadState('networkidle');
    await log.check(assessor, 'assessor-sme-maturity');
    await assessor.context().close();
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const visitor = await context.newPage();
    current = visitor;
    await visitor.goto(`${stack.url}/login`);
    await visitor.getByRole('heading', { level: 1 }).waitFor();
    await visitor.waitForLoadState('networkidle');
    await log.check(visitor, 'public-login');
    await visitor.goto(`${stack.url}/no-such-page`);
    await visitor.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await log.check(visitor, 'public-not-found');
    await context.close();
  });

  it('found no serious or critical accessibility violation on any page visited', () => {
    expect(log.visited.length).toBeGreaterThan(10);
    expect(log.violations).toEqual([]);
  });
});
