import * as z from 'zod';
import type { FieldIssue } from '../errors';
import { beijingDate, EvidenceId, IsoDate, Line, Text, Wan, sumWan, toCents } from './values';

/** The application form (滨海 §三(五)2), kept apart so drafts, submissions and change requests share it. */

export const BudgetKind = z.enum(['equipment', 'software', 'service', 'construction', 'other']);
export type BudgetKind = z.infer<typeof BudgetKind>;

export const Milestone = z.strictObject({ name: Line(100), due: IsoDate });
export type Milestone = z.infer<typeof Milestone>;

export const BudgetItem = z.strictObject({ kind: BudgetKind, amountWan: Wan });
export type BudgetItem = z.infer<typeof BudgetItem>;

export const PerformanceIndicator = z.strictObject({ name: Line(100), unit: Line(20), target: z.number().finite() });
export type PerformanceIndicator = z.infer<typeof PerformanceIndicator>;

/**
 * 滨海 §三(五)2: 项目实施方案及计划、经费使用计划、绩效指标表 plus uploaded materials. A draft may be
 * incomplete; `applicationIssues` says what a submission still lacks.
 */
export const Application = z.strictObject({
  implementationPlan: z.string().max(20_000),
  milestones: z.array(Milestone).max(60),
  budget: z
    .array(BudgetItem)
    .max(BudgetKind.options.length)
    .refine((items) => new Set(items.map((item) => item.kind)).size === items.length, { error: '每类投资只填一行' }),
  fundRequestedWan: Wan,
  indicators: z.array(PerformanceIndicator).max(50),
  evidenceIds: z.array(EvidenceId).max(200),
});
export type Application = z.infer<typeof Application>;

export const EMPTY_APPLICATION: Application = {
  implementationPlan: '',
  milestones: [],
  budget: [],
  fundRequestedWan: 0,
  indicators: [],
  evidenceIds: [],
};

/**
 * What a submission still lacks; empty when the application is complete. The plan's milestones must
 * be in order and none already past on the day of submission (`now`, Beijing calendar): a plan whose
 * first node lies behind it cannot be monitored against (issue 12).
 */
export function applicationIssues(application: Application, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const missing = (path: string, message: string) => issues.push({ path: `application.${path}`, message });
  if (application.implementationPlan.trim().length === 0) missing('implementationPlan', '请填写项目实施方案');
  if (application.milestones.length === 0) missing('milestones', '请填写实施计划（至少一个节点）');
  issues.push(...milestoneIssues(application.milestones, beijingDate(now)));
  if (application.budget.length === 0) missing('budget', '请填写经费使用计划');
  if (application.indicators.length === 0) missing('indicators', '请填写绩效指标表');
  if (application.fundRequestedWan <= 0) missing('fundRequestedWan', '请填写申请支持金额');
  const total = sumWan(application.budget.map((item) => item.amountWan));
  if (toCents(application.fundRequestedWan) > toCents(total)) missing('fundRequestedWan', '申请支持金额不能超过总投资');
  return issues;
}

/** Milestones not before the one above them, and none before `today` (YYYY-MM-DD). */
export function milestoneIssues(milestones: readonly Pick<Milestone, 'due'>[], today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  milestones.forEach((milestone, index) => {
    const path = `application.milestones.${String(index)}.due`;
    const previous = milestones[index - 1];
    if (milestone.due < today) issues.push({ path, message: `节点日期已过（今天是 ${today}），请修改实施计划` });
    else if (previous && milestone.due < previous.due) issues.push({ path, message: `节点日期不能早于上一节点（${previous.due}）` });
  });
  return issues;
}
