import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The chart code, in its own chunk: loaded only by ChartPanel, after the page already shows its
 * numbers. Only the parts the dashboards use are registered (ECharts core + line and bar, grid and
 * tooltip, the canvas renderer), not the full build.
 */
use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartHandle {
  update(option: EChartsCoreOption): void;
  resize(): void;
  dispose(): void;
}

/** Draws `option` into `element`; `onrendered` fires once the first frame is painted. */
export function drawChart(element: HTMLElement, option: EChartsCoreOption, onrendered: () => void): ChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas', locale: 'ZH' });
  chart.on('finished', onrendered);
  chart.setOption(option);
  return {
    update: (next) => chart.setOption(next, { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
