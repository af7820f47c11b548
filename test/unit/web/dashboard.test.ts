import { describe, expect, it } from 'vitest';
import type { PublicEvaluation, PublicIndicator, PublicProject } from '../../../shared/public/snapshot';
import { disbursementRate, filterProjects, indicatorRow, statusRows, townName } from '../../../web/src/lib/public/dashboard';

function indicator(overrides: Partial<PublicIndicator>): PublicIndicator {
  return {
    code: 'tt-01',
    name: '工业技术改造投资规模',
    unit: '亿元',
    target: 20,
    targetDate: '2027-12-31',
    direction: 'at_least',
    source: 'reported',
    history: [],
    ...overrides,
  };
}

describe('indicators against the plan’s targets', () => {
  const evaluation = (status: PublicEvaluation['status'], attainment: number | null) => ({
    status, statusLabel: '', attainment, expected: null, reasons: [], projectedAtTargetDate: null, reachesTargetOn: null,
  });

  it('shows the published evaluation: an indicator behind its path is at risk, not simply unmet', () => {
    const row = indicatorRow(indicator({ latest: { period: '2025Q4', value: 15 }, evaluation: evaluation('at_risk', 0.75) }));
    expect(row).toMatchObject({ state: 'at_risk', progress: 0.75 });
    expect(indicatorRow(indicator({ latest: { period: '2025Q4', value: 15 }, evaluation: evaluation('on_track', 0.75) })).state).toBe('on_track');
  });

  it('measures attainment itself when an older snapshot has no evaluation, claiming only what it can', () => {
    const row = indicatorRow(indicator({ latest: { period: '2025Q4', value: 15 } }));
    expect(row).toMatchObject({ state: 'no_data' });
    expect(row.progress).toBeCloseTo(0.75);
    expect(indicatorRow(indicator({ latest: { period: '2026Q4', value: 21 } })).state).toBe('met');
  });

  it('treats a ≤ target as met when the value is at or under it (lower is better)', () => {
    const energy = { code: 'tt-07', unit: '吨标准煤/万元', target: 0.66, direction: 'at_most' as const };
    const over = indicatorRow(indicator({ ...energy, latest: { period: '2025', value: 0.8 } }));
    expect(over.progress).toBeCloseTo(0.825);
    expect(indicatorRow(indicator({ ...energy, latest: { period: '2026', value: 0.66 } })).state).toBe('met');
  });

  it('says there is no value yet rather than 0%', () => {
    expect(indicatorRow(indicator({}))).toMatchObject({ state: 'no_data', progress: undefined });
  });
});

describe('projects, funds and towns', () => {
  const disclosed = {
    pilotId: 'wuqing-tech',
    category: 'central_fund',
    approvedAmountWan: 300,
    noticeStart: '2025-05-01T02:00:00.000Z',
    noticeEnd: '2025-05-07',
    agreementSignedAt: null,
    fundPlanIssuedAt: null,
    acceptedAt: null,
    closedAt: null,
  } as const;
  const projects: PublicProject[] = [
    { ...disclosed, id: 'p1', title: '智能产线改造', enterpriseName: '天津市武清精密机械有限公司', town: 'wq-kfq', demonstrationType: 'point', status: 'in_progress' },
    { ...disclosed, id: 'p2', title: '供应链协同平台', enterpriseName: '天津京津智能装备股份有限公司', town: 'wq-kjg', demonstrationType: 'line', status: 'accepted' },
  ];

  it('counts only statuses that have projects', () => {
    expect(statusRows({ in_progress: 3, accepted: 0, public_notice: 1 })).toEqual([
      { status: 'in_progress', count: 3 },
      { status: 'public_notice', count: 1 },
    ]);
  });

  it('filters the list by status and by project or enterprise name', () => {
    expect(filterProjects(projects, 'accepted', '').map((p) => p.id)).toEqual(['p2']);
    expect(filterProjects(projects, '', '精密').map((p) => p.id)).toEqual(['p1']);
    expect(filterProjects(projects, '', ' 平台 ').map((p) => p.id)).toEqual(['p2']);
  });

  it('gives the disbursement rate only when something was approved', () => {
    expect(disbursementRate({ approvedWan: 2000, disbursedWan: 500 })).toBe(0.25);
    expect(disbursementRate({ approvedWan: 0, disbursedWan: 0 })).toBeUndefined();
  });

  it('names towns from the pilot and shows an unknown code as is', () => {
    const pilot = { towns: [{ code: 'wq-kfq', name: '武清经济技术开发区' }] };
    expect(townName(pilot, 'wq-kfq')).toBe('武清经济技术开发区');
    expect(townName(pilot, 'wq-zzz')).toBe('wq-zzz');
  });
});
