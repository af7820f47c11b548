import { describe, expect, it } from 'vitest';
import PilotDashboard from '../../web/src/pages/public/PilotDashboard.svelte';
import PublicHome from '../../web/src/pages/public/PublicHome.svelte';
import { INDEX, WUQING_SNAPSHOT } from './support/fixtures';
import { buttonNamed, eventually, render, testApp, type FakeRoutes, type RecordedCall } from './support/render';

function show(page: typeof PublicHome | typeof PilotDashboard, params: Record<string, string>, routes: FakeRoutes, calls: RecordedCall[] = []) {
  return render(page, { params }, testApp({ routes, calls }));
}

function table(view: HTMLElement, caption: string): HTMLTableElement {
  const found = [...view.querySelectorAll('table')].find((candidate) => candidate.caption?.textContent?.includes(caption));
  if (!found) throw new Error(`no table captioned ${caption}`);
  return found;
}

function cells(row: Element | null | undefined): string[] {
  return [...(row?.children ?? [])].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

describe('the public home', () => {
  it('lists the pilots from the static index with links to their dashboards', async () => {
    const view = show(PublicHome, {}, { 'GET /data/index.json': { status: 200, body: INDEX } });
    await eventually(() => {
      const links = [...view.querySelectorAll('.card-title a')];
      expect(links.map((link) => link.getAttribute('href'))).toEqual(['/pilots/wuqing-tech', '/pilots/binhai-tech', '/pilots/wuqing-sme']);
      expect(view.querySelector('.card')?.textContent).toContain('2028年3月31日');
    });
  });
});

describe('a pilot’s public dashboard', () => {
  const open = () => show(PilotDashboard, { pilotId: 'wuqing-tech' }, { 'GET /data/pilots/wuqing-tech.json': { status: 200, body: WUQING_SNAPSHOT } });

  it('reads only the static snapshot and titles the page with the pilot', async () => {
    const calls: RecordedCall[] = [];
    const view = show(PilotDashboard, { pilotId: 'wuqing-tech' }, { 'GET /data/pilots/wuqing-tech.json': { status: 200, body: WUQING_SNAPSHOT } }, calls);
    await eventually(() => expect(view.querySelector('h1')?.textContent).toBe('武清区制造业新型技术改造城市试点'));
    expect(calls.map((call) => call.key)).toEqual(['GET /data/pilots/wuqing-tech.json']);
  });

  it('shows each indicator against its target, with ≤ targets read as lower-is-better', async () => {
    const view = open();
    const indicators = await eventually(() => table(view, '目标值对比'));
    expect(indicators.querySelectorAll('thead th[scope=col]').length).toBe(8);
    const rows = [...indicators.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(11);
    expect(rows[0]?.querySelector('th')?.getAttribute('scope')).toBe('row');
    expect(cells(rows[0])).toEqual(expect.arrayContaining(['工业技术改造投资规模', '亿元', '≥ 20', '62.5%', '存在风险']));
    expect(cells(rows[6]).join(' ')).toContain('≤ 0.66');
    expect(cells(rows[6])).toContain('已达标');
    expect(cells(rows[1])).toContain('暂无数据');
  });

  it('shows each town’s on-time reporting rate, saying when nothing has fallen due', async () => {
    const view = open();
    const reporting = await eventually(() => table(view, '按期报送的比例'));
    const rows = [...reporting.querySelectorAll('tbody tr')];
    expect(cells(rows[0])).toEqual(['武清经济技术开发区', '4', '3', '75%']);
    expect(cells(rows[1])).toEqual(['杨村街道', '0', '0', '暂无到期报告']);
  });

  it('counts projects by status with a total, and funds in 万元/亿元', async () => {
    const view = open();
    const status = await eventually(() => table(view, '按项目状态统计'));
    expect(cells(status.querySelector('tbody tr'))).toEqual(['实施中', '1']);
    expect(cells(status.querySelector('tfoot tr'))).toEqual(['合计', '2']);
    const funds = table(view, '专项资金');
    expect(cells(funds.querySelector('tbody tr'))).toEqual(['已批准支持资金', '1.33 亿元']);
    expect(cells(funds.querySelectorAll('tbody tr')[1])).toEqual(['已拨付资金', '3,000 万元']);
    expect(view.textContent).toContain('已入库数字化转型服务商：41 家');
  });

  it('lists disclosed projects, filterable, with the count announced', async () => {
    const view = open();
    const projects = await eventually(() => table(view, '已公示项目'));
    expect(projects.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(cells(projects.querySelector('tbody tr'))).toEqual(
      expect.arrayContaining(['精密零部件智能产线改造', '武清经济技术开发区', '中央财政资金支持项目', '1.25 亿元', '2025年5月1日 至 2025年5月7日']),
    );
    expect(view.querySelector('label[for="projects-status"]')?.textContent).toBe('按状态筛选');
    const statuses = [...(view.querySelector<HTMLSelectElement>('#projects-status')?.options ?? [])].map((option) => option.textContent);
    expect(statuses).toEqual(['全部', '实施中', '已通过验收']);
    // happy-dom does not report a chosen <option> as :checked, which Svelte's bind:value reads,
    // so the filter is driven through the search box here; the status select is left to browser tests.
    const search = view.querySelector<HTMLInputElement>('#projects-search');
    expect(view.querySelector('label[for="projects-search"]')?.textContent).toBe('按项目或企业名称搜索');
    if (!search) throw new Error('no search box');
    search.value = '平台';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await eventually(() => {
      expect(projects.querySelectorAll('tbody tr')).toHaveLength(1);
      expect(view.querySelector('#projects [role=status]')?.textContent).toBe('共 2 个项目，显示 1 个');
    });
  });

  it('offers CSV and JSON of each table, named after it', async () => {
    const view = open();
    await eventually(() => buttonNamed(view, '下载 CSV：指标完成情况'));
    for (const title of ['指标完成情况', '项目进展', '资金', '项目清单']) {
      expect(buttonNamed(view, `下载 CSV：${title}`)).toBeTruthy();
      expect(buttonNamed(view, `下载 JSON：${title}`)).toBeTruthy();
    }
    const group = view.querySelector('#indicators [role=group]');
    expect(group?.getAttribute('aria-label')).toBe('下载“指标完成情况”数据');
  });

  it('explains a pilot with no published snapshot', async () => {
    const view = show(PilotDashboard, { pilotId: 'nowhere' }, {});
    await eventually(() => expect(view.querySelector('[role=alert]')?.textContent).toBe('未找到该试点的公开数据。'));
  });
});
