import * as z from 'zod';
import { EvidenceId, Id, IsoDateTime, Line, Subject, Text, Uscc, Wan } from '../projects/values';

/**
 * One pilot SME in the 武清 SME digital-transformation pilot (004, 武清区中小企业数字化转型城市试点工作方案):
 * enrolled in a batch → diagnosed by a comprehensive provider → a 一企一策 plan or a 小快轻准 product →
 * transformation → digital-maturity assessment → acceptance at level ≥ 2 → subsidy by level.
 */

export const SmeStatus = z.enum([
  'enrolled',
  'diagnosed',
  'planned',
  'transforming',
  'transformed',
  'assessed',
  'accepted',
  'subsidised',
  'withdrawn',
]);
export type SmeStatus = z.infer<typeof SmeStatus>;

export const SmeBatch = z.union([z.literal(1), z.literal(2)]);
export type SmeBatch = z.infer<typeof SmeBatch>;

/**
 * 004 §五(二)–(三): the two batches, their minimum size and their windows (months, inclusive). Data for
 * the timers and the dashboard; 「改完一批，验收一批」 — acceptance itself is per firm, never gated here.
 */
export const SME_BATCHES = {
  1: { minFirms: 300, transform: { from: '2025-01', to: '2025-08' }, acceptance: { from: '2025-03', to: '2025-09' } },
  2: { minFirms: 224, transform: { from: '2025-12', to: '2026-06' }, acceptance: { from: '2026-03', to: '2026-07' } },
} as const satisfies Record<SmeBatch, { minFirms: number; transform: { from: string; to: string }; acceptance: { from: string; to: string } }>;

/** 《中小企业数字化水平评测指标（2024年版）》 levels 1–4 (004 §四(二)10). */
export const MaturityLevel = z.number().int().min(1).max(4);
export type MaturityLevel = z.infer<typeof MaturityLevel>;

// 004 §三: 所有试点企业数字化水平全部达到二级及以上
export const MIN_ACCEPTED_LEVEL = 2;

/**
 * 004 §四(二)5: 对改造后数字化水平达到二级、三级和四级的试点企业分别按照不同比例和金额进行奖补. The seed
 * sets no amounts, so they are a parameter of the pilot, never a constant here.
 */
export const SmePolicy = z.object({
  subsidyWanByLevel: z.strictObject({ 2: Wan, 3: Wan, 4: Wan }),
});
export type SmePolicy = z.infer<typeof SmePolicy>;

// 004 §四(一)4: "一企一策"定制化解决方案; 汇聚"小快轻准"产品和解决方案
export const TransformationPlan = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('custom'), providerId: Id, summary: Text(4000), planEvidenceId: EvidenceId }),
  z.strictObject({ kind: z.literal('product'), providerId: Id, summary: Text(4000), productIds: z.array(Id).min(1).max(20) }),
]);
export type TransformationPlan = z.infer<typeof TransformationPlan>;

export const MaturityAssessment = z.object({
  id: Id,
  level: MaturityLevel,
  summary: z.string(),
  reportEvidenceId: EvidenceId,
  evidenceIds: z.array(EvidenceId),
  assessedAt: IsoDateTime,
  by: Subject,
});
export type MaturityAssessment = z.infer<typeof MaturityAssessment>;

export const SmeFirm = z.object({
  id: Id,
  pilotId: Id,
  uscc: Uscc,
  enterpriseName: Line(100),
  town: Id,
  batch: SmeBatch,
  status: SmeStatus,
  version: z.number().int().min(1),
  /** The comprehensive provider (综合型服务商) of the firm's sub-industry, who diagnoses it. */
  comprehensiveProviderId: Id,
  diagnosis: z
    .object({ reportEvidenceId: EvidenceId, summary: z.string(), diagnosedAt: IsoDateTime, by: Subject, providerId: Id })
    .optional(),
  plan: z.object({ details: TransformationPlan, adoptedAt: IsoDateTime }).optional(),
  transformation: z
    .object({
      startedAt: IsoDateTime,
      completions: z.array(z.object({ completedAt: IsoDateTime, summary: z.string(), evidenceIds: z.array(EvidenceId) })),
    })
    .optional(),
  assessments: z.array(MaturityAssessment),
  acceptance: z.object({ level: MaturityLevel, assessmentId: Id, comments: z.string(), acceptedAt: IsoDateTime, by: Subject }).optional(),
  subsidy: z.object({ level: MaturityLevel, amountWan: Wan, reference: z.string().optional(), grantedAt: IsoDateTime, by: Subject }).optional(),
  closure: z.object({ reason: z.string(), at: IsoDateTime, by: Subject }).optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SmeFirm = z.infer<typeof SmeFirm>;
