import { afterEach, describe, expect, it, vi } from 'vitest';
import { crossPilotView } from '../../shared/evaluation/cross-pilot';
import { indicatorBoard } from '../../shared/indicators/board';
import type { DerivationSources } from '../../shared/indicators/derived';
import type { ReportedValue } from '../../shared/indicators/model';
import type { Pilot } from '../../shared/pilots/model';
import type { Principal } from '../../shared/roles';
import { binhaiTech, wuqingTech } from '../../scripts/demo/pilots';
import CrossPilotPage from '../../web/src/pages/evaluation/CrossPilotPage.svelte';
import Workbench from '../../web/src/pages/workbench/Workbench.svelte';
import { BUREAU, NOW, PILOT_LIST } from './support/fixtures';
import { buttonNamed, eventually, render, testApp } from './support/render';

const SUPERVISOR: Principal = { subject: 'u-shengting', name: '市工业和信息化局 督导', roles: ['supervisor'] };
const NO_SOURCES: DerivationSources = { projects: [], enterpriseScale: new Map(), providers: [], smeFirms: [] };

function approved(pilot: Pilot, code: string, period: string, value: number): ReportedValue {
  const at = '2025-06-20T02:00:00.000Z';
  const figures = { value, note: '统计快报', evidenceIds: ['EV1'] };
  return {
    pilotId: pilot.id, code, period, unit: pilot.indicators.find((indicator) => indicator.code === code)?.unit ?? '', status: 'approved', version: 3,
    working: figures, approved: { ...figures, approvedAt: at, by: 'u-bureau' }, reviews: [], createdAt: at, updatedAt: at,
  };
}

// A second pilot whose plan shares two of 武清's indicators, with targets of its own.
const binhai: Pilot = {
  ...binhaiTech,
  indicators: [
    { code: 'bh-01', name: '工业技术改造投资规模', unit: '亿元', target: 30, targetDate: '2027-12-31', direction: 'at_least', source: 'reported' },
    { code: 'bh-07', name: '规模以上工业单位增加值能耗', unit: '吨标准煤/万元', target: 0.5, targetDate: '2027-12-31', direction: 'at_most', source: 'reported' },
  ],
};
const VIEW = crossPilotView(
  [
    { pilot: wuqingTech, rows: indicatorBoard(wuqingTech, [approved(wuqingTech, 'tt-01', '2025Q2', 12.5), approved(wuqingTech, 'tt-07', '2025', 0.6)], NO_SOURCES, NOW) },
    { pilot: binhai, rows: indicatorBoard(binhai, [approved(binhai, 'bh-07', '2025', 0.58)], NO_SOURCES, NOW) },
  ],
  NOW,
);

function openPage() {
  const app = testApp({ principal: SUPERVISOR, path: '/evaluations/cross-pilot', routes: { 'GET /api/evaluations/cross-pilot': { status: 200, body: VIEW } } });
  return render(CrossPilotPage, { params: {} }, app);
}

