import { describe, expect, it } from 'vitest';
import { attainment, evaluate, expectedAt, leastSquares, PATH_TOLERANCE, project, satisfies, type Point } from '../../../shared/indicators/progress';

/**
 * Direction-aware progress (000 主要指标表: ≥ for most, ≤ for 单位增加值能耗), the status rule and the
 * least-squares projection. Targets: 20 亿元 (≥) and 0.66 吨标准煤/万元 (≤) by 2027-12-31.
 */
const INVESTMENT = { target: 20, targetDate: '2027-12-31', direction: 'at_least' } as const;
const ENERGY = { target: 0.66, targetDate: '2027-12-31', direction: 'at_most' } as const;
const ASOF = new Date('2026-01-15T02:00:00Z');
const point = (period: string, date: string, value: number): Point => ({ period, date, value });

describe('direction', () => {
  it.each([
    ['at_least', 20, 20, true],
    ['at_least', 19.99, 20, false],
    ['at_most', 0.66, 0.66, true],
    ['at_most', 0.67, 0.66, false],
    ['at_most', 0.5, 0.66, true],
  ] as const)('%s: %d against %d is met = %s', (direction, value, target, met) => {
    expect(satisfies(direction, value, target)).toBe(met);
  });

  it('measures attainment as value ÷ target for ≥ and target ÷ value for ≤', () => {
    expect(attainment('at_least', 15, 20)).toBe(0.75);
    expect(attainment('at_most', 0.8, 0.66)).toBeCloseTo(0.825);
    expect(attainment('at_most', 0, 0.66)).toBe(1);
    expect(attainment('at_least', 5, 0)).toBe(1);
  });
});

describe('the linear expected path', () => {
  const base = { value: 10, date: '2025-01-01' };
  it('runs from the baseline to the target at the target date', () => {
    expect(expectedAt(base, 20, '2027-01-01', '2025-01-01')).toBe(10);
    expect(expectedAt(base, 20, '2027-01-01', '2026-01-01')).toBeCloseTo(14.99, 1);
    expect(expectedAt(base, 20, '2027-01-01', '2027-01-01')).toBe(20);
  });

  it('is flat at the target after the target date and at the baseline before it', () => {
    expect(expectedAt(base, 20, '2027-01-01', '2030-01-01')).toBe(20);
    expect(expectedAt(base, 20, '2027-01-01', '2024-01-01')).toBe(10);
    expect(expectedAt({ value: 10, date: '2028-01-01' }, 20, '2027-01-01', '2026-01-01')).toBe(20);
  });

  it('falls for a ≤ indicator', () => {
    expect(expectedAt({ value: 0.9, date: '2025-01-01' }, 0.66, '2027-01-01', '2026-01-01')).toBeCloseTo(0.78, 2);
  });
});

describe('least squares', () => {
  it('fits a line exactly through collinear points', () => {
    const fit = leastSquares([point('2024', '2024-12-31', 4), point('2025', '2025-12-31', 8)]);
    expect(fit?.slopePerYear).toBeCloseTo(4 * (365.25 / 365), 6);
    expect(fit?.at('2025-12-31')).toBeCloseTo(8, 6);
  });

  it('needs two distinct dates', () => {
    expect(leastSquares([point('2025', '2025-12-31', 4)])).toBeUndefined();
    expect(leastSquares([point('2025', '2025-12-31', 4), point('2025Q4', '2025-12-31', 5)])).toBeUndefined();
  });

  it('averages out noise instead of following the last two points', () => {
    const fit = leastSquares([point('Q1', '2025-03-31', 1), point('Q2', '2025-06-30', 3), point('Q3', '2025-09-30', 2), point('Q4', '2025-12-31', 4)]);
    expect(fit?.slopePerYear).toBeGreaterThan(3);
    expect(fit?.slopePerYear).toBeLessThan(5);
  });

  it('projects the trend to the target date and the day it reaches the target', () => {
    const projection = project(INVESTMENT, [point('2024', '2024-12-31', 4), point('2025', '2025-12-31', 8)]);
    expect(projection?.willMeet).toBe(false);
    expect(projection?.atTargetDate).toBeCloseTo(16, 1);
    expect(projection?.reachesTargetOn?.slice(0, 4)).toBe('2028');
    const falling = project(ENERGY, [point('2024', '2024-12-31', 0.9), point('2025', '2025-12-31', 0.8)]);
    expect(falling?.willMeet).toBe(true);
    expect(falling?.reachesTargetOn?.slice(0, 7)).toBe('2027-05');
  });

  it('names no day when the trend moves away from the target', () => {
    expect(project(ENERGY, [point('2024', '2024-12-31', 0.8), point('2025', '2025-12-31', 0.9)])?.reachesTargetOn).toBeNull();
  });
});

