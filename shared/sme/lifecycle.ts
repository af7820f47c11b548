import * as z from 'zod';
import type { ActionSpec } from '../projects/machine';
import { EvidenceId, Id, Line, Text, Uscc } from '../projects/values';
import { publishedText } from '../validation';
import { MaturityLevel, SmeBatch, TransformationPlan, type SmeStatus } from './model';

/**
 * The SME path as data (004 武清 SME plan §四(二)5, 9, 10; §五). Each firm moves on its own:
 * 「改完一批，验收一批」 sets the batch windows, not a gate on any one firm's acceptance.
 */

export const SME_STATUS_LABELS: Record<SmeStatus, string> = {
  enrolled: '已入选试点',
  diagnosed: '已诊断',
  planned: '已确定改造方案',
  transforming: '改造中',
  transformed: '改造完成（待评测）',
  assessed: '已评测',
  accepted: '已验收',
  subsidised: '已奖补',
  withdrawn: '已退出',
};

export const SME_TERMINAL_STATUSES = ['subsidised', 'withdrawn'] as const satisfies readonly SmeStatus[];

export const EnrolInput = z.strictObject({
  pilotId: Id,
  uscc: Uscc,
  /** optional: the firm's name and town are those of its registration in the pilot; different ones are refused (issue 12) */
  enterpriseName: Line(100).optional(),
  town: Id.optional(),
  batch: SmeBatch,
  comprehensiveProviderId: Id,
});
export type EnrolInput = z.infer<typeof EnrolInput>;

const NoInput = z.strictObject({}).default({});
const Reason = z.strictObject({ reason: Text(2000) });

export const DiagnosisInput = z.strictObject({ reportEvidenceId: EvidenceId, summary: Text(4000) });

export const CompleteTransformationInput = z.strictObject({
  summary: Text(4000),
  evidenceIds: z.array(EvidenceId).min(1).max(200),
});

export const AssessMaturityInput = z.strictObject({
  level: MaturityLevel,
  summary: Text(4000),
  reportEvidenceId: EvidenceId,
  evidenceIds: z.array(EvidenceId).min(1).max(200),
});

export const AcceptInput = z.strictObject({ comments: publishedText({ max: 2000, multiline: true }).default('') }).default({ comments: '' });

export const GrantSubsidyInput = z.strictObject({ reference: publishedText({ max: 100 }).optional() }).default({});

const BEFORE_ACCEPTANCE = ['enrolled', 'diagnosed', 'planned', 'transforming', 'transformed', 'assessed'] as const;

export const SME_ACTIONS = {
  // 004 §五(一)3: 推动综合型服务商面向试点企业开展咨询诊断
  record_diagnosis: { label: '登记诊断报告', from: ['enrolled'], roles: ['provider'], input: DiagnosisInput, to: 'diagnosed' },
  // 004 §四(二)5: 通过"小快轻准"产品、"一企一策"定制化方案等方式开展数字化改造
  adopt_plan: { label: '确定改造方案', from: ['diagnosed'], roles: ['enterprise'], input: TransformationPlan, to: 'planned' },
  start_transformation: { label: '开始改造', from: ['planned'], roles: ['enterprise'], input: NoInput, to: 'transforming' },
  complete_transformation: {
    label: '改造完成',
    from: ['transforming'],
    roles: ['enterprise'],
    input: CompleteTransformationInput,
    to: 'transformed',
  },
  // 004 §四(二)10: 评测验收机构按照《中小企业数字化水平评测指标（2024年版）》科学评价
  assess_maturity: { label: '数字化水平评测', from: ['transformed'], roles: ['assessor'], input: AssessMaturityInput, to: 'assessed' },
  // A firm below level 2 (or aiming higher) goes back to work and is assessed again.
  resume_transformation: { label: '继续改造', from: ['assessed'], roles: ['enterprise'], input: Reason, to: 'transforming' },
  // 004 §三: 所有试点企业数字化水平全部达到二级及以上
  accept: { label: '验收通过', from: ['assessed'], roles: ['bureau'], input: AcceptInput, to: 'accepted' },
  // 004 §四(二)5: 对数字化水平达到二级、三级和四级的试点企业分别进行奖补; §六(二) 区财政局
  grant_subsidy: { label: '拨付奖补资金', from: ['accepted'], roles: ['finance'], input: GrantSubsidyInput, to: 'subsidised' },
  // 004 §四(一)3: 根据实际动态调整试点企业和服务商名单
  withdraw: { label: '退出试点', from: BEFORE_ACCEPTANCE, roles: ['enterprise', 'bureau'], input: Reason, to: 'withdrawn' },
} as const satisfies Record<string, ActionSpec<SmeStatus>>;

export type SmeActions = typeof SME_ACTIONS;
export type SmeAction = keyof SmeActions;

export const SME_ACTION_NAMES = Object.keys(SME_ACTIONS) as SmeAction[];
