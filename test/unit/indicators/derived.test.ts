import { describe, expect, it } from 'vitest';
import { baselineFor, indicatorBoard, statusCounts } from '../../../shared/indicators/board';
import { deriveValue, derivedHistory, DERIVATIONS, type DerivationSources } from '../../../shared/indicators/derived';
import { endOfBeijingDay } from '../../../shared/indicators/period';
import { IndicatorDerivation } from '../../../shared/pilots/model';
import type { Project } from '../../../shared/projects/model';
import { withUsccCheck } from '../../../shared/uscc';
import { stateFixtures } from '../projects/fixtures';
import { providerFixtures } from '../providers/fixtures';
import { smeFixtures } from '../sme/fixtures';
import { actor, at, FIGURE, LABOUR, LOCAL_FUNDS, FIRMS, POOL, ACCEPTED, TECH_PILOT, value } from './fixtures';

/**
 * Derived indicators computed from lifecycle data: projects, providers and SME firms walked through
 * the real state machines, read as of chosen instants.
 */
const projects = stateFixtures();
const A = withUsccCheck('91120114MA0000001');
const B = withUsccCheck('91120114MA0000002');
const C = withUsccCheck('91120114MA0000003');
const as = (project: Project, id: string, uscc: string, extra: Partial<Project> = {}): Project => ({ ...project, id, uscc, ...extra });

/** The same project as if the bureau had approved it from local funds (滨海 §三(五) 市级专项资金支持项目). */
const locallyFunded = (project: Project): Partial<Project> => ({
  category: 'municipal_fund',
  selection: project.selection?.outcome === 'selected' ? { ...project.selection, funding: [{ source: 'local', amountWan: project.selection.approvedAmountWan }] } : project.selection,
  tranches: project.tranches.map((tranche) => ({ ...tranche, source: 'local', supportMethod: undefined })),
});

const PROJECTS: Project[] = [
  as(projects.accepted.project, 'P-acc', A),
  as(projects.in_progress.project, 'P-second', A),
  as(projects.terminated.project, 'P-term', B),
  as(projects.in_progress.project, 'P-small', C),
  as(projects.agreement_signed.project, 'P-signed', B),
  as(projects.in_progress.project, 'P-city', C, locallyFunded(projects.in_progress.project)),
];
const providers = providerFixtures();
const sme = smeFixtures();
const SOURCES: DerivationSources = {
  projects: PROJECTS,
  enterpriseScale: new Map([[A, 'above'], [B, 'above'], [C, 'below']]),
  providers: [providers.admitted.provider, providers.warned.provider, providers.eliminated.provider, providers.applied.provider, { ...providers.admitted.provider, id: 'comp-9', kind: 'comprehensive' }],
  smeFirms: Object.values(sme).map((fixture) => fixture.firm),
};
const on = (date: string) => endOfBeijingDay(date);

