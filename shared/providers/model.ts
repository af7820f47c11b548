import * as z from 'zod';
import { Contact } from '../enterprises/model';
import { EvidenceId, Id, IsoDate, IsoDateTime, Line, Subject, Text, Uscc } from '../projects/values';

/**
 * A digital-transformation service provider (数字化转型专业化服务商) in a pilot's resource pool
 * (002 §三(一)2; 004 §四(一)3): it registers with its materials, is reviewed and admitted (or
 * rejected), may be warned, ordered to rectify by a deadline, and eliminated; it publishes products
 * and solutions (小快轻准) for the pilot firms, and is linked to the projects it serves.
 */

// 004 §三: 培育3家综合型服务商和不少于60家行业型（含场景型）服务商
export const ProviderKind = z.enum(['comprehensive', 'industry', 'scenario']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = { comprehensive: '综合型', industry: '行业型', scenario: '场景型' };

export const ProviderStatus = z.enum(['applied', 'returned', 'admitted', 'rejected', 'warned', 'rectifying', 'eliminated']);
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const PROVIDER_STATUS_LABELS: Record<ProviderStatus, string> = {
  applied: '已申报（待审核）',
  returned: '材料退回补正',
  admitted: '已入库',
  rejected: '未通过审核',
  warned: '已警示',
  rectifying: '限期整改中',
  eliminated: '已淘汰出库',
};

/** In the pool: admitted and not (yet) eliminated; a warned or rectifying provider still serves. */
export const IN_POOL_STATUSES = ['admitted', 'warned', 'rectifying'] as const satisfies readonly ProviderStatus[];

export function isInPool(status: ProviderStatus): boolean {
  return (IN_POOL_STATUSES as readonly string[]).includes(status);
}

const EvidenceList = (min: number, max: number) => z.array(EvidenceId).min(min).max(max);

/**
 * 002 §三(一)2(2) 申报注册需提供的材料: 申报书; 营业执照、近两年财务报表（成立不满两年的企业根据实际情况提供）、
 * 企业资质证明材料…; 实施案例介绍及证明材料; 参与服务的专家简历; 本地无办公场地的需提供《本地化服务承诺》.
 */
export const ProviderMaterials = z.strictObject({
  applicationFormId: EvidenceId,
  businessLicenceId: EvidenceId,
  financialStatementIds: EvidenceList(0, 10).default([]),
  qualificationIds: EvidenceList(0, 50).default([]),
  caseIds: EvidenceList(1, 50),
  expertResumeIds: EvidenceList(1, 100),
  localServiceCommitmentId: EvidenceId.optional(),
  otherIds: EvidenceList(0, 50).default([]),
});
export type ProviderMaterials = z.infer<typeof ProviderMaterials>;

const Tags = z.array(Line(40)).max(20);

export const ProviderProfile = z.strictObject({
  name: Line(100),
  uscc: Uscc,
  kind: ProviderKind,
  /** the industries it serves, e.g. 汽车制造业 */
  industries: Tags.min(1),
  /** the scenarios it serves, e.g. 设备联网、质量检测 */
  scenarios: Tags.default([]),
  summary: Text(4000),
  /** 002 §三(一)2(1)2②: 申报机构在当地有团队或办公场地 */
  hasLocalOffice: z.boolean(),
  /** 成立不满两年: financial statements as far as they exist */
  foundedWithinTwoYears: z.boolean().default(false),
  contact: Contact,
});

function checkMaterials(
  value: { hasLocalOffice: boolean; foundedWithinTwoYears: boolean; materials: ProviderMaterials },
  context: z.RefinementCtx,
): void {
  if (!value.hasLocalOffice && value.materials.localServiceCommitmentId === undefined) {
    context.addIssue({ code: 'custom', path: ['materials', 'localServiceCommitmentId'], message: '本地无办公场地的，须提供《本地化服务承诺》' });
  }
  if (!value.foundedWithinTwoYears && value.materials.financialStatementIds.length === 0) {
    context.addIssue({ code: 'custom', path: ['materials', 'financialStatementIds'], message: '须提供近两年财务报表' });
  }
}

export const RegisterProviderInput = ProviderProfile.extend({ materials: ProviderMaterials }).superRefine(checkMaterials);
export type RegisterProviderInput = z.infer<typeof RegisterProviderInput>;

// 004 §四(一)4: 汇聚"小快轻准"产品和解决方案; 002 §三(一)2(3) 汇集产品
export const ProductInput = z.strictObject({
  name: Line(100),
  kind: z.enum(['product', 'solution']),
  summary: Text(2000),
  industries: Tags.min(1),
  scenarios: Tags.min(1),
  /** 小快轻准: small, fast, light, precise — the SME catalogue's products */
  smallFastLightPrecise: z.boolean().default(true),
});
export type ProductInput = z.infer<typeof ProductInput>;

export const Product = ProductInput.extend({ id: Id, listedAt: IsoDateTime, withdrawnAt: IsoDateTime.optional() });
export type Product = z.infer<typeof Product>;

export const ProviderReview = z.object({
  outcome: z.enum(['returned', 'admitted', 'rejected']),
  comments: z.string(),
  at: IsoDateTime,
  by: Subject,
});

export const ProviderWarning = z.object({
  id: Id,
  reason: z.string(),
  issuedAt: IsoDateTime,
  issuedBy: Subject,
  clearedAt: IsoDateTime.optional(),
  clearNote: z.string().optional(),
});
export type ProviderWarning = z.infer<typeof ProviderWarning>;

export const ProviderRectification = z.object({
  id: Id,
  warningId: Id,
  requirements: z.string(),
  /** the last Beijing calendar day to report the rectification */
  deadline: IsoDate,
  orderedAt: IsoDateTime,
  orderedBy: Subject,
  reports: z.array(z.object({ summary: z.string(), evidenceIds: z.array(EvidenceId), at: IsoDateTime, by: Subject })),
  outcome: z.object({ accepted: z.boolean(), comments: z.string(), at: IsoDateTime, by: Subject }).optional(),
});
export type ProviderRectification = z.infer<typeof ProviderRectification>;

/** A project the provider serves (002 §三(一)2(2): 与改造项目实施主体实现供需对接). */
export const Engagement = z.object({ projectId: Id, note: z.string(), at: IsoDateTime, by: Subject });
export type Engagement = z.infer<typeof Engagement>;

export const Provider = ProviderProfile.extend({
  id: Id,
  pilotId: Id,
  materials: ProviderMaterials,
  status: ProviderStatus,
  version: z.number().int().min(1),
  reviews: z.array(ProviderReview),
  admittedAt: IsoDateTime.optional(),
  warnings: z.array(ProviderWarning),
  rectifications: z.array(ProviderRectification),
  elimination: z.object({ reason: z.string(), at: IsoDateTime, by: Subject }).optional(),
  products: z.array(Product),
  engagements: z.array(Engagement),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Provider = z.infer<typeof Provider>;
