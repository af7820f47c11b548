import type { Indicator } from '../pilots/model';
import { beijingDate } from '../projects/values';

/**
 * Where an indicator stands against its target (000 主要指标表; 004 §三 目标), respecting its direction:
 * ≥ for most, ≤ where lower is better (规上工业单位增加值能耗). The rule, in order:
 *
 * 1. no value yet → `no_data`;
 * 2. the latest value already satisfies the target (≥ or ≤) → `met`;
 * 3. the target date has passed without that → `missed`;
 * 4. otherwise the latest value is compared with the linear expected path from the baseline to the
 *    target at the target date: falling short of it by more than PATH_TOLERANCE of the whole distance
 *    is `behind_path`; a least-squares line through the history (two or more dated values) that
 *    does not reach the target by the target date is `trend_misses`. Either makes it `at_risk`, so a
 *    projected miss is said years early even while the latest value still looks on the path;
 * 5. else `on_track`.
 *
 * Pure: the dates of the values and `asOf` are parameters.
 */
export type IndicatorStatus = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data';
export type RiskReason = 'behind_path' | 'trend_misses';

export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
  met: '已达标',
  on_track: '进度正常',
  at_risk: '存在风险',
  missed: '未按期达标',
  no_data: '暂无数据',
};

export const RISK_REASON_LABELS: Record<RiskReason, string> = {
  behind_path: '低于按期达标的预期进度',
  trend_misses: '按当前趋势到期无法达标',
};

/** How far below the expected path (as a share of the baseline-to-target distance) still counts as on track. */
export const PATH_TOLERANCE = 0.1;

export interface Point {
  period: string;
  /** the day the value is plotted at: its period's last day, or the as-of day for a partial period */
  date: string;
  value: number;
}

export interface Baseline {
  value: number;
  date: string;
}

export interface Projection {
  /** change per year of the fitted line */
  slopePerYear: number;
  /** the fitted line's value at the target date */
  atTargetDate: number;
  willMeet: boolean;
  /** the day the line reaches the target, when it does (and has not already) */
  reachesTargetOn: string | null;
}

export interface Evaluation {
  status: IndicatorStatus;
  reasons: RiskReason[];
  latest: Point | null;
  /** latest ÷ target for ≥, target ÷ latest for ≤; 1 means met (not capped) */
  attainment: number | null;
  /** the expected path's value at the latest value's date */
  expected: number | null;
  baseline: Baseline | null;
  projection: Projection | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_DAYS = 365.25;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

export function satisfies(direction: Indicator['direction'], value: number, target: number): boolean {
  return direction === 'at_most' ? value <= target : value >= target;
}

export function attainment(direction: Indicator['direction'], value: number, target: number): number {
  if (direction === 'at_most') return value <= 0 ? 1 : target / value;
  return target === 0 ? 1 : value / target;
}

/** The linear expected path from the baseline to the target at the target date, read at `date`. */
export function expectedAt(baseline: Baseline, target: number, targetDate: string, date: string): number {
  const span = dayNumber(targetDate) - dayNumber(baseline.date);
  if (span <= 0) return target;
  const share = Math.min(1, Math.max(0, (dayNumber(date) - dayNumber(baseline.date)) / span));
  return baseline.value + (target - baseline.value) * share;
}

/** Ordinary least squares of value on time (in years); undefined with fewer than two distinct dates. */
export function leastSquares(points: readonly Point[]): { slopePerYear: number; at: (date: string) => number } | undefined {
  if (new Set(points.map((point) => point.date)).size < 2) return undefined;
  const origin = dayNumber(points[0]?.date ?? '1970-01-01');
  const xs = points.map((point) => (dayNumber(point.date) - origin) / YEAR_DAYS);
  const ys = points.map((point) => point.value);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, index) => {
    sxy += (x - meanX) * ((ys[index] ?? 0) - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  return { slopePerYear: slope, at: (date: string) => intercept + slope * ((dayNumber(date) - origin) / YEAR_DAYS) };
}

/** Projects the history's trend to the target date. */
export function project(indicator: Pick<Indicator, 'target' | 'targetDate' | 'direction'>, points: readonly Point[]): Projection | null {
  const fit = leastSquares(points);
  if (!fit) return null;
  const atTargetDate = fit.at(indicator.targetDate);
  const willMeet = satisfies(indicator.direction, atTargetDate, indicator.target);
  const latest = points.at(-1);
  let reachesTargetOn: string | null = null;
  const movingRightWay = indicator.direction === 'at_most' ? fit.slopePerYear < 0 : fit.slopePerYear > 0;
  if (latest && movingRightWay && !satisfies(indicator.direction, latest.value, indicator.target)) {
    const origin = dayNumber(points[0]?.date ?? latest.date);
    const intercept = fit.at(dateOf(origin));
    const years = (indicator.target - intercept) / fit.slopePerYear;
    reachesTargetOn = dateOf(origin + years * YEAR_DAYS);
  }
  return { slopePerYear: fit.slopePerYear, atTargetDate, willMeet, reachesTargetOn };
}

/** Evaluates an indicator from its dated values (any order) as of `asOf`. */
export function evaluate(
  indicator: Pick<Indicator, 'target' | 'targetDate' | 'direction'>,
  history: readonly Point[],
  asOf: Date,
  baseline?: Baseline,
): Evaluation {
  const points = [...history].sort((a, b) => a.date.localeCompare(b.date));
  const latest = points.at(-1) ?? null;
  const base = baseline ?? (points[0] ? { value: points[0].value, date: points[0].date } : null);
  if (latest === null || base === null) {
    return { status: 'no_data', reasons: [], latest: null, attainment: null, expected: null, baseline: base, projection: null };
  }
  const { target, targetDate, direction } = indicator;
  const projection = project(indicator, points);
  const expected = expectedAt(base, target, targetDate, latest.date);
  const result = { latest, attainment: attainment(direction, latest.value, target), expected, baseline: base, projection };
  if (satisfies(direction, latest.value, target)) return { status: 'met', reasons: [], ...result };
  if (beijingDate(asOf) > targetDate) return { status: 'missed', reasons: [], ...result };
  const distance = Math.abs(target - base.value);
  const shortfall = direction === 'at_most' ? latest.value - expected : expected - latest.value;
  const reasons: RiskReason[] = [];
  if (distance === 0 ? shortfall > 0 : shortfall / distance > PATH_TOLERANCE) reasons.push('behind_path');
  if (projection && !projection.willMeet) reasons.push('trend_misses');
  return { status: reasons.length > 0 ? 'at_risk' : 'on_track', reasons, ...result };
}
