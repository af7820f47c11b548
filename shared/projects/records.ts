import * as z from 'zod';
import { BudgetKind, Milestone, PerformanceIndicator } from './application';
import { CentralFundingElsewhere, Funding, SupportMethod, SupportSource } from '../funds/model';
import { EvidenceId, Id, IsoDate, IsoDateTime, Line, PositiveWan, Subject, Text, Wan } from './values';

/** The histories a project accumulates, one schema per kind of record (滨海 §三(五)3–10). */

export const PreliminaryReview = z.object({
  applicationVersion: z.number().int().min(1),
  outcome: z.enum(['recommended', 'returned']),
  recommendation: z.string().optional(),
  comments: z.string(),
  reviewedAt: IsoDateTime,
  by: Subject,
});
export type PreliminaryReview = z.infer<typeof PreliminaryReview>;

/** One criterion of the guide's rubric; weights are percentages and sum to 100. */
export const RubricCriterion = z.strictObject({ id: Id, name: Line(100), weight: z.number().int().min(1).max(100) });
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export const Rubric = z
  .array(RubricCriterion)
  .min(1)
  .max(20)
  .refine((rubric) => new Set(rubric.map((criterion) => criterion.id)).size === rubric.length, { error: '评分项编号重复' })
  .refine((rubric) => rubric.reduce((sum, criterion) => sum + criterion.weight, 0) === 100, { error: '各评分项权重之和须为 100' });
export type Rubric = z.infer<typeof Rubric>;

export const CriterionScore = z.strictObject({ criterionId: Id, score: z.number().min(0).max(100) });
export type CriterionScore = z.infer<typeof CriterionScore>;

export const ExpertAssignment = z.object({
  subject: Subject,
  name: z.string(),
  assignedAt: IsoDateTime,
  declaration: z.object({ hasConflict: z.boolean(), statement: z.string(), declaredAt: IsoDateTime }).optional(),
  score: z
    .object({ criterionScores: z.array(CriterionScore), total: z.number(), comments: z.string(), submittedAt: IsoDateTime })
    .optional(),
});
export type ExpertAssignment = z.infer<typeof ExpertAssignment>;

/** A random draw the panel came from (专家随机抽取): seed, candidates and result, so it can be re-run. */
export const RecordedExpertDraw = z.object({
  seed: z.string(),
  count: z.number().int(),
  field: z.string().optional(),
  candidates: z.array(z.string()),
  drawn: z.array(z.string()),
  drawnAt: IsoDateTime,
});
export type RecordedExpertDraw = z.infer<typeof RecordedExpertDraw>;

export const ExpertPanel = z.object({ rubric: Rubric, assignments: z.array(ExpertAssignment), draws: z.array(RecordedExpertDraw).optional() });
export type ExpertPanel = z.infer<typeof ExpertPanel>;

export const Selection = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('selected'),
    approvedAmountWan: Wan,
    panelScore: z.number(),
    needsModeration: z.boolean(),
    comments: z.string(),
    decidedAt: IsoDateTime,
    by: Subject,
    confirmedAt: IsoDateTime.optional(),
    /** the approved amount by source (003 §二(五)); absent on selections made before sources were kept */
    funding: Funding.optional(),
    /** 003 §二(二) 不得重复安排中央财政资金: central funds the enterprise already holds elsewhere, flagged here */
    centralFundingElsewhere: z.array(CentralFundingElsewhere).optional(),
  }),
  z.object({ outcome: z.literal('declined'), reason: z.string(), decidedAt: IsoDateTime, by: Subject }),
]);
export type Selection = z.infer<typeof Selection>;

export const Objection = z.object({
  id: Id,
  text: z.string(),
  receivedAt: IsoDateTime,
  recordedBy: Subject,
  answer: z.string().optional(),
  answeredAt: IsoDateTime.optional(),
  answeredBy: Subject.optional(),
});
export type Objection = z.infer<typeof Objection>;

/** 公示: from the selection instant through `end`, a Beijing calendar day (inclusive). */
export const PublicNotice = z.object({ start: IsoDateTime, end: IsoDate, days: z.number().int(), objections: z.array(Objection) });
export type PublicNotice = z.infer<typeof PublicNotice>;

// 滨海 §三(五)5: 在规定的时间内与区工业和信息化局签署项目任务书
export const Agreement = z.object({ deadline: IsoDate, signedAt: IsoDateTime.optional(), evidenceId: EvidenceId.optional() });
export type Agreement = z.infer<typeof Agreement>;

// 滨海 §三(五)6: 经区工业和信息化局党组会审议后，下达项目资金计划
export const FundPlan = z.object({
  issuedAt: IsoDateTime,
  meetingRef: z.string(),
  preAllocationWan: Wan,
  remainderWan: Wan,
  by: Subject,
  /** the plan's money by source, as approved (003 §二(五)); absent on plans issued before sources were kept */
  funding: Funding.optional(),
});
export type FundPlan = z.infer<typeof FundPlan>;

export const TrancheKind = z.enum(['pre_allocation', 'remainder']);
export type TrancheKind = z.infer<typeof TrancheKind>;

