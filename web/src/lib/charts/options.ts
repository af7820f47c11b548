import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber } from '../format';

/**
 * Chart options built from the same rows the tables show (lib/public/dashboard.ts), so a chart
 * never says anything its table does not. Types only from ECharts: this file stays out of the
 * chart chunk's way and can be tested without a canvas.
 */
const PALETTE = ['#0b5cad', '#1e6b33', '#b3261e', '#6a4c93', '#8a5a00'];
const AXIS_TEXT = { color: '#1b1f24', fontSize: 12 };

export interface BarDatum {
  name: string;
  value: number;
}

/** Horizontal bars, one per row (long Chinese names read better down the side than along the bottom). */
export function barOption(rows: readonly BarDatum[], options: { unit?: string; max?: number; integer?: boolean } = {}): EChartsCoreOption {
  return {
    color: PALETTE,
    animation: false,
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => `${formatNumber(Number(value))}${options.unit ?? ''}` },
    xAxis: { type: 'value', ...(options.max !== undefined ? { max: options.max } : {}), ...(options.integer ? { minInterval: 1 } : {}), axisLabel: { ...AXIS_TEXT, formatter: (value: number) => `${formatNumber(value)}${options.unit ?? ''}` } },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: { ...AXIS_TEXT, width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((row) => row.value), barMaxWidth: 22, label: { show: true, position: 'right', ...AXIS_TEXT, formatter: ({ value }: { value: number }) => `${formatNumber(value)}${options.unit ?? ''}` } }],
  };
}

export interface LinePoint {
  period: string;
  value: number;
}

/** One indicator over its reporting periods, with its target as a dashed line. */
export function lineOption(points: readonly LinePoint[], labels: { value: string; target: string }, target: number | undefined, periodLabel: (period: string) => string): EChartsCoreOption {
  const categories = points.map((point) => periodLabel(point.period));
  return {
    color: PALETTE,
    animation: false,
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, axisLabel: AXIS_TEXT },
    yAxis: { type: 'value', axisLabel: AXIS_TEXT },
    series: [
      { type: 'line', name: labels.value, data: points.map((point) => point.value), symbolSize: 8, label: { show: true, ...AXIS_TEXT } },
      ...(target !== undefined ? [{ type: 'line', name: labels.target, data: categories.map(() => target), symbol: 'none', lineStyle: { type: 'dashed' } }] : []),
    ],
  };
}

/** A bar chart's height in rem: room for each bar and the axis, so one bar is not a tall empty box. */
export function barHeight(count: number): number {
  return Math.max(7, 2.25 * count + 3.5);
}
