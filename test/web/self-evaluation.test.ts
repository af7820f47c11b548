import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SelfEvaluationSheet } from '../../shared/evaluation/sheets';
import SelfEvaluationPage from '../../web/src/pages/evaluation/SelfEvaluationPage.svelte';
import WorkbenchLinks from '../../web/src/pages/workbench/WorkbenchLinks.svelte';
import { BUREAU, ENTERPRISE } from './support/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall } from './support/render';

const SHEETS: SelfEvaluationSheet[] = [
  { name: '概况', title: '武清区 2025 年度绩效自评', columns: [{ header: '项目', width: 22 }, { header: '内容', width: 50 }], rows: [['自评年度', 2025], ['责任单位', null]] },
  { name: '指标完成情况', title: '主要指标完成情况', columns: [{ header: '指标编码', width: 10 }, { header: '完成度（%）', width: 12 }], rows: [['tt-04', 87.5]] },
];
const base = '/api/pilots/wuqing-tech/self-evaluations/2025';

function open(calls: RecordedCall[] = [], year = '2025') {
  const app = testApp({
    principal: BUREAU,
    calls,
    routes: { [`GET ${base}`]: { status: 200, body: { report: {}, sheets: SHEETS } }, [`GET ${base}/workbook`]: { status: 200, body: 'xlsx-bytes' } },
  });
  return { app, page: render(SelfEvaluationPage, { params: { pilotId: 'wuqing-tech', year } }, app) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the yearly self-evaluation page', () => {
  it('renders each sheet as a table named by its caption, with row headers and empty cells marked', async () => {
    const { page } = open();
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('2025 年度绩效自评');
      const regions = [...page.querySelectorAll('[role="region"]')];
      expect(regions.map((region) => document.getElementById(region.getAttribute('aria-labelledby') ?? '')?.textContent)).toEqual(['武清区 2025 年度绩效自评', '主要指标完成情况']);
      const first = page.querySelector('tbody tr');
      expect(first?.querySelector('th[scope="row"]')?.textContent).toBe('自评年度');
      expect(first?.querySelector('td')?.textContent).toBe('2025');
      expect(page.querySelectorAll('tbody tr')[1]?.querySelector('td')?.textContent).toBe('无数据');
      expect(page.querySelector('.no-print [role="group"]')?.getAttribute('aria-label')).toBe('自评表操作');
    });
  });

  it('downloads the workbook with the bearer token and saves it through an object URL', async () => {
    const calls: RecordedCall[] = [];
    const created = vi.fn((_blob: Blob) => 'blob:workbook');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { page } = open(calls);
    (await eventually(() => buttonNamed(page, '下载 Excel 自评表'))).click();
    await eventually(() => {
      const call = calls.find((candidate) => candidate.key === `GET ${base}/workbook`);
      expect(new Headers(call?.init.headers).get('authorization')).toBe('Bearer header.payload.signature');
      expect(created).toHaveBeenCalledOnce();
      expect(clicked[0]?.download).toBe('self-evaluation-wuqing-tech-2025.xlsx');
      expect(clicked[0]?.href).toBe('blob:workbook');
    });
  });

  it('refuses a year outside the API’s range without asking for it, and goes to the year typed', async () => {
    const calls: RecordedCall[] = [];
    const { app, page } = open(calls, '1999');
    const year = await eventually(() => {
      expect(page.querySelector('[role="alert"]')?.textContent).toBe('年度应为 2000 至 2100 之间的整数');
      const field = controlLabelled(page, '自评年度') as HTMLInputElement;
      expect(description(field)).toBe('四位数年份，2000 至 2100');
      return field;
    });
    expect(calls.filter((call) => call.key.includes('self-evaluations'))).toEqual([]);
    type(year, '24');
    buttonNamed(page, '查看').click();
    await eventually(() => {
      expect(year.getAttribute('aria-invalid')).toBe('true');
      expect(description(year)).toContain('年度应为 2000 至 2100 之间的整数');
    });
    type(year, '2024');
    buttonNamed(page, '查看').click();
    expect(app.router.href).toBe('/pilots/wuqing-tech/self-evaluations/2024');
  });
});

describe('the workbench’s links', () => {
  it('offers the bureau the provider pool, the catalogue and this year’s self-evaluation of its pilot', () => {
    const page = render(WorkbenchLinks, { principal: BUREAU });
    const links = [...page.querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['服务商资源池', '/pilots/wuqing-tech/providers'],
        ['“小快轻准”产品目录', '/pilots/wuqing-tech/catalogue'],
        ['年度绩效自评', expect.stringMatching(/^\/pilots\/wuqing-tech\/self-evaluations\/\d{4}$/)],
      ]),
    );
  });

  it('offers an enterprise the pool and the catalogue but not the self-evaluation', () => {
    const page = render(WorkbenchLinks, { principal: ENTERPRISE });
    const texts = [...page.querySelectorAll('a')].map((link) => link.textContent);
    expect(texts).toEqual(expect.arrayContaining(['服务商资源池', '“小快轻准”产品目录']));
    expect(texts).not.toContain('年度绩效自评');
  });
});
