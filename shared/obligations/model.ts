import * as z from 'zod';
import { addDays, beijingDate } from '../calendar/dates';

/**
 * A dated obligation (DOMAIN.md "Timers"): a quarterly report or visit, a yearly review, the December
 * self-evaluation, a signing, acceptance or rectification window, a review stage's working-day window.
 * It is open until fulfilled; when its due day passes while still open, it is missed and raises
 * exactly one warning (警示) — or, for an official's review stage, one escalation (督办). Fulfilled
 * late, it still closes as fulfilled and keeps its `missedAt` and its warning.
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
  'review_stage',
  // 004 §五(二)–(三): a pilot SME's batch windows, 「改完一批，验收一批」
  'sme_transformation',
  'sme_acceptance',
  // issue 18: a data unit's quarterly report of a reported indicator (000 主要指标表 责任单位)
  'indicator_report',
]);
export type ObligationKind = z.infer<typeof ObligationKind>;

export const OBLIGATION_LABELS: Record<ObligationKind, string> = {
  quarterly_report: '季度进度报告',
  quarterly_visit: '季度走访检查',
  yearly_review: '年度审查与报告',
  self_evaluation: '年度绩效自评（12月）',
  agreement_signing: '签署项目任务书',
  acceptance_window: '验收申请',
  rectification: '限期整改',
  provider_rectification: '服务商限期整改',
  review_stage: '审核环节办理时限',
  sme_transformation: '中小企业数字化改造完成',
  sme_acceptance: '中小企业评测验收',
  indicator_report: '指标数据报送',
};

/** What the obligation is about; it decides the storage partition and who is told. */
export const SubjectType = z.enum(['project', 'pilot', 'provider', 'sme', 'indicator']);
export type SubjectType = z.infer<typeof SubjectType>;

export const SUBJECT_OF_KIND: Record<ObligationKind, SubjectType> = {
  quarterly_report: 'project',
  quarterly_visit: 'project',
  yearly_review: 'project',
  self_evaluation: 'pilot',
  agreement_signing: 'project',
  acceptance_window: 'project',
  rectification: 'project',
  provider_rectification: 'provider',
  review_stage: 'project',
  sme_transformation: 'sme',
  sme_acceptance: 'sme',
  indicator_report: 'indicator',
};

/** Who must act: the party a reminder goes to and whose miss it is. */
export const Responsible = z.enum(['enterprise', 'town', 'bureau', 'expert', 'operator', 'provider', 'data_unit']);
export type Responsible = z.infer<typeof Responsible>;

export const ReviewStage = z.enum(['preliminary_review', 'expert_organisation', 'expert_scoring', 'formal_review']);
export type ReviewStage = z.infer<typeof ReviewStage>;

export const ObligationStatus = z.enum(['open', 'fulfilled', 'missed', 'cancelled']);
export type ObligationStatus = z.infer<typeof ObligationStatus>;

/** A period names one occurrence of a kind for a subject: `2025Q3`, `2026`, `R1`, `preliminary_review.v2`. */
export const Period = z.string().regex(/^[A-Za-z0-9_.-]+$/);

export const Obligation = z.object({
  /** `<subjectId>:<kind>:<period>` — deterministic, so a retried decision or timer cannot open two */
  id: z.string().min(1),
  kind: ObligationKind,
  subjectType: SubjectType,
  subjectId: z.string().min(1),
  pilotId: z.string(),
  period: Period,
  responsible: Responsible,
  stage: ReviewStage.optional(),
  /** for an expert-scoring window: the experts who had not scored when it opened */
  holders: z.array(z.string()).optional(),
  uscc: z.string().optional(),
  town: z.string().optional(),
  /** for an indicator report: the responsible data unit (区统计局 …), whose office is told */
  dataUnit: z.string().optional(),
  /** the last day (Asia/Shanghai) on which fulfilling it is on time */
  dueDay: z.iso.date(),
  /** the due day was counted without the State Council's notice for its year (see shared/calendar) */
  provisional: z.boolean().optional(),
  status: ObligationStatus,
  openedAt: z.iso.datetime(),
  missedAt: z.iso.datetime().optional(),
  fulfilledAt: z.iso.datetime().optional(),
  fulfilledBy: z.string().optional(),
  note: z.string().optional(),
  cancelledAt: z.iso.datetime().optional(),
  cancelReason: z.string().optional(),
});
export type Obligation = z.infer<typeof Obligation>;

export function obligationId(subjectId: string, kind: ObligationKind, period: string): string {
  return `${subjectId}:${kind}:${period}`;
}

/** The parts of an obligation id; subject ids may themselves hold ':', kinds and periods never do. */
export function parseObligationId(id: string): { subjectType: SubjectType; subjectId: string; kind: ObligationKind; period: string } | undefined {
  const parts = id.split(':');
  if (parts.length < 3) return undefined;
  const period = parts.at(-1) ?? '';
  const kind = ObligationKind.safeParse(parts.at(-2));
  const subjectId = parts.slice(0, -2).join(':');
  if (!kind.success || subjectId === '' || !Period.safeParse(period).success) return undefined;
  return { subjectType: SUBJECT_OF_KIND[kind.data], subjectId, kind: kind.data, period };
}

/** A miss as a record: 警示 for a duty of the enterprise, operator, bureau or provider; 督办 for an official's review stage. */
export const Warning = z.object({
  id: z.string(),
  obligationId: z.string(),
  kind: ObligationKind,
  severity: z.enum(['warning', 'escalation']),
  subjectType: SubjectType,
  subjectId: z.string(),
  pilotId: z.string(),
  responsible: Responsible,
  uscc: z.string().optional(),
  town: z.string().optional(),
  dueDay: z.iso.date(),
  raisedAt: z.iso.datetime(),
  title: z.string(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export { addDays, beijingDate };

/**
 * The first day any obligation can fall due: the earliest pilot phase, 武清 SME plan (004) 第一阶段
 * 2024年10月. A first sweep starts here rather than a few days back, so an obligation that fell due
 * before the timer ever ran is still swept: one empty key query per day, once.
 */
export const SWEEP_EPOCH = '2024-10-01';

/**
 * The due days a sweep at `asOf` must look at: every day from the one after the last completed sweep
 * up to yesterday (an obligation due today can still be met today); a first sweep from SWEEP_EPOCH.
 */
export function daysToSweep(lastSweptDay: string | undefined, asOf: Date, firstDay = SWEEP_EPOCH): string[] {
  const yesterday = addDays(beijingDate(asOf), -1);
  let day = lastSweptDay ? addDays(lastSweptDay, 1) : firstDay;
  const days: string[] = [];
  while (day <= yesterday) {
    days.push(day);
    day = addDays(day, 1);
  }
  return days;
}

/** Days a daily job has not yet done, today included; a first run does today only. */
export function daysThroughToday(lastDoneDay: string | undefined, asOf: Date): string[] {
  const today = beijingDate(asOf);
  const days: string[] = [];
  for (let day = lastDoneDay ? addDays(lastDoneDay, 1) : today; day <= today; day = addDays(day, 1)) days.push(day);
  return days;
}
