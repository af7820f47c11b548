import * as z from 'zod';
import { EvidenceId, Id, IsoDateTime, PositiveWan, Subject, Text, sumWan, toCents } from '../projects/values';

/**
 * Money by its source (issue 13). 002 §二 (资金构成): the pilot's special funds are central award funds
 * (中央奖补资金) and local funds (地方财政资金: 市级专项资金 with the district's matching, and other policy
 * funds); the enterprise invests the rest of each project itself. 003 §二(五): central award funds go to
 * the plan's key projects, and the city chooses how (投资补助、贷款贴息、担保费补贴).
 */

export const FUND_SOURCES = ['central', 'local', 'enterprise'] as const;
export const FundSource = z.enum(FUND_SOURCES);
export type FundSource = z.infer<typeof FundSource>;

export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  central: '中央奖补资金',
  local: '地方财政资金',
  enterprise: '企业自筹资金',
};

/** The sources a government support line can name: the enterprise's own money is never "approved". */
export const SupportSource = z.enum(['central', 'local']);
export type SupportSource = z.infer<typeof SupportSource>;

// 003 §二(五): 支持方式由地方确定，包括投资补助、贷款贴息、担保费补贴等
export const SupportMethod = z.enum(['investment_subsidy', 'loan_interest_subsidy', 'guarantee_fee_subsidy']);
export type SupportMethod = z.infer<typeof SupportMethod>;

export const SUPPORT_METHOD_LABELS: Record<SupportMethod, string> = {
  investment_subsidy: '投资补助',
  loan_interest_subsidy: '贷款贴息',
  guarantee_fee_subsidy: '担保费补贴',
};

/** One line of an approved amount or a fund plan: how much from which source, and for central funds how. */
export const FundingLine = z
  .strictObject({ source: SupportSource, supportMethod: SupportMethod.optional(), amountWan: PositiveWan })
  .superRefine((line, context) => {
    // 003 §二(五): the support method is the city's choice for central funds — it must be named
    if (line.source === 'central' && line.supportMethod === undefined) {
      context.addIssue({ code: 'custom', path: ['supportMethod'], message: '中央奖补资金须注明支持方式' });
    }
    if (line.source !== 'central' && line.supportMethod !== undefined) {
      context.addIssue({ code: 'custom', path: ['supportMethod'], message: '支持方式仅适用于中央奖补资金' });
    }
  });
export type FundingLine = z.infer<typeof FundingLine>;

/** An approved amount split by source: at most one line per source. */
export const Funding = z
  .array(FundingLine)
  .min(1)
  .max(SupportSource.options.length)
  .refine((lines) => new Set(lines.map((line) => line.source)).size === lines.length, { error: '每种资金来源只填一行' });
export type Funding = z.infer<typeof Funding>;

export function fundingTotalWan(lines: readonly FundingLine[]): number {
  return sumWan(lines.map((line) => line.amountWan));
}

/** 「中央奖补资金（投资补助）300 万元、地方财政资金 200 万元」 */
export function fundingSummary(lines: readonly FundingLine[]): string {
  return lines
    .map((line) => `${FUND_SOURCE_LABELS[line.source]}${line.supportMethod ? `（${SUPPORT_METHOD_LABELS[line.supportMethod]}）` : ''} ${formatAmount(line.amountWan)} 万元`)
    .join('、');
}

const formatAmount = (wan: number): string => wan.toFixed(2).replace(/\.?0+$/, '');

export function fundingMatches(lines: readonly FundingLine[], totalWan: number): boolean {
  return toCents(fundingTotalWan(lines)) === toCents(totalWan);
}

/**
 * Why paid funds are taken back or unpaid ones cut: a terminated project, a failed acceptance, a
 * finding of untrue material (滨海 §三(五)8 项目不实), or the yearly evaluation's consequence
 * (003 §三(三) 扣减或收回奖补资金).
 */
export const FundOrderReason = z.enum(['terminated', 'failed_acceptance', 'untrue_material', 'evaluation']);
export type FundOrderReason = z.infer<typeof FundOrderReason>;

export const FUND_ORDER_REASON_LABELS: Record<FundOrderReason, string> = {
  terminated: '项目终止',
  failed_acceptance: '验收不通过',
  untrue_material: '材料不实',
  evaluation: '年度绩效评价结果',
};

/** 收回: paid money comes back (repayments settle it); 扣减: money not yet paid is cut from the approval. */
export const FundMeasure = z.enum(['recovery', 'deduction']);
export type FundMeasure = z.infer<typeof FundMeasure>;

export const FUND_MEASURE_LABELS: Record<FundMeasure, string> = { recovery: '收回', deduction: '扣减' };

export const FundOrder = z.object({
  id: Id,
  measure: FundMeasure,
  source: SupportSource,
  amountWan: PositiveWan,
  reason: FundOrderReason,
  /** the decision's document number (文号) */
  documentRef: z.string(),
  documentEvidenceIds: z.array(EvidenceId),
  orderedAt: IsoDateTime,
  by: Subject,
});
export type FundOrder = z.infer<typeof FundOrder>;

/** Money an enterprise paid back against a recovery order, with the bank voucher. */
export const Repayment = z.object({
  id: Id,
  orderId: Id,
  amountWan: PositiveWan,
  reference: z.string().optional(),
  voucherEvidenceIds: z.array(EvidenceId),
  paidAt: IsoDateTime,
  by: Subject,
});
export type Repayment = z.infer<typeof Repayment>;

export const OrderFundsInput = z.strictObject({
  measure: FundMeasure,
  source: SupportSource,
  amountWan: PositiveWan,
  reason: FundOrderReason,
  documentRef: Text(100),
  documentEvidenceIds: z.array(EvidenceId).max(20).default([]),
});
export type OrderFundsInput = z.infer<typeof OrderFundsInput>;

export const RecordRepaymentInput = z.strictObject({
  orderId: Id,
  amountWan: PositiveWan,
  reference: z.string().trim().max(100).optional(),
  voucherEvidenceIds: z.array(EvidenceId).max(20).default([]),
});
export type RecordRepaymentInput = z.infer<typeof RecordRepaymentInput>;

/** Central funds an enterprise already holds elsewhere, as declared or found (003 §二(二)). */
export const CentralFundingElsewhere = z.strictObject({
  /** the other programme (e.g. 设备更新、超长期特别国债) or pilot */
  programme: Text(100),
  projectId: Id.optional(),
  pilotId: Id.optional(),
  amountWan: PositiveWan.optional(),
});
export type CentralFundingElsewhere = z.infer<typeof CentralFundingElsewhere>;
