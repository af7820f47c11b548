import { z } from 'zod';

/**
 * A dated obligation (DOMAIN.md "Timers"): a quarterly report or visit, a yearly review, the December
 * self-evaluation, a signing, acceptance or rectification window. It is open until fulfilled; when
 * its due day passes while still open, it is missed and raises exactly one warning (警示).
 */
export const ObligationKind = z.enum([
  'quarterly_report',
  'quarterly_visit',
  'yearly_review',
  'self_evaluation',
  'agreement_signing',
  'acceptance_window',
  'rectification',
  'provider_rectification',
]);
export type ObligationKind = z.infer<typeof ObligationKind>;

export const OBLIGATION_LABELS: Record<ObligationKind, string> = {
  quarterly_report: '季度进度报告',
  quarterly_visit: '季度走访',
  yearly_review: '年度评估报告',
  self_evaluation: '年度绩效自评（12月）',
  agreement_signing: '签署项目任务书',
  acceptance_window: '验收申请',
  rectification: '限期整改',
  provider_rectification: '服务商限期整改',
};

export const Obligation = z.object({
  id: z.string().min(1),
  kind: ObligationKind,
  pilotId: z.string(),
  /** what the obligation is about: a project or a provider */
  subjectId: z.string(),
  uscc: z.string().optional(),
  town: z.string().optional(),
  /** the last day (Asia/Shanghai) on which fulfilling it is on time */
  dueDay: z.iso.date(),
  status: z.enum(['open', 'fulfilled', 'missed']),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().optional(),
});
export type Obligation = z.infer<typeof Obligation>;

export const Warning = z.object({
  id: z.string(),
  obligationId: z.string(),
  kind: ObligationKind,
  pilotId: z.string(),
  subjectId: z.string(),
  uscc: z.string().optional(),
  town: z.string().optional(),
  dueDay: z.iso.date(),
  raisedAt: z.iso.datetime(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving) of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The due days a sweep at `asOf` must look at: every day from the one after the last completed sweep
 * up to yesterday (an obligation due today can still be met today). A first sweep looks back a week.
 */
export function daysToSweep(lastSweptDay: string | undefined, asOf: Date, firstLookBackDays = 7): string[] {
  const yesterday = addDays(shanghaiDay(asOf), -1);
  let day = lastSweptDay ? addDays(lastSweptDay, 1) : addDays(yesterday, -(firstLookBackDays - 1));
  const days: string[] = [];
  while (day <= yesterday) {
    days.push(day);
    day = addDays(day, 1);
  }
  return days;
}

/** The one warning a miss raises; its id derives from the obligation so it can never be raised twice. */
export function warningForMiss(obligation: Obligation, asOf: Date): Warning {
  const warning: Warning = {
    id: `W-${obligation.id}`,
    obligationId: obligation.id,
    kind: obligation.kind,
    pilotId: obligation.pilotId,
    subjectId: obligation.subjectId,
    dueDay: obligation.dueDay,
    raisedAt: asOf.toISOString(),
    message: `${OBLIGATION_LABELS[obligation.kind]}已逾期（截止 ${obligation.dueDay}）`,
  };
  if (obligation.uscc) warning.uscc = obligation.uscc;
  if (obligation.town) warning.town = obligation.town;
  return warning;
}
