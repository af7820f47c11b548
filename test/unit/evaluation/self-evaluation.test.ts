import { describe, expect, it } from 'vitest';
import { crossPilotView } from '../../../shared/evaluation/cross-pilot';
import { maturityCounts, MATURITY_TARGETS } from '../../../shared/evaluation/maturity';
import { publicEvaluationExtras } from '../../../shared/evaluation/public';
import { evaluationInstant, selfEvaluation } from '../../../shared/evaluation/self-evaluation';
import { selfEvaluationSheets } from '../../../shared/evaluation/sheets';
import { readWorkbook, workbookBytes } from '../../../shared/evaluation/xlsx';
import { indicatorBoard } from '../../../shared/indicators/board';
import type { DerivationSources } from '../../../shared/indicators/derived';
import type { SmeFirm } from '../../../shared/sme/model';
import { expectDomainError, stateFixtures } from '../projects/fixtures';
import { providerFixtures } from '../providers/fixtures';
import { ASSESSMENT, smeActor, smeFixtures, take } from '../sme/fixtures';
import { actor, at, FIGURE, TECH_PILOT, value } from '../indicators/fixtures';

/** The yearly self-evaluation (002 §三(六)), its workbook read back, the maturity counts and the cross-pilot view. */
const projects = stateFixtures();
const providers = providerFixtures();
const sme = smeFixtures();
const SOURCES: DerivationSources = {
  projects: [projects.accepted.project, { ...projects.terminated.project, id: 'P-2' }, projects.draft.project, { ...projects.in_progress.project, id: 'P-3' }],
  enterpriseScale: new Map([[projects.accepted.project.uscc, 'above']]),
  providers: [providers.rectifying.provider, providers.applied.provider],
  smeFirms: [],
};
const approved = value(value(value(undefined, 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'submit', {}, actor('data_unit'), at('2026-01-20T03:00:00Z')), 'approve', {}, actor('bureau'), at('2026-01-21T02:00:00Z'));
const NOW = at('2026-03-01T02:00:00Z');
/** What the deadline sweep raised: two misses and an escalation in 2025, one miss in 2026 and one in 2024. */
const SWEPT = [
  { severity: 'warning', raisedAt: '2025-04-16T01:00:00.000Z' },
  { severity: 'warning', raisedAt: '2025-12-31T15:30:00.000Z' },
  { severity: 'escalation', raisedAt: '2025-03-20T01:00:00.000Z' },
  { severity: 'warning', raisedAt: '2025-12-31T16:30:00.000Z' }, // 2026-01-01 in Beijing
  { severity: 'warning', raisedAt: '2024-11-11T01:00:00.000Z' },
] as const;

describe('the yearly self-evaluation', () => {
  const report = selfEvaluation(TECH_PILOT, 2025, [approved], SOURCES, SWEPT, NOW);

  it('is taken at the year’s last Beijing instant once the year is over, and now during it', () => {
    expect(report.asOf).toBe('2025-12-31T15:59:59.999Z');
    expect(evaluationInstant(TECH_PILOT, 2026, NOW)).toEqual(NOW);
    expect(expectDomainError(() => evaluationInstant(TECH_PILOT, 2027, NOW), 'VALIDATION_FAILED').issues[0]).toEqual({ path: 'year', message: '自评年度须在 2025 至 2026 年之间' });
    expectDomainError(() => evaluationInstant(TECH_PILOT, 2024, NOW), 'VALIDATION_FAILED');
  });

  it('lists every indicator with its status, and counts the statuses', () => {
    expect(report.indicators).toHaveLength(TECH_PILOT.indicators.length);
    expect(report.indicators.find((line) => line.code === 'tt-04')).toMatchObject({ latestValue: 168000, latestPeriod: '2025', status: 'on_track', statusLabel: '进度正常', source: 'reported' });
    expect(Object.values(report.indicatorStatus).reduce((sum, count) => sum + count, 0)).toBe(TECH_PILOT.indicators.length);
  });

  it('counts submitted projects by stage, never drafts', () => {
    expect(report.projectsByStage).toEqual([
      { status: 'in_progress', label: '实施中', count: 1 },
      { status: 'accepted', label: '已通过验收', count: 1 },
      { status: 'terminated', label: '已终止', count: 1 },
    ]);
  });

  it('sums funds approved and disbursed, and the warnings of the year', () => {
    // three selected projects at 500 万元; 200 pre-allocated each, the accepted one also got nothing more
    expect(report.funds).toMatchObject({ approvedWan: 1500, disbursedWan: 600, disbursedInYearWan: 600, smeSubsidiesWan: 0, ordersInYear: 0, outstandingWan: 0 });
    // all three are central-fund projects: no local matching, so the ratio reads 0 : 1 and warns (002 §五(二))
    expect(report.funds.bySource.central).toMatchObject({ netApprovedWan: 1500, netPaidWan: 600 });
    expect(report.funds.matching).toMatchObject({ approved: { ratio: 0, belowOneToOne: true }, warning: true });
    expect(report.warnings).toMatchObject({ providerIssuedInYear: 1, providerOpen: 1, overdueInYear: 2, escalationsInYear: 1, totalInYear: 3 });
    // during a year, only what has been raised by now counts
    const early = selfEvaluation(TECH_PILOT, 2026, [approved], SOURCES, SWEPT, NOW);
    expect(early.warnings).toMatchObject({ overdueInYear: 1, escalationsInYear: 0 });
    expect(report.providers).toMatchObject({ inPool: 1, industry: 1, products: 1 });
  });

  it('adds the maturity levels for an SME pilot', () => {
    expect(report.sme).toBeNull();
    const smeReport = selfEvaluation({ ...TECH_PILOT, kind: 'sme_digital', indicators: [] }, 2025, [], { ...SOURCES, smeFirms: [sme.subsidised.firm] }, [], NOW);
    expect(smeReport.sme?.rows.find((row) => row.level === 3)?.accepted).toBe(1);
    expect(smeReport.funds.smeSubsidiesWan).toBe(20);
  });

  it('lays the report out as Chinese sheets and writes a workbook that reads back the same', async () => {
    const sheets = selfEvaluationSheets(report);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['概况', '指标完成情况', '项目进展', '资金与警示', '服务商资源池']);
    const bytes = await workbookBytes(sheets, { creator: '试点通', created: NOW });
    const read = await readWorkbook(bytes);
    expect(read.map((sheet) => sheet.name)).toEqual(sheets.map((sheet) => sheet.name));
    const indicators = read[1];
    expect(indicators?.rows[0]).toEqual(['主要指标完成情况']);
    expect(indicators?.rows[1]?.slice(0, 5)).toEqual(['指标编码', '指标名称', '单位', '方向', '目标值']);
    expect(indicators?.rows.find((row) => row[0] === 'tt-04')?.slice(0, 10)).toEqual(['tt-04', '全员劳动生产率', '元/人', '≥', 175000, '2027-12-31', 'stats', '单位填报', '2025', 168000]);
    expect(indicators?.rows.find((row) => row[0] === 'tt-07')?.[3]).toBe('≤');
    expect(read[3]?.rows.find((row) => row[0] === '累计拨付资金（万元）')?.[1]).toBe(600);
  });
});

