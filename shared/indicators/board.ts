import type { Indicator, Pilot } from '../pilots/model';
import { beijingDate } from '../projects/values';
import { derivedHistory, type DerivationSources } from './derived';
import type { ReportedValue, ValueStatus } from './model';
import { periodEnd, periodStart } from './period';
import { evaluate, INDICATOR_STATUS_LABELS, type Baseline, type Evaluation, type Point } from './progress';

/**
 * A pilot's indicators against their targets: for each, the history that counts (approved reported
 * values, or the derived quarterly series), its evaluation (progress.ts) and what is waiting for
 * review. The one builder behind the indicator route, the self-evaluation, the cross-pilot view
 * and the public snapshot, so all of them say the same thing.
 */
export interface BoardRow {
  indicator: Indicator;
  history: Point[];
  evaluation: Evaluation;
  statusLabel: string;
  /** reported values not yet approved, newest period first: for officials, never published */
  pending: Array<{ period: string; status: ValueStatus; value: number }>;
}

/** Approved reported values as dated points; a period counts once it has begun by `asOf`. */
export function approvedHistory(values: readonly ReportedValue[], code: string, asOfDay: string): Point[] {
  return values
    .filter((value) => value.code === code && value.approved !== undefined && periodStart(value.period) <= asOfDay)
    .map((value) => ({ period: value.period, date: periodEnd(value.period), value: value.approved?.value ?? 0 }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.period.localeCompare(b.period));
}

/**
 * The start of the expected path: the plan's own baseline when it states one; for a derived count
 * (≥), zero at the pilot's start, since the platform's records begin there; otherwise the first
 * value (evaluate's default).
 */
export function baselineFor(indicator: Indicator, pilot: Pick<Pilot, 'periodStart'>): Baseline | undefined {
  if (indicator.baseline) return indicator.baseline;
  if (indicator.source === 'derived' && indicator.direction === 'at_least') return { value: 0, date: pilot.periodStart };
  return undefined;
}

export function indicatorRow(pilot: Pilot, indicator: Indicator, values: readonly ReportedValue[], sources: DerivationSources, asOf: Date): BoardRow {
  const asOfDay = beijingDate(asOf);
  const history = indicator.source === 'derived' ? derivedHistory(indicator, pilot, sources, asOf) : approvedHistory(values, indicator.code, asOfDay);
  const evaluation = evaluate(indicator, history, asOf, baselineFor(indicator, pilot));
  const pending = values
    .filter((value) => value.code === indicator.code && (value.status === 'draft' || value.status === 'submitted' || value.status === 'returned'))
    .map((value) => ({ period: value.period, status: value.status, value: value.working.value }))
    .sort((a, b) => b.period.localeCompare(a.period));
  return { indicator, history, evaluation, statusLabel: INDICATOR_STATUS_LABELS[evaluation.status], pending };
}

export function indicatorBoard(pilot: Pilot, values: readonly ReportedValue[], sources: DerivationSources, asOf: Date): BoardRow[] {
  return pilot.indicators.map((indicator) => indicatorRow(pilot, indicator, values, sources, asOf));
}

/** How many indicators stand in each status: the headline of the self-evaluation and cross-pilot view. */
export function statusCounts(rows: readonly BoardRow[]): Record<Evaluation['status'], number> {
  const counts: Record<Evaluation['status'], number> = { met: 0, on_track: 0, at_risk: 0, missed: 0, no_data: 0 };
  for (const row of rows) counts[row.evaluation.status] += 1;
  return counts;
}
