import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../../shared/indicators/board';
import type { DerivationSources } from '../../shared/indicators/derived';
import type { ReportedValue } from '../../shared/indicators/model';
import { valueViewFor } from '../../shared/indicators/view';
import type { Principal } from '../../shared/roles';
import { wuqingTech } from '../../scripts/demo/pilots';
import IndicatorBoard from '../../web/src/pages/indicators/IndicatorBoard.svelte';
import IndicatorDetail from '../../web/src/pages/indicators/IndicatorDetail.svelte';
import { BUREAU, NOW } from './support/fixtures';
import { buttonNamed, controlLabelled, description, render, settle, testApp, type, type RecordedCall } from './support/render';

const DATA_UNIT: Principal = { subject: 'u-tongji', name: '区统计局 数据填报员', roles: ['data_unit'], pilot: 'wuqing-tech', dataUnit: '区统计局' };
const indicator = wuqingTech.indicators.find((candidate) => candidate.code === 'tt-04')!;
const noSources = {} as DerivationSources;
const submitted: ReportedValue = {
  pilotId: 'wuqing-tech',
  code: 'tt-04',
  period: '2025Q1',
  responsibleUnit: '区统计局',
  unit: indicator.unit,
  status: 'submitted',
  version: 2,
  working: { value: 410_000, note: '统计快报', evidenceIds: ['EV1'] },
  reviews: [],
  createdAt: '2025-04-10T01:00:00.000Z',
  updatedAt: '2025-04-11T01:00:00.000Z',
};
const row = indicatorRow(wuqingTech, indicator, [submitted], noSources, NOW);
const detailFor = (principal: Principal) => ({ row, values: [valueViewFor(principal, submitted)], history: [] });

function open(principal: Principal, calls: RecordedCall[] = []) {
  const app = testApp({
    principal,
    calls,
    routes: {
      'GET /api/pilots/wuqing-tech/indicators/tt-04': { status: 200, body: detailFor(principal) },
      'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025Q2/actions/save': { status: 201, body: {} },
      'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025Q1/actions/return': { status: 200, body: {} },
    },
  });
  return render(IndicatorDetail, { params: { pilotId: 'wuqing-tech', code: 'tt-04' } }, app);
}

describe('the indicator board', () => {
  it('shows each indicator’s target, status and pending reports, linking to its page', async () => {
    const rows = wuqingTech.indicators.filter((candidate) => candidate.source === 'reported').map((candidate) => indicatorRow(wuqingTech, candidate, [submitted], noSources, NOW));
    const app = testApp({ principal: BUREAU, routes: { 'GET /api/pilots/wuqing-tech/indicators': { status: 200, body: { pilotId: 'wuqing-tech', asOf: NOW.toISOString(), rows } } } });
    const page = render(IndicatorBoard, { params: { pilotId: 'wuqing-tech' } }, app);
    await settle();
    const region = page.querySelector('[role="region"]');
    expect(document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('主要指标完成情况');
    const line = [...page.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes('全员劳动生产率'));
    expect(line?.querySelector('a')?.getAttribute('href')).toBe('/pilots/wuqing-tech/indicators/tt-04');
    expect(line?.textContent).toContain('暂无数据');
    expect(line?.textContent).toContain('2025Q1 已报送（待审核）');
  });
});

describe('an indicator’s page', () => {
  it('lets the data unit report a new period, refusing a bad period beside the field without calling the API', async () => {
    const calls: RecordedCall[] = [];
    const page = open(DATA_UNIT, calls);
    await settle();
    const period = controlLabelled(page, '统计期') as HTMLInputElement;
    type(period, '2025Q5');
    type(controlLabelled(page, '数值') as HTMLInputElement, '420000');
    buttonNamed(page, '填报指标值').click();
    await settle();
    expect(period.getAttribute('aria-invalid')).toBe('true');
    expect(description(period)).toContain('统计期格式应为 2025 或 2025Q4');
    expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);

    type(period, '2025Q2');
    buttonNamed(page, '填报指标值').click();
    await settle(10);
    const post = calls.find((call) => call.key.endsWith('/2025Q2/actions/save'));
    expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: 0, input: { value: 420000, note: '' } });
    expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
    const status = page.querySelector('[role="status"].alert-success');
    expect(status?.textContent).toBe('2025Q2：“填报指标值”已办理。');
    expect(document.activeElement).toBe(status);
  });

  it('shows the server’s issues beside the fields they name', async () => {
    const app = testApp({
      principal: DATA_UNIT,
      routes: {
        'GET /api/pilots/wuqing-tech/indicators/tt-04': { status: 200, body: detailFor(DATA_UNIT) },
        'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025/actions/save': {
          status: 400,
          body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'value', message: '不能大于 1000000000000' }] },
        },
      },
    });
    const page = render(IndicatorDetail, { params: { pilotId: 'wuqing-tech', code: 'tt-04' } }, app);
    await settle();
    type(controlLabelled(page, '统计期') as HTMLInputElement, '2025');
    type(controlLabelled(page, '数值') as HTMLInputElement, '5');
    buttonNamed(page, '填报指标值').click();
    await settle(10);
    expect(description(controlLabelled(page, '数值'))).toContain('不能大于 1000000000000');
  });

  it('offers the bureau approve and return on a submitted value, and needs a comment to return it', async () => {
    const calls: RecordedCall[] = [];
    const page = open(BUREAU, calls);
    await settle();
    expect(page.querySelector('h3')?.textContent).toBe('2025Q1 的办理');
    expect(() => controlLabelled(page, '统计期')).toThrow();
    buttonNamed(page, '退回修改').click();
    await settle();
    const comments = controlLabelled(page, '审核意见');
    expect(comments.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
    type(comments as HTMLInputElement, '请补充统计口径说明');
    buttonNamed(page, '退回修改').click();
    await settle(10);
    const post = calls.find((call) => call.key.endsWith('/2025Q1/actions/return'));
    expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: 2, input: { comments: '请补充统计口径说明' } });
  });
});
