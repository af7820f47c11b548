import type { FieldIssue } from '../../../../shared/errors';
import type { Obligation } from '../../../../shared/obligations/model';
import { FulfilInput, MANUAL_FULFILMENT } from '../../../../shared/obligations/requests';
import type { Principal } from '../../../../shared/roles';
import { fieldIssues } from '../../../../shared/validation';
import { formatPeriod } from '../format';
import { t } from '../i18n';

/**
 * Which of a project's obligations this user may record as done by hand, and the check of the
 * record: the same table and schema the fulfil route uses (shared/obligations/requests.ts).
 */
export function canRecord(obligation: Obligation, principal: Pick<Principal, 'roles' | 'pilot'> | null | undefined): boolean {
  const roles = MANUAL_FULFILMENT[obligation.kind];
  if (!roles || !principal || principal.pilot !== obligation.pilotId) return false;
  if (obligation.status !== 'open' && obligation.status !== 'missed') return false;
  return principal.roles.some((role) => roles.includes(role));
}

export function checkFulfil(note: string): FieldIssue[] {
  const result = FulfilInput.safeParse({ note });
  return result.success ? [] : fieldIssues(result.error);
}

/**
 * The period as people say it: a quarter or a year as stored (2025Q3, 2025), a provider's order by
 * its number within its pool (stored `<pilot>.R1`, shared/obligations/periods.ts), an SME's batch
 * (stored `B1`, shared/obligations/sme-lifecycle.ts).
 */
export function periodLabel(obligation: Pick<Obligation, 'kind' | 'period'>): string {
  if (obligation.kind === 'provider_rectification') {
    const order = /R(\d+)$/.exec(obligation.period);
    return order ? t('obligations.periodOrder', { n: order[1] ?? '' }) : obligation.period;
  }
  if (obligation.kind === 'sme_transformation' || obligation.kind === 'sme_acceptance') {
    const batch = /^B(\d+)$/.exec(obligation.period);
    return batch ? t('obligations.periodBatch', { n: batch[1] ?? '' }) : obligation.period;
  }
  if (obligation.kind === 'review_stage') {
    // Stored `<stage>`, `<stage>.v<n>` (the application version under review) or `<stage>.A<n>` (the acceptance round).
    const entry = /\.(?:v(\d+)|A(\d+))$/.exec(obligation.period);
    if (entry?.[1]) return t('obligations.periodVersion', { n: entry[1] });
    if (entry?.[2]) return t('obligations.periodRound', { n: entry[2] });
    return /^[a-z_]+$/.test(obligation.period) ? t('common.none') : obligation.period;
  }
  // Quarters and years as people write them (2025年第3季度), never the stored code (issue 14 §3).
  return formatPeriod(obligation.period);
}
