import type { CrossPilotCell, CrossPilotRow, CrossPilotView, PilotColumn } from '../../../../shared/evaluation/cross-pilot';
import type { IndicatorStatus } from '../../../../shared/indicators/progress';
import { beijingDay, formatDate, formatNumber, formatPercent, formatPeriod, formatWan } from '../format';
import { label, t } from '../i18n';
import type { CsvColumn } from '../public/csv';

/**
 * The cross-pilot view (108号) as the supervisor's page shows and saves it: one row per indicator,
 * one cell per pilot, each pilot judged against its own plan's target. The table and the CSV read
 * the same cells, so what is shown and what is saved agree; nothing is summed or averaged across
 * pilots (shared/evaluation/cross-pilot.ts says why).
 */
export type { CrossPilotCell, CrossPilotRow, CrossPilotView, PilotColumn };

/** The statuses in the order the board reads them, best first; the summary's columns. */
export const STATUS_ORDER = ['met', 'on_track', 'at_risk', 'missed', 'no_data'] as const satisfies readonly IndicatorStatus[];

export function directionSymbol(direction: CrossPilotRow['direction']): '≥' | '≤' {
  return direction === 'at_most' ? '≤' : '≥';
}

/**
 * A figure in its indicator's own unit. Money stays in the unit the plan wrote its target in: an
 * indicator in 万元 goes through the app's amount formatter (亿元 from 1 亿 up), one in 亿元 stays
 * in 亿元 (tt-01 "20 亿元", not "200,000 万元"); a percentage is written without a space.
 */
export function formatFigure(value: number, unit: string): string {
  if (unit === t('crossPilot.unitWan')) return formatWan(value);
  if (unit === t('crossPilot.unitYi')) return t('format.yi', { value: formatNumber(value, 2) });
  if (unit === '%') return t('format.percent', { value: formatNumber(value) });
  return unit === '' ? formatNumber(value) : t('crossPilot.figure', { value: formatNumber(value), unit });
}

/** What one pilot's cell says, line by line (the status is the tag beside them). */
export interface CellText {
  latest: string;
  target: string;
  attainment: string;
}

export function cellText(row: Pick<CrossPilotRow, 'unit' | 'direction'>, cell: CrossPilotCell): CellText {
  return {
    latest:
      cell.latestValue === null
        ? t('crossPilot.noValue')
        : t('crossPilot.latest', { value: formatFigure(cell.latestValue, row.unit), period: cell.latestPeriod ? formatPeriod(cell.latestPeriod) : t('common.none') }),
    target: t('crossPilot.target', { direction: directionSymbol(row.direction), value: formatFigure(cell.target, row.unit), date: formatDate(cell.targetDate) }),
    attainment: t('crossPilot.attainment', { value: cell.attainment === null ? t('common.none') : formatPercent(cell.attainment) }),
  };
}

/** One line of the summary: how many of a pilot's indicators stand in each status. */
export interface PilotStatusRow {
  pilot: PilotColumn;
  counts: Record<IndicatorStatus, number>;
  total: number;
}

export function pilotStatusRows(view: Pick<CrossPilotView, 'pilots'>): PilotStatusRow[] {
  return view.pilots.map((pilot) => ({
    pilot,
    counts: pilot.indicatorStatus,
    total: STATUS_ORDER.reduce((sum, status) => sum + pilot.indicatorStatus[status], 0),
  }));
}

/** An attainment ratio as the CSV holds it: a percentage with one decimal, a plain number. */
function attainmentPercent(cell: CrossPilotCell | undefined): number | undefined {
  return cell?.attainment === null || cell?.attainment === undefined ? undefined : Math.round(cell.attainment * 1000) / 10;
}

/**
 * The table's columns for the CSV: the indicator, then for each pilot its figures as numbers in the
 * indicator's unit (the 单位 column), so a spreadsheet can compute with them. A pilot without the
 * indicator leaves its cells empty.
 */
export function crossPilotColumns(pilots: readonly PilotColumn[]): CsvColumn<CrossPilotRow>[] {
  const perPilot = pilots.flatMap((pilot): CsvColumn<CrossPilotRow>[] => {
    const cell = (row: CrossPilotRow): CrossPilotCell | undefined => row.cells[pilot.id];
    return [
      { header: t('crossPilot.csv.latest', { pilot: pilot.name }), value: (row) => cell(row)?.latestValue },
      { header: t('crossPilot.csv.period', { pilot: pilot.name }), value: (row) => cell(row)?.latestPeriod },
      { header: t('crossPilot.csv.target', { pilot: pilot.name }), value: (row) => cell(row)?.target },
      { header: t('crossPilot.csv.targetDate', { pilot: pilot.name }), value: (row) => cell(row)?.targetDate },
      { header: t('crossPilot.csv.attainment', { pilot: pilot.name }), value: (row) => attainmentPercent(cell(row)) },
      {
        header: t('crossPilot.csv.status', { pilot: pilot.name }),
        value: (row) => {
          const found = cell(row);
          return found ? label('indicatorStatus', found.status) : undefined;
        },
      },
      { header: t('crossPilot.csv.code', { pilot: pilot.name }), value: (row) => cell(row)?.code },
    ];
  });
  return [
    { header: t('crossPilot.indicator'), value: (row) => row.name },
    { header: t('crossPilot.unit'), value: (row) => row.unit },
    { header: t('crossPilot.direction'), value: (row) => directionSymbol(row.direction) },
    ...perPilot,
  ];
}

/** The download's file name, dated by the Beijing day the view was computed on. */
export function crossPilotFilename(asOf: string): string {
  const instant = new Date(asOf);
  return Number.isNaN(instant.getTime()) ? 'cross-pilot-indicators' : `cross-pilot-indicators-${beijingDay(instant)}`;
}