describe('the status rule', () => {
  it('has no data without values', () => {
    expect(evaluate(INVESTMENT, [], ASOF)).toMatchObject({ status: 'no_data', latest: null, attainment: null });
  });

  it('is met once the latest value satisfies the target, in either direction', () => {
    expect(evaluate(INVESTMENT, [point('2025', '2025-12-31', 21)], ASOF).status).toBe('met');
    expect(evaluate(ENERGY, [point('2025', '2025-12-31', 0.6)], ASOF).status).toBe('met');
  });

  it('reads a high energy intensity as behind, not ahead', () => {
    const evaluation = evaluate(ENERGY, [point('2025', '2025-12-31', 0.95)], ASOF, { value: 0.9, date: '2025-01-01' });
    expect(evaluation.status).toBe('at_risk');
    expect(evaluation.reasons).toEqual(['behind_path']);
  });

  it('is on track when within the tolerance of the expected path and trending to the target', () => {
    const baseline = { value: 0, date: '2025-01-01' };
    const onPath = (date: string) => expectedAt(baseline, 20, INVESTMENT.targetDate, date) + 0.2;
    const history = [point('2025Q2', '2025-06-30', onPath('2025-06-30')), point('2025', '2025-12-31', onPath('2025-12-31'))];
    expect(evaluate(INVESTMENT, history, ASOF, baseline)).toMatchObject({ status: 'on_track', reasons: [] });
    const slightlyBehind = [point('2025', '2025-12-31', onPath('2025-12-31') - 0.2 - 20 * PATH_TOLERANCE * 0.9)];
    expect(evaluate(INVESTMENT, slightlyBehind, ASOF, baseline).status).toBe('on_track');
  });

  it('is at risk when further behind the path than the tolerance', () => {
    const baseline = { value: 0, date: '2025-01-01' };
    const expected = expectedAt(baseline, 20, INVESTMENT.targetDate, '2025-12-31');
    const evaluation = evaluate(INVESTMENT, [point('2025', '2025-12-31', expected - 20 * PATH_TOLERANCE * 1.1)], ASOF, baseline);
    expect(evaluation.status).toBe('at_risk');
    expect(evaluation.reasons).toContain('behind_path');
  });

  it('says early that a flattening trend will miss, even while the latest value is on the path', () => {
    const baseline = { value: 0, date: '2025-01-01' };
    // fast start, then a stall: the latest value is still ahead of the path, the trend is not
    const history = [point('2025Q1', '2025-03-31', 6), point('2025Q2', '2025-06-30', 6.5), point('2025Q3', '2025-09-30', 6.8), point('2025Q4', '2025-12-31', 7)];
    const evaluation = evaluate(INVESTMENT, history, ASOF, baseline);
    expect(evaluation.expected).toBeLessThan(7);
    expect(evaluation).toMatchObject({ status: 'at_risk', reasons: ['trend_misses'] });
    expect(evaluation.projection?.willMeet).toBe(false);
  });

  it('takes the first value as the baseline when the plan states none', () => {
    const evaluation = evaluate(INVESTMENT, [point('2025', '2025-12-31', 12)], ASOF);
    expect(evaluation).toMatchObject({ status: 'on_track', baseline: { value: 12, date: '2025-12-31' }, expected: 12, projection: null });
  });

  it('is missed after the target date without the target', () => {
    expect(evaluate(INVESTMENT, [point('2027', '2027-12-31', 19)], new Date('2028-01-02T00:00:00Z')).status).toBe('missed');
    expect(evaluate(INVESTMENT, [point('2027', '2027-12-31', 19)], new Date('2027-12-31T15:00:00Z')).status).not.toBe('missed');
  });

  it('sorts the history by date before taking the latest', () => {
    const evaluation = evaluate(INVESTMENT, [point('2025', '2025-12-31', 10), point('2024', '2024-12-31', 5)], ASOF);
    expect(evaluation.latest?.period).toBe('2025');
  });
});
