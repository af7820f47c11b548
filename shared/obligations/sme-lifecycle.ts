import { addDays, beijingDate } from '../calendar/dates';
import type { AuditEvent } from '../projects/machine';
import { SME_BATCHES, type SmeFirm } from '../sme/model';
import type { ObligationChanges } from './lifecycle';
import { obligationId, type Obligation, type ObligationKind } from './model';
import { RESPONSIBLE } from './periods';

/**
 * A pilot SME's deadlines (004 §五(二)–(三), 「改完一批，验收一批」): its batch's transformation window
 * ends on the last day of the batch's last transformation month (第一批 2025年1月—8月, 第二批
 * 2025年12月—2026年6月) and its acceptance window on the last day of the batch's last acceptance month
 * (2025年3月—9月, 2026年3月—7月). Enrolment opens both; completing the transformation fulfils the
 * first, the bureau's acceptance the second; a withdrawal cancels what is open. A miss raises one
 * warning, to the firm (its transformation) or the bureau (its acceptance). Pure.
 */
const NONE: ObligationChanges = { open: [], fulfil: [] };
const SME_KINDS = ['sme_transformation', 'sme_acceptance'] as const satisfies readonly ObligationKind[];

/** `2025-08` → `2025-08-31`. */
export function lastDayOfMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const next = number === 12 ? `${(year ?? 0) + 1}-01-01` : `${year}-${String((number ?? 0) + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

export function smeDueDays(firm: Pick<SmeFirm, 'batch'>): Record<(typeof SME_KINDS)[number], string> {
  const batch = SME_BATCHES[firm.batch];
  return { sme_transformation: lastDayOfMonth(batch.transform.to), sme_acceptance: lastDayOfMonth(batch.acceptance.to) };
}

const period = (firm: Pick<SmeFirm, 'batch'>) => `B${firm.batch}`;

function duty(firm: SmeFirm, kind: (typeof SME_KINDS)[number]) {
  return { id: obligationId(firm.id, kind, period(firm)), subjectType: 'sme' as const, subjectId: firm.id };
}

function opened(firm: SmeFirm, kind: (typeof SME_KINDS)[number], dueDay: string, openedAt: string): Obligation {
  return {
    ...duty(firm, kind),
    kind,
    pilotId: firm.pilotId,
    period: period(firm),
    responsible: RESPONSIBLE[kind],
    uscc: firm.uscc,
    town: firm.town,
    dueDay,
    status: 'open',
    openedAt,
  };
}

export function smeObligationChanges(after: SmeFirm, event: AuditEvent): ObligationChanges {
  switch (event.action) {
    case 'enrol': {
      // A firm enrolled after its batch's window has closed has no such deadline left to keep (and
      // one already behind the sweep would never be swept): only windows still ahead are opened.
      const today = beijingDate(new Date(event.at));
      const due = smeDueDays(after);
      return { open: SME_KINDS.filter((kind) => due[kind] >= today).map((kind) => opened(after, kind, due[kind], event.at)), fulfil: [] };
    }
    case 'complete_transformation':
      return { open: [], fulfil: [duty(after, 'sme_transformation')] };
    case 'accept':
      return { open: [], fulfil: [duty(after, 'sme_acceptance')] };
    case 'withdraw':
      return { open: [], fulfil: [], cancelOpen: { kinds: SME_KINDS, reason: '企业已退出试点' } };
    default:
      return NONE;
  }
}