const captionOf = (region: Element | null | undefined) => document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent;
const rowNamed = (table: Element, name: string) => [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th[scope="row"]')?.textContent?.startsWith(name));
const linksOf = (container: ParentNode) => [...container.querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href')]);

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the cross-pilot page', () => {
  it('puts each indicator in a row and each pilot in a column, in scrollable regions named by their captions', async () => {
    const page = openPage();
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('各试点指标横向对比');
      const regions = [...page.querySelectorAll('[role="region"]')];
      expect(regions.map(captionOf)).toEqual(['各试点主要指标按完成状态统计的个数，以及试点的各页面', '各试点主要指标的最新值、目标、完成度和状态（每行一项指标，每列一个试点）']);
      const table = regions[1]!.querySelector('table')!;
      expect([...table.querySelectorAll('thead th')].map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
        ['col', '指标'],
        ['col', '单位'],
        ['col', '方向'],
        ['col', wuqingTech.name],
        ['col', binhaiTech.name],
      ]);
      // Each pilot's name leads to its indicator board.
      expect(linksOf(table.querySelector('thead')!)).toEqual([
        [wuqingTech.name, '/pilots/wuqing-tech/indicators'],
        [binhaiTech.name, '/pilots/binhai-tech/indicators'],
      ]);
      // 武清's eleven indicators; 滨海's two line up with 武清's of the same name, unit and direction.
      expect(table.querySelectorAll('tbody tr')).toHaveLength(wuqingTech.indicators.length);
      expect(table.querySelectorAll('tbody th[scope="row"]')).toHaveLength(wuqingTech.indicators.length);
    });
  });

  it('shows each pilot’s latest value, target, attainment and status in words, and marks a pilot without the indicator', async () => {
    const page = openPage();
    await eventually(() => {
      const table = page.querySelectorAll('table')[1]!;
      const investment = rowNamed(table, '工业技术改造投资规模')!;
      const [unit, direction, wuqing, other] = [...investment.querySelectorAll('td')];
      expect(unit?.textContent).toBe('亿元');
      expect(direction?.textContent).toBe('≥不低于目标值');
      expect(wuqing?.textContent).toContain('最新值：12.5 亿元（2025年第2季度）');
      expect(wuqing?.textContent).toContain('目标：≥ 20 亿元（2027年12月31日）');
      expect(wuqing?.textContent).toContain('完成度：62.5%');
      const status = VIEW.rows.find((row) => row.name === '工业技术改造投资规模')?.cells['wuqing-tech']?.statusLabel;
      expect(wuqing?.querySelector('.tag')?.textContent).toBe(status);
      expect(other?.textContent).toContain('目标：≥ 30 亿元（2027年12月31日）');
      expect(other?.querySelector('.tag')?.textContent).toBe('暂无数据');

      const energy = rowNamed(table, '规模以上工业单位增加值能耗')!;
      const cells = [...energy.querySelectorAll('td')];
      expect(cells[1]?.textContent).toBe('≤不高于目标值（越低越好）');
      expect(cells[2]?.querySelector('.tag')?.textContent).toBe('已达标');
      expect(cells[3]?.textContent).toContain('最新值：0.58 吨标准煤/万元（2025年）');
      expect(cells[3]?.querySelector('.tag')?.textContent).not.toBe('已达标');

      expect(rowNamed(table, '全员劳动生产率')?.querySelectorAll('td')[3]?.textContent).toBe('未设此指标');
    });
  });

  it('counts each pilot’s indicators by status and links each pilot’s pages', async () => {
    const page = openPage();
    await eventually(() => {
      const summary = page.querySelector('table')!;
      expect([...summary.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['试点', '试点类型', '已达标', '进度正常', '存在风险', '未按期达标', '暂无数据', '指标合计', '试点页面']);
      const wuqing = rowNamed(summary, wuqingTech.name)!;
      const figures = [...wuqing.querySelectorAll('td.num')].map((td) => Number(td.textContent));
      const counts = VIEW.pilots[0]!.indicatorStatus;
      expect(figures).toEqual([counts.met, counts.on_track, counts.at_risk, counts.missed, counts.no_data, wuqingTech.indicators.length]);
      expect(linksOf(rowNamed(summary, binhaiTech.name)!)).toEqual([
        ['指标填报与进度', '/pilots/binhai-tech/indicators'],
        ['服务商资源池', '/pilots/binhai-tech/providers'],
        ['2025 年度绩效自评', '/pilots/binhai-tech/self-evaluations/2025'],
        ['公开数据看板', '/pilots/binhai-tech'],
      ]);
    });
  });

  it('downloads the table as CSV with a line per indicator and each pilot’s figures', async () => {
    const saved: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (saved.push(blob), 'blob:csv')), revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const page = openPage();
    await eventually(() => {
      expect(page.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('下载“主要指标横向对比”数据');
    });
    buttonNamed(page, '下载 CSV：主要指标横向对比').click();
    expect(clicked[0]?.download).toBe('cross-pilot-indicators-2025-07-01.csv');
    const lines = (await saved[0]!.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toHaveLength(1 + wuqingTech.indicators.length + 1);
    expect(lines[0]).toMatch(/^指标,单位,方向,武清区制造业新型技术改造城市试点 最新值,/);
    const investment = lines.find((line) => line.startsWith('工业技术改造投资规模,'));
    expect(investment).toMatch(/^工业技术改造投资规模,亿元,≥,12\.5,2025Q2,20,2027-12-31,62\.5,[^,]+,tt-01,,,30,2027-12-31,,暂无数据,bh-01$/);
    expect(lines.find((line) => line.startsWith('全员劳动生产率,'))).toMatch(/,tt-04,,,,,,,$/);
  });
});

