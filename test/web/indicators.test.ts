import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../../shared/indicators/board';
import type { DerivationSources } from '../../shared/indicators/derived';
import type { ReportedValue } from '../../shared/indicators/model';
import { valueViewFor } from '../../shared/indicators/view';
import type { Principal } from '../../shared/roles';
import { wuqingTech } from '../../scripts/demo/pilots';
import IndicatorBoard from '../../web/src/pages/indicators/IndicatorBoard.svelte';
import IndicatorDetail from '../../web/src/pages/indicators/IndicatorDetail.svelte';
import type { EvidenceHolder } from '../../shared/evidence/holder';
import { evidenceOf } from '../unit/web/evidence-fixtures';
import { BUREAU, NOW } from './support/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall } from './support/render';

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
const detailFor = (principal: Principal, value: ReportedValue = submitted) => ({ row, values: [valueViewFor(principal, value)], history: [] });
const periodOf = (period: string): EvidenceHolder => ({ type: 'indicator', pilotId: 'wuqing-tech', code: 'tt-04', period });
const sources = '/api/pilots/wuqing-tech/indicators/tt-04/periods';
// The 2025Q1 figure names EV1; EV2 was uploaded for the period but left out of it.
const q1Sources = [evidenceOf('EV1', 'statistical_source', '2025Q1统计快报.xlsx', periodOf('2025Q1')), evidenceOf('EV2', 'other', '草稿台账.pdf', periodOf('2025Q1'))];

function open(principal: Principal, calls: RecordedCall[] = [], value: ReportedValue = submitted) {
  const app = testApp({
    principal,
    calls,
    routes: {
      'GET /api/pilots/wuqing-tech/indicators/tt-04': { status: 200, body: detailFor(principal, value) },
      [`GET ${sources}/2025Q1/evidence`]: { status: 200, body: { items: q1Sources } },
      [`GET ${sources}/2025Q2/evidence`]: { status: 200, body: { items: [evidenceOf('S1', 'statistical_source', '2025Q2统计报表.xlsx', periodOf('2025Q2'))] } },
      'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025Q2/actions/save': { status: 201, body: {} },
      'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025Q1/actions/return': { status: 200, body: {} },
      'POST /api/pilots/wuqing-tech/indicators/tt-04/periods/2025Q1/actions/submit': { status: 200, body: {} },
    },
  });
  return render(IndicatorDetail, { params: { pilotId: 'wuqing-tech', code: 'tt-04' } }, app);
}