describe('derived indicators from the platform’s records', () => {
  it('has a rule for every derivation the pilot model names', () => {
    expect(Object.keys(DERIVATIONS).sort()).toEqual([...IndicatorDerivation.options].sort());
  });

  it('counts distinct above-scale enterprises whose project has started and was not terminated (000 #3)', () => {
    expect(deriveValue(FIRMS, SOURCES, on('2025-03-31'))).toBe(0);
    // A (two projects, counted once) and B (terminated on 2025-08-01); C is below scale
    expect(deriveValue(FIRMS, SOURCES, on('2025-06-30'))).toBe(2);
    expect(deriveValue(FIRMS, SOURCES, on('2025-09-30'))).toBe(1);
  });

  it('counts central-fund projects from the day the bureau accepts them', () => {
    expect(deriveValue(ACCEPTED, SOURCES, on('2025-12-19'))).toBe(0);
    expect(deriveValue(ACCEPTED, SOURCES, on('2025-12-20'))).toBe(1);
  });

  it('sums locally funded tranches only, in the indicator’s unit (000 #9, 亿元)', () => {
    expect(deriveValue(LOCAL_FUNDS, SOURCES, on('2025-04-14'))).toBe(0);
    expect(deriveValue(LOCAL_FUNDS, SOURCES, on('2025-04-15'))).toBe(0.02);
    expect(deriveValue({ ...LOCAL_FUNDS, unit: '万元' }, SOURCES, on('2025-12-31'))).toBe(200);
  });

  it('counts the local matching paid on a central-fund project, net of repayments (000 #9 from the ledger; 002 §五(二))', () => {
    const base = projects.in_progress.project;
    const matched = as(base, 'P-match', A, {
      selection: base.selection?.outcome === 'selected' ? { ...base.selection, approvedAmountWan: 800, funding: [{ source: 'central', supportMethod: 'investment_subsidy', amountWan: 500 }, { source: 'local', amountWan: 300 }] } : base.selection,
      tranches: [...base.tranches, { id: 'T2', kind: 'pre_allocation', amountWan: 100, source: 'local', paidAt: '2025-05-01T02:00:00Z', by: 'finance-1' }],
      fundOrders: [{ id: 'F1', measure: 'recovery', source: 'local', amountWan: 40, reason: 'untrue_material', documentRef: 'x', documentEvidenceIds: [], orderedAt: '2025-06-01T02:00:00Z', by: 'bureau-1' }],
      repayments: [{ id: 'R1', orderId: 'F1', amountWan: 40, voucherEvidenceIds: [], paidAt: '2025-06-10T02:00:00Z', by: 'finance-1' }],
    });
    const sources = { ...SOURCES, projects: [matched] };
    expect(deriveValue({ ...LOCAL_FUNDS, unit: '万元' }, sources, on('2025-05-01'))).toBe(100);
    expect(deriveValue({ ...LOCAL_FUNDS, unit: '万元' }, sources, on('2025-06-10'))).toBe(60);
  });

  it('counts providers admitted and not yet eliminated, by kind, and their listed products', () => {
    expect(deriveValue(POOL, SOURCES, on('2025-03-09'))).toBe(4);
    expect(deriveValue(POOL, SOURCES, on('2025-03-10'))).toBe(3);
    expect(deriveValue(POOL, SOURCES, on('2024-10-19'))).toBe(0);
    expect(deriveValue({ ...POOL, derivation: 'providers_comprehensive' }, SOURCES, on('2025-12-31'))).toBe(1);
    expect(deriveValue({ ...POOL, derivation: 'providers_industry' }, SOURCES, on('2025-12-31'))).toBe(2);
    expect(deriveValue({ ...POOL, derivation: 'catalogue_products' }, SOURCES, on('2025-12-31'))).toBe(3);
  });

  it('counts accepted SMEs at the level they were accepted at (004 §三)', () => {
    const count = (derivation: IndicatorDerivation, date: string) => deriveValue({ ...POOL, derivation, unit: '家' }, SOURCES, on(date));
    expect(count('sme_transformed', '2025-05-31')).toBe(0);
    expect(count('sme_transformed', '2025-06-30')).toBe(2);
    expect([count('sme_level_2', '2025-06-30'), count('sme_level_3', '2025-06-30'), count('sme_level_4', '2025-06-30')]).toEqual([0, 2, 0]);
  });

  it('gives nothing for an indicator without a rule', () => {
    expect(deriveValue(LABOUR, SOURCES, on('2025-12-31'))).toBeUndefined();
    expect(derivedHistory(LABOUR, TECH_PILOT, SOURCES, on('2025-12-31'))).toEqual([]);
  });

  it('builds a quarterly history to the running quarter, dated as of today', () => {
    const history = derivedHistory(FIRMS, TECH_PILOT, SOURCES, at('2025-11-03T02:00:00Z'));
    expect(history).toEqual([
      { period: '2025Q1', date: '2025-03-31', value: 0 },
      { period: '2025Q2', date: '2025-06-30', value: 2 },
      { period: '2025Q3', date: '2025-09-30', value: 1 },
      { period: '2025Q4', date: '2025-11-03', value: 1 },
    ]);
    expect(derivedHistory(FIRMS, TECH_PILOT, SOURCES, at('2024-12-01T02:00:00Z'))).toEqual([]);
  });
});

describe('the indicator board', () => {
  const approved = value(value(value(undefined, 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'submit', {}, actor('data_unit'), at('2026-01-20T03:00:00Z')), 'approve', {}, actor('bureau'), at('2026-01-21T02:00:00Z'));
  const pending = value(undefined, 'save', { value: 0.7, evidenceIds: ['ev'] }, actor('operator'), at('2026-01-20T02:00:00Z'), TECH_PILOT.indicators[3], '2025');

  it('starts a derived count’s path at zero on the pilot’s first day, and a reported one at its first value', () => {
    expect(baselineFor(FIRMS, TECH_PILOT)).toEqual({ value: 0, date: '2025-01-01' });
    expect(baselineFor(LABOUR, TECH_PILOT)).toBeUndefined();
    expect(baselineFor({ ...LABOUR, baseline: { value: 150000, date: '2024-12-31' } }, TECH_PILOT)).toEqual({ value: 150000, date: '2024-12-31' });
  });

  it('shows approved values only, and what awaits review apart', () => {
    const rows = indicatorBoard(TECH_PILOT, [approved, pending], SOURCES, at('2026-02-01T02:00:00Z'));
    const labour = rows.find((row) => row.indicator.code === 'tt-04');
    const energy = rows.find((row) => row.indicator.code === 'tt-07');
    expect(labour?.history).toEqual([{ period: '2025', date: '2025-12-31', value: 168000 }]);
    expect(labour?.evaluation.status).toBe('on_track');
    expect(energy?.history).toEqual([]);
    expect(energy?.evaluation.status).toBe('no_data');
    expect(energy?.pending).toEqual([{ period: '2025', status: 'draft', value: 0.7 }]);
  });

  it('flags a derived count far behind its linear path as at risk', () => {
    const rows = indicatorBoard(TECH_PILOT, [], SOURCES, at('2026-02-01T02:00:00Z'));
    const firms = rows.find((row) => row.indicator.code === 'tt-03');
    expect(firms?.evaluation).toMatchObject({ status: 'at_risk', latest: { value: 1 } });
    expect(firms?.evaluation.reasons).toContain('behind_path');
    expect(statusCounts(rows).at_risk).toBeGreaterThan(0);
  });
});
