import type { ReportedValue } from '../indicators/model';
import type { AuditEvent } from '../projects/machine';
import type { ObligationChanges } from './lifecycle';
import { obligationId } from './model';
import { indicatorSubjectId } from './periods';

/**
 * Issue 18: what an indicator value's step does to its data unit's reporting deadline
 * (periods.ts `indicatorReport`). Submitting a quarter's value fulfils that quarter's report;
 * submitting a year's value fulfils its fourth quarter (the year-end return). A report not opened
 * (an indicator without a responsible unit, a quarter outside the pilot) is simply not there to
 * fulfil: the planner skips what is not stored. Pure.
 */
export function indicatorObligationChanges(after: Pick<ReportedValue, 'pilotId' | 'code' | 'period'>, event: Pick<AuditEvent, 'action'>): ObligationChanges {
  if (event.action !== 'submit') return { open: [], fulfil: [] };
  const quarter = /^\d{4}Q[1-4]$/.test(after.period) ? after.period : /^\d{4}$/.test(after.period) ? `${after.period}Q4` : undefined;
  if (quarter === undefined) return { open: [], fulfil: [] };
  const subjectId = indicatorSubjectId(after.pilotId, after.code);
  return { open: [], fulfil: [{ id: obligationId(subjectId, 'indicator_report', quarter), subjectType: 'indicator', subjectId }] };
}