describe('maturity levels against 473 / 32 / 19 and all ≥ 2', () => {
  const { transformed, accepted, subsidised, withdrawn, enrolled } = sme;
  const at2 = take(take(transformed.firm, 'assess_maturity', ASSESSMENT(2), smeActor('assessor'), transformed.now), 'accept', {}, smeActor('bureau'), transformed.now);
  const below = take(transformed.firm, 'assess_maturity', ASSESSMENT(1), smeActor('assessor'), transformed.now);
  const firms: SmeFirm[] = [at2, accepted.firm, subsidised.firm, withdrawn.firm];

  it('counts accepted firms by level with the gap to each target', () => {
    const counts = maturityCounts(firms);
    expect(counts.rows.map((row) => [row.level, row.accepted, row.target, row.gap])).toEqual([
      [1, 0, null, null],
      [2, 1, 473, -472],
      [3, 2, 32, -30],
      [4, 0, 19, -19],
    ]);
    expect(counts).toMatchObject({ active: 3, withdrawn: 1, accepted: 3, allAtLeastMinimum: true });
    expect(MATURITY_TARGETS[2] + MATURITY_TARGETS[3] + MATURITY_TARGETS[4]).toBe(524);
  });

  it('is not "all ≥ 2" while a firm is below level 2 or not yet assessed', () => {
    expect(maturityCounts([...firms, below])).toMatchObject({ belowMinimum: 1, allAtLeastMinimum: false });
    expect(maturityCounts([...firms, enrolled.firm])).toMatchObject({ notYetAssessed: 1, allAtLeastMinimum: false });
    expect(maturityCounts([]).allAtLeastMinimum).toBe(false);
  });

  it('counts each batch against its minimum size', () => {
    expect(maturityCounts(firms).batches).toEqual([
      { batch: 1, enrolled: 3, accepted: 3, minFirms: 300 },
      { batch: 2, enrolled: 0, accepted: 0, minFirms: 224 },
    ]);
  });
});

describe('the cross-pilot view and the public snapshot', () => {
  const board = indicatorBoard(TECH_PILOT, [approved], SOURCES, NOW);
  const other = { ...TECH_PILOT, id: 'other', name: '另一试点', indicators: TECH_PILOT.indicators.slice(1, 2) };

  it('puts indicators sharing a name and unit in one row, one cell per pilot', () => {
    const view = crossPilotView([{ pilot: TECH_PILOT, rows: board }, { pilot: other, rows: indicatorBoard(other, [], SOURCES, NOW) }], NOW);
    expect(view.pilots.map((pilot) => pilot.id)).toEqual([TECH_PILOT.id, 'other']);
    const labour = view.rows.find((row) => row.name === '全员劳动生产率');
    expect(Object.keys(labour?.cells ?? {})).toEqual([TECH_PILOT.id, 'other']);
    expect(labour?.cells[TECH_PILOT.id]?.latestValue).toBe(168000);
    expect(labour?.cells.other?.status).toBe('no_data');
    expect(view.rows).toHaveLength(TECH_PILOT.indicators.length);
  });

  it('publishes approved and derived values with their evaluation, and the pool without private fields', () => {
    const extras = publicEvaluationExtras(board, [providers.admitted.provider, providers.applied.provider]);
    expect(extras.indicatorValues['tt-04']).toEqual([{ period: '2025', value: 168000 }]);
    expect(extras.evaluations['tt-04']).toMatchObject({ status: 'on_track', statusLabel: '进度正常' });
    expect(extras.admittedProviders).toBe(1);
    expect(extras.catalogue).toHaveLength(1);
    const text = JSON.stringify(extras);
    for (const secret of ['ev-fs-2023', '022-88886666', 'ev-licence']) expect(text).not.toContain(secret);
  });
});