describe('the indicator board', () => {
  it('shows each indicator’s target, status and pending reports, linking to its page', async () => {
    const rows = wuqingTech.indicators.filter((candidate) => candidate.source === 'reported').map((candidate) => indicatorRow(wuqingTech, candidate, [submitted], noSources, NOW));
    const app = testApp({ principal: BUREAU, routes: { 'GET /api/pilots/wuqing-tech/indicators': { status: 200, body: { pilotId: 'wuqing-tech', asOf: NOW.toISOString(), rows } } } });
    const page = render(IndicatorBoard, { params: { pilotId: 'wuqing-tech' } }, app);
    await eventually(() => {
      const region = page.querySelector('[role="region"]');
      expect(document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('主要指标完成情况');
      const line = [...page.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes('全员劳动生产率'));
      expect(line?.querySelector('a')?.getAttribute('href')).toBe('/pilots/wuqing-tech/indicators/tt-04');
      expect(line?.textContent).toContain('暂无数据');
      expect(line?.textContent).toContain('2025Q1 已报送（待审核）');
    });
  });
});

describe('an indicator’s page', () => {
  it('lets the data unit report a new period, refusing a bad period beside the field without calling the API', async () => {
    const calls: RecordedCall[] = [];
    const page = open(DATA_UNIT, calls);
    const period = await eventually(() => controlLabelled(page, '统计期') as HTMLInputElement);
    type(period, '2025Q5');
    type(controlLabelled(page, '数值') as HTMLInputElement, '420000');
    buttonNamed(page, '填报指标值').click();
    await eventually(() => {
      expect(period.getAttribute('aria-invalid')).toBe('true');
      expect(description(period)).toContain('统计期格式应为 2025 或 2025Q4');
      expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
      expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
    });

    expect(page.textContent).toContain('填写统计期后即可上传该期的佐证材料。');
    type(period, '2025Q2');
    await eventually(() => {
      // The period's sources are listed and ticked; more can be uploaded for it beside the form.
      const choices = page.querySelector<HTMLFieldSetElement>('#value-tt-04-new-evidenceIds');
      expect(choices?.querySelector('legend')?.textContent).toContain('数据来源佐证材料');
      expect([...(choices?.querySelectorAll<HTMLInputElement>('input:checked') ?? [])].map((box) => box.id)).toEqual(['value-tt-04-new-evidenceIds-S1']);
      const uploadCategories = [...page.querySelectorAll<HTMLOptionElement>('#value-tt-04-new-upload-category option')].map((option) => option.value);
      expect(uploadCategories).toEqual(['statistical_source', 'other']);
    });
    buttonNamed(page, '填报指标值').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/2025Q2/actions/save'));
      expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: 0, input: { value: 420000, note: '', evidenceIds: ['S1'] } });
      expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
      const status = page.querySelector('[role="status"].alert-success');
      expect(status?.textContent).toBe('2025Q2：“填报指标值”已办理。');
      expect(document.activeElement).toBe(status);
    });
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
    type(await eventually(() => controlLabelled(page, '统计期') as HTMLInputElement), '2025');
    type(controlLabelled(page, '数值') as HTMLInputElement, '5');
    buttonNamed(page, '填报指标值').click();
    await eventually(() => {
      expect(description(controlLabelled(page, '数值'))).toContain('不能大于 1000000000000');
    });
  });

  it('lets the data unit submit a draft whose figure names its sources, and says a draft without any needs them', async () => {
    const calls: RecordedCall[] = [];
    const draft: ReportedValue = { ...submitted, status: 'draft', version: 1 };
    const page = open(DATA_UNIT, calls, draft);
    await eventually(() => {
      expect(page.textContent).not.toContain('报送审核前，请先');
      const revise = page.querySelector<HTMLFieldSetElement>('#value-tt-04-2025Q1-evidenceIds');
      expect([...(revise?.querySelectorAll<HTMLInputElement>('input') ?? [])].map((box) => [box.id.split('-').at(-1), box.checked])).toEqual([
        ['EV1', true],
        ['EV2', false],
      ]);
    });
    buttonNamed(page, '报送审核').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/2025Q1/actions/submit'));
      expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: 1, input: {} });
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('2025Q1：“报送审核”已办理。');
    });

    const bare = open(DATA_UNIT, [], { ...draft, working: { ...draft.working, evidenceIds: [] } });
    await eventually(() => {
      expect(bare.textContent).toContain('报送审核前，请先在“修改 2025Q1 的填报值”中上传并勾选数据来源佐证材料。');
    });
  });

  it('shows the bureau the sources the submitted figure names, to open before deciding', async () => {
    const page = open(BUREAU);
    await eventually(() => {
      const section = page.querySelector('[aria-labelledby="sources-tt-04-2025Q1-evidence-title"]');
      expect(section?.querySelector('h4')?.textContent).toBe('2025Q1 的数据来源佐证材料');
      expect([...(section?.querySelectorAll('tbody th') ?? [])].map((cell) => cell.textContent)).toEqual(['2025Q1统计快报.xlsx']);
      expect(buttonNamed(section!, /查看2025Q1统计快报\.xlsx/)).toBeDefined();
      expect(section?.querySelector('form')).toBeNull();
    });
  });

  it('offers the bureau approve and return on a submitted value, and needs a comment to return it', async () => {
    const calls: RecordedCall[] = [];
    const page = open(BUREAU, calls);
    await eventually(() => {
      expect(page.querySelector('h3')?.textContent).toBe('2025Q1 的办理');
      expect(() => controlLabelled(page, '统计期')).toThrow();
    });
    buttonNamed(page, '退回修改').click();
    const comments = controlLabelled(page, '审核意见');
    await eventually(() => expect(comments.getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
    type(comments as HTMLInputElement, '请补充统计口径说明');
    buttonNamed(page, '退回修改').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/2025Q1/actions/return'));
      expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: 2, input: { comments: '请补充统计口径说明' } });
    });
  });
});
