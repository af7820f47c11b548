import { describe, expect, it } from 'vitest';
import { barHeight, barOption, lineOption } from '../../../web/src/lib/charts/options';
import { formatPeriod } from '../../../web/src/lib/format';

describe('chart options built from the tables’ rows', () => {
  it('draws one bar per row, in the table’s order, labelled with its value', () => {
    const option = barOption([{ name: '公示中', value: 2 }, { name: '实施中', value: 5 }], { integer: true }) as {
      yAxis: { data: string[] };
      xAxis: { minInterval?: number };
      series: Array<{ data: number[] }>;
    };
    expect(option.yAxis.data).toEqual(['公示中', '实施中']);
    expect(option.series[0]?.data).toEqual([2, 5]);
    expect(option.xAxis.minInterval).toBe(1);
    expect(barHeight(1)).toBeLessThan(barHeight(11));
  });

  it('draws an indicator over its periods with its target as a second line', () => {
    const option = lineOption([{ period: '2025Q1', value: 3 }, { period: '2025Q2', value: 6 }], { value: '数值', target: '目标值' }, 20, formatPeriod) as {
      xAxis: { data: string[] };
      series: Array<{ name: string; data: number[] }>;
    };
    expect(option.xAxis.data).toEqual(['2025年第1季度', '2025年第2季度']);
    expect(option.series.map((series) => [series.name, series.data])).toEqual([['数值', [3, 6]], ['目标值', [20, 20]]]);
  });
});
