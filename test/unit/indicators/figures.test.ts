import { describe, expect, it } from 'vitest';
import { aggregateRatio, combineRatioFigures, figuresFrom, SaveValueInput } from '../../../shared/indicators/figures';
import { parseInput } from '../../../shared/validation';
import { expectDomainError } from '../projects/fixtures';

/** A percentage over firms is Σnumerator ÷ Σdenominator, never the mean of the firms' percentages. */
const FIRMS = [
  { label: '大厂', numerator: 900, denominator: 1000 },
  { label: '小厂', numerator: 1, denominator: 10 },
];

describe('ratio indicators reported per firm', () => {
  it('aggregates 关键生产工序数控化率 by totals: 901 of 1010 processes, not the mean of 90% and 10%', () => {
    const { value, numerator, denominator } = aggregateRatio(FIRMS, '%');
    expect(numerator).toBe(901);
    expect(denominator).toBe(1010);
    expect(value).toBeCloseTo(89.21, 2);
    expect(value).not.toBeCloseTo((90 + 10) / 2, 0);
  });

  it('keeps a non-percentage ratio unscaled (全员劳动生产率 元/人)', () => {
    expect(aggregateRatio([{ numerator: 3_500_000, denominator: 20 }, { numerator: 500_000, denominator: 5 }], '元/人').value).toBe(160_000);
  });

  it('stores the totals and the parts with the computed value', () => {
    const figures = figuresFrom(parseInput(SaveValueInput, { parts: FIRMS, evidenceIds: ['ev-1'] }), '%');
    expect(figures).toMatchObject({ numerator: 901, denominator: 1010, parts: FIRMS, note: '', evidenceIds: ['ev-1'] });
    expect(figuresFrom(parseInput(SaveValueInput, { numerator: 3, denominator: 4 }), '%').value).toBe(75);
    expect(figuresFrom(parseInput(SaveValueInput, { value: 12.5, note: '统计快报' }), '亿元')).toEqual({ value: 12.5, note: '统计快报', evidenceIds: [] });
  });

  it('combines several returns by their totals, and refuses returns without them', () => {
    const a = figuresFrom(parseInput(SaveValueInput, { parts: [FIRMS[0]] }), '%');
    const b = figuresFrom(parseInput(SaveValueInput, { parts: [FIRMS[1]] }), '%');
    expect(combineRatioFigures([a, b], '%')).toBeCloseTo(89.21, 2);
    expect(() => combineRatioFigures([a, { value: 10, note: '', evidenceIds: [] }], '%')).toThrow(RangeError);
  });

  it('asks for exactly one way of giving the value', () => {
    expect(expectDomainError(() => parseInput(SaveValueInput, {}), 'VALIDATION_FAILED').issues).toEqual([{ path: 'value', message: '请填写数值，或分子与分母，或逐户明细，三者择一' }]);
    expectDomainError(() => parseInput(SaveValueInput, { value: 1, parts: FIRMS }), 'VALIDATION_FAILED');
    expect(expectDomainError(() => parseInput(SaveValueInput, { numerator: 1 }), 'VALIDATION_FAILED').issues[0]?.path).toBe('denominator');
    expectDomainError(() => parseInput(SaveValueInput, { parts: [{ label: '零', numerator: 1, denominator: 0 }] }), 'VALIDATION_FAILED');
  });
});