export const Tranche = z.object({
  id: Id,
  kind: TrancheKind,
  amountWan: PositiveWan,
  paidAt: IsoDateTime,
  reference: z.string().optional(),
  by: Subject,
  /** which approved line it pays (003 §二(五) 单独核算); absent on tranches recorded before sources were kept */
  source: SupportSource.optional(),
  supportMethod: SupportMethod.optional(),
  /** the finance bureau's payment vouchers (拨款凭证) */
  voucherEvidenceIds: z.array(EvidenceId).optional(),
});
export type Tranche = z.infer<typeof Tranche>;

// 滨海 §三(五)7: 及时上传项目现场图片、发票等佐证材料，并反馈项目建设进度
export const ProgressReport = z.object({
  id: Id,
  period: z.string(),
  summary: z.string(),
  percentComplete: z.number(),
  investedWan: Wan,
  evidenceIds: z.array(EvidenceId),
  reportedAt: IsoDateTime,
  by: Subject,
});
export type ProgressReport = z.infer<typeof ProgressReport>;

// 滨海 §三(五)8: 不定期组织专家现场抽查核验
export const SpotCheck = z.object({
  id: Id,
  checkedOn: IsoDate,
  inspectors: z.array(z.string()),
  drawSeed: z.string().optional(),
  outcome: z.enum(['conforming', 'issues_found']),
  findings: z.string(),
  evidenceIds: z.array(EvidenceId),
  recordedAt: IsoDateTime,
  by: Subject,
});
export type SpotCheck = z.infer<typeof SpotCheck>;

// 滨海 §三(五)8: 对项目不实、实施进度滞后、成效不佳的改造项目提出警示
export const WarningCategory = z.enum(['untrue', 'late', 'ineffective', 'other']);
export const Warning = z.object({
  id: Id,
  category: WarningCategory,
  reason: z.string(),
  issuedAt: IsoDateTime,
  issuedBy: Subject,
  clearedAt: IsoDateTime.optional(),
  clearNote: z.string().optional(),
  clearedBy: Subject.optional(),
});
export type Warning = z.infer<typeof Warning>;

export const BudgetMove = z
  .strictObject({ from: BudgetKind, to: BudgetKind, amountWan: PositiveWan })
  .refine((move) => move.from !== move.to, { error: '调出与调入科目不能相同', path: ['to'] });
export type BudgetMove = z.infer<typeof BudgetMove>;

/** What a change request asks for; approval applies it to the application (except termination). */
export const ChangeDetails = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('schedule'), milestones: z.array(Milestone).min(1).max(60) }),
  z.strictObject({
    kind: z.literal('scope'),
    implementationPlan: Text(20_000),
    indicators: z.array(PerformanceIndicator).min(1).max(50).optional(),
  }),
  z.strictObject({ kind: z.literal('budget'), moves: z.array(BudgetMove).min(1).max(10) }),
  z.strictObject({ kind: z.literal('termination') }),
]);
export type ChangeDetails = z.infer<typeof ChangeDetails>;

export const ChangeRequest = z.object({
  id: Id,
  reason: z.string(),
  details: ChangeDetails,
  requestedAt: IsoDateTime,
  requestedBy: Subject,
  decision: z
    .object({ outcome: z.enum(['approved', 'rejected']), comments: z.string(), decidedAt: IsoDateTime, by: Subject })
    .optional(),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

// 滨海 §三(五)9: 项目成效自评总结材料、方案、合同、发票和银行付款凭证等验收材料
export const AcceptanceMaterials = z.strictObject({
  selfEvaluationIds: z.array(EvidenceId).max(50).default([]),
  planIds: z.array(EvidenceId).max(50).default([]),
  contractIds: z.array(EvidenceId).max(200).default([]),
  invoiceIds: z.array(EvidenceId).max(500).default([]),
  paymentVoucherIds: z.array(EvidenceId).max(500).default([]),
  otherIds: z.array(EvidenceId).max(200).default([]),
});
export type AcceptanceMaterials = z.infer<typeof AcceptanceMaterials>;

/** One pass through acceptance: request → 形式审查 → 验收测评 → 审定. A rectification starts the next. */
export const AcceptanceRound = z.object({
  id: Id,
  requestedAt: IsoDateTime,
  requestedBy: Subject,
  summary: z.string(),
  materials: AcceptanceMaterials,
  formalReview: z
    .object({ outcome: z.enum(['passed', 'returned']), comments: z.string(), reviewedAt: IsoDateTime, by: Subject })
    .optional(),
  assessment: z
    .object({
      conclusion: z.enum(['pass', 'fail']),
      summary: z.string(),
      reportEvidenceId: EvidenceId,
      indicatorResults: z.array(z.object({ name: z.string(), achieved: z.number() })),
      assessedAt: IsoDateTime,
      by: Subject,
    })
    .optional(),
  decision: z
    .object({ outcome: z.enum(['accepted', 'rectification']), comments: z.string(), decidedAt: IsoDateTime, by: Subject })
    .optional(),
});
export type AcceptanceRound = z.infer<typeof AcceptanceRound>;

// 滨海 §三(五)10: 验收不通过的……督促企业限期整改
export const Rectification = z.object({ id: Id, roundId: Id, reasons: z.string(), orderedAt: IsoDateTime, deadline: IsoDate, by: Subject });
export type Rectification = z.infer<typeof Rectification>;

/** Why a project ended without acceptance (withdrawn, declined, terminated). */
export const Closure = z.object({ reason: z.string(), at: IsoDateTime, by: Subject });
