import * as z from 'zod';
import type { ActionSpec } from '../projects/machine';
import { EvidenceId, Id, IsoDate, Text } from '../projects/values';
import { publishedText } from '../validation';
import { ProductInput, ProviderMaterials, type ProviderStatus } from './model';

/**
 * The provider pool's lifecycle as data (002 §三(一)2 数字化转型专业化服务商; §三(五)8 警示、动态调整服务商资源池;
 * 004 §四(一)3 根据实际动态调整服务商名单). Registration itself is `registerProvider` in decide.ts.
 */
const IN_POOL = ['admitted', 'warned', 'rectifying'] as const;

const Comments = z.strictObject({ comments: Text(2000) });
const OptionalComments = z.strictObject({ comments: publishedText({ max: 2000, multiline: true }).default('') }).default({ comments: '' });
const Reason = z.strictObject({ reason: Text(2000) });

export const ResubmitInput = z.strictObject({ materials: ProviderMaterials, summary: Text(4000).optional() });
export const OrderRectificationInput = z.strictObject({ requirements: Text(4000), deadline: IsoDate });
export const ReportRectificationInput = z.strictObject({ summary: Text(4000), evidenceIds: z.array(EvidenceId).min(1).max(50) });
export const ProductRef = z.strictObject({ productId: Id });
export const EngagementInput = z.strictObject({ projectId: Id, note: publishedText({ max: 500, multiline: true }).default('') });

export const PROVIDER_ACTIONS = {
  // 002 §三(一)2(2): 按标准审核 — the operator supports the bureau and may send incomplete materials back
  return_materials: { label: '退回补正材料', from: ['applied'], roles: ['bureau', 'operator'], input: Comments, to: 'returned' },
  resubmit: { label: '补正后重新申报', from: ['returned'], roles: ['provider'], input: ResubmitInput, to: 'applied' },
  // 002 §三(一)2(2): 审核通过后，进入专业化服务商资源池
  admit: { label: '审核通过入库', from: ['applied'], roles: ['bureau'], input: OptionalComments, to: 'admitted' },
  reject: { label: '审核不通过', from: ['applied'], roles: ['bureau'], input: Comments, to: 'rejected' },
  // 002 §三(五)8: 对项目不实、实施进度滞后、成效不佳的改造项目和服务商提出警示
  issue_warning: { label: '发出警示', from: ['admitted'], roles: ['bureau'], input: Reason, to: 'warned' },
  clear_warning: { label: '解除警示', from: ['warned'], roles: ['bureau'], input: Comments, to: 'admitted' },
  // 002 §三(一)2(4): 对表现不佳的服务商可以采取相应措施进行整改或淘汰
  order_rectification: { label: '责令限期整改', from: ['warned'], roles: ['bureau'], input: OrderRectificationInput, to: 'rectifying' },
  report_rectification: { label: '报送整改情况', from: ['rectifying'], roles: ['provider'], input: ReportRectificationInput },
  accept_rectification: { label: '整改验收通过', from: ['rectifying'], roles: ['bureau'], input: OptionalComments, to: 'admitted' },
  eliminate: { label: '淘汰出库', from: IN_POOL, roles: ['bureau'], input: Reason, to: 'eliminated' },
  // 002 §三(一)2(3) 汇集产品; 004 §三: 构建"小快轻准"产品和解决方案资源池，并进行跟踪评价和动态管理
  publish_product: { label: '发布产品/解决方案', from: IN_POOL, roles: ['provider'], input: ProductInput },
  withdraw_product: { label: '下架产品/解决方案', from: IN_POOL, roles: ['provider', 'bureau'], input: ProductRef },
  // 002 §三(一)2(2): 与制造业新型技术改造项目实施主体实现供需对接
  record_engagement: { label: '登记服务项目', from: IN_POOL, roles: ['bureau', 'operator'], input: EngagementInput },
} as const satisfies Record<string, ActionSpec<ProviderStatus>>;

export type ProviderActions = typeof PROVIDER_ACTIONS;
export type ProviderAction = keyof ProviderActions;
export const PROVIDER_ACTION_NAMES = Object.keys(PROVIDER_ACTIONS) as ProviderAction[];
export const PROVIDER_TERMINAL_STATUSES = ['rejected', 'eliminated'] as const satisfies readonly ProviderStatus[];
