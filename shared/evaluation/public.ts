import type { BoardRow } from '../indicators/board';
import { RISK_REASON_LABELS } from '../indicators/progress';
import type { Provider } from '../providers/model';
import { catalogue, poolCounts, publicProvider, type PublicProvider } from '../providers/views';
import type { IndicatorValue, PublicEvaluation } from '../public/snapshot';

/**
 * What the evaluations add to a pilot's public snapshot: each indicator's approved or derived
 * history with its evaluation (never values awaiting review), and the provider pool with its
 * catalogue through the public views (no materials, financial statements or contacts).
 */
export function publicEvaluationExtras(board: readonly BoardRow[], providers: readonly Provider[]) {
  const indicatorValues: Record<string, IndicatorValue[]> = {};
  const evaluations: Record<string, PublicEvaluation> = {};
  for (const { indicator, history, evaluation, statusLabel } of board) {
    indicatorValues[indicator.code] = history.map(({ period, value }) => ({ period, value }));
    evaluations[indicator.code] = {
      status: evaluation.status,
      statusLabel,
      attainment: evaluation.attainment,
      expected: evaluation.expected,
      reasons: evaluation.reasons.map((reason) => RISK_REASON_LABELS[reason]),
      projectedAtTargetDate: evaluation.projection?.atTargetDate ?? null,
      reachesTargetOn: evaluation.projection?.reachesTargetOn ?? null,
    };
  }
  const counts = poolCounts(providers);
  const list = providers.map(publicProvider).filter((view): view is PublicProvider => view !== undefined);
  return {
    indicatorValues,
    evaluations,
    admittedProviders: counts.inPool,
    providerPool: { comprehensive: counts.comprehensive, industry: counts.industry, list },
    catalogue: catalogue(providers),
  };
}