describe('the workbench of someone who reads every pilot', () => {
  function openWorkbench(principal: Principal) {
    const app = testApp({ principal, routes: { 'GET /api/pilots': { status: 200, body: PILOT_LIST } } });
    return render(Workbench, { params: {} }, app);
  }

  it('lists every pilot with its pages for a supervisor, and links the cross-pilot view', async () => {
    // The links name this year; a fixed clock keeps the page and the test in the same year at New Year.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-07-01T02:00:00Z') });
    const page = openWorkbench(SUPERVISOR);
    await eventually(() => {
      expect(linksOf(page.querySelector('section[aria-labelledby="workbench-links-title"]')!)).toContainEqual(['各试点指标横向对比', '/evaluations/cross-pilot']);
      const picker = page.querySelector('section[aria-labelledby="pilot-picker-title"]')!;
      expect(picker.querySelector('h2')?.textContent).toBe('各试点');
      const cards = [...picker.querySelectorAll('li.card')];
      expect(cards.map((card) => card.querySelector('h3')?.textContent)).toEqual(PILOT_LIST.items.map((pilot) => pilot.name));
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
      for (const [index, pilot] of PILOT_LIST.items.entries()) {
        const list = cards[index]!.querySelector('ul')!;
        // The links are named in the context of their pilot's heading.
        expect(document.getElementById(list.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(pilot.name);
        expect(linksOf(list)).toEqual([
          ['指标填报与进度', `/pilots/${pilot.id}/indicators`],
          ['服务商资源池', `/pilots/${pilot.id}/providers`],
          [`${year} 年度绩效自评`, `/pilots/${pilot.id}/self-evaluations/${year}`],
          ...(pilot.kind === 'sme_digital' ? [['中小企业数字化转型试点企业', `/pilots/${pilot.id}/sme-firms`], ['试点企业数字化水平分级统计', `/pilots/${pilot.id}/sme-maturity`]] : []),
          ['公开数据看板', `/pilots/${pilot.id}`],
        ]);
      }
      expect(linksOf(picker)).toContainEqual(['试点企业数字化水平分级统计', '/pilots/wuqing-sme/sme-maturity']);
    });
  });

  it('leaves a bureau user’s workbench as it was: its own pilot’s links, no picker, no cross-pilot view', async () => {
    const page = openWorkbench(BUREAU);
    await eventually(() => {
      expect(page.querySelector('#pilot-picker-title')).toBeNull();
      const links = linksOf(page.querySelector('section[aria-labelledby="workbench-links-title"]')!);
      expect(links).toEqual(
        expect.arrayContaining([
          ['消息中心', '/inbox'],
          ['指标填报与进度', '/pilots/wuqing-tech/indicators'],
          ['服务商资源池', '/pilots/wuqing-tech/providers'],
          ['“小快轻准”产品目录', '/pilots/wuqing-tech/catalogue'],
          ['年度绩效自评', expect.stringMatching(/^\/pilots\/wuqing-tech\/self-evaluations\/\d{4}$/)],
        ]),
      );
      // Every link but the inbox stays inside the bureau's own pilot.
      expect(links.filter(([, href]) => href !== '/inbox' && !href?.startsWith('/pilots/wuqing-tech/'))).toEqual([]);
      expect(page.textContent).not.toContain('各试点指标横向对比');
    });
  });
});
