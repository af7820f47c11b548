import type { SelfEvaluationSheet, SheetCell } from '../evaluation/sheets';
import type { PilotLedger, LedgerEntryKind } from './ledger';
import { sumWan } from '../projects/values';
import { FUND_MEASURE_LABELS, FUND_SOURCE_LABELS, SUPPORT_METHOD_LABELS } from './model';

/**
 * A pilot's ledger laid out as sheets (the same shape the self-evaluation workbook uses, written by
 * shared/evaluation/xlsx.ts): 003 §二(五) 单独核算 — the entries, each project by source, the totals
 * with the 002 §五(二) matching ratio, and the 收回 / 扣减 orders.
 */

const KIND_LABELS: Record<LedgerEntryKind, string> = {
  disbursement: '拨付',
  recovery_order: '收回决定',
  deduction: '扣减决定',
  repayment: '缴回',
  investment: '企业完成投资',
};

const ratioText = (ratio: number | null): string => (ratio === null ? '暂无中央奖补资金' : `${ratio.toFixed(2)} : 1`);

export function ledgerSheets(ledger: PilotLedger, pilotName: string): SelfEvaluationSheet[] {
  const entries: SelfEvaluationSheet = {
    name: '资金台账',
    title: `${pilotName} 专项资金台账（截至 ${ledger.asOf}）`,
    columns: [
      { header: '日期', width: 22 },
      { header: '项目', width: 36 },
      { header: '统一社会信用代码', width: 22 },
      { header: '类型', width: 12 },
      { header: '资金来源', width: 14 },
      { header: '支持方式', width: 12 },
      { header: '金额（万元）', width: 12 },
      { header: '文号/凭证号', width: 22 },
      { header: '凭证材料', width: 16 },
    ],
    rows: ledger.entries.map((entry): SheetCell[] => [
      entry.at,
      entry.projectTitle,
      entry.uscc,
      KIND_LABELS[entry.kind],
      FUND_SOURCE_LABELS[entry.source],
      entry.supportMethod ? SUPPORT_METHOD_LABELS[entry.supportMethod] : '',
      entry.amountWan,
      entry.reference ?? '',
      entry.evidenceIds.length > 0 ? `${entry.evidenceIds.length} 份` : '缺凭证',
    ]),
  };
  const projects: SelfEvaluationSheet = {
    name: '分项目资金',
    title: '分项目资金（万元）',
    columns: [
      { header: '项目', width: 36 },
      { header: '中央批复', width: 10 },
      { header: '中央净拨付', width: 10 },
      { header: '地方批复', width: 10 },
      { header: '地方净拨付', width: 10 },
      { header: '收回扣减', width: 10 },
      { header: '待缴回', width: 10 },
      { header: '企业完成投资', width: 12 },
      { header: '企业自筹', width: 10 },
      { header: '重复中央资金提示', width: 30 },
    ],
    rows: ledger.projects.map((line): SheetCell[] => [
      line.title,
      line.central.approvedWan,
      line.central.netPaidWan,
      line.local.approvedWan,
      line.local.netPaidWan,
      sumWan([line.central.deductedWan, line.central.recoveryOrderedWan, line.local.deductedWan, line.local.recoveryOrderedWan]),
      sumWan([line.central.outstandingWan, line.local.outstandingWan]),
      line.investedWan,
      line.ownInvestmentWan,
      line.centralFundingElsewhere.map((held) => held.programme).join('、'),
    ]),
  };
  const { central, local, enterprise } = ledger.totals;
  const totals: SelfEvaluationSheet = {
    name: '资金汇总',
    title: '资金汇总与地方配套比例（002 §五(二)：原则上不低于 1:1）',
    columns: [
      { header: '项目', width: 30 },
      { header: '中央奖补资金', width: 14 },
      { header: '地方财政资金', width: 14 },
    ],
    rows: [
      ['批复（万元）', central.approvedWan, local.approvedWan],
      ['扣减（万元）', central.deductedWan, local.deductedWan],
      ['收回（万元）', central.recoveryOrderedWan, local.recoveryOrderedWan],
      ['净批复（万元）', central.netApprovedWan, local.netApprovedWan],
      ['拨付（万元）', central.paidWan, local.paidWan],
      ['已缴回（万元）', central.repaidWan, local.repaidWan],
      ['净拨付（万元）', central.netPaidWan, local.netPaidWan],
      ['待缴回（万元）', central.outstandingWan, local.outstandingWan],
      ['地方配套比例（按净批复）', ratioText(ledger.matching.approved.ratio), ledger.matching.approved.belowOneToOne ? '低于 1:1' : ''],
      ['地方配套比例（按净拨付）', ratioText(ledger.matching.paid.ratio), ledger.matching.paid.belowOneToOne ? '低于 1:1' : ''],
      ['企业完成投资（万元）', enterprise.investedWan, null],
      ['企业自筹（万元）', enterprise.ownInvestmentWan, null],
    ],
  };
  const recoveries: SelfEvaluationSheet = {
    name: '收回扣减',
    title: '收回与扣减资金',
    columns: [
      { header: '项目', width: 36 },
      { header: '方式', width: 8 },
      { header: '资金来源', width: 14 },
      { header: '金额（万元）', width: 12 },
      { header: '待缴回（万元）', width: 14 },
      { header: '决定文号', width: 24 },
      { header: '决定时间', width: 22 },
    ],
    rows: ledger.recoveries.map((order): SheetCell[] => [
      order.projectTitle,
      FUND_MEASURE_LABELS[order.measure],
      FUND_SOURCE_LABELS[order.source],
      order.amountWan,
      order.outstandingWan,
      order.documentRef,
      order.orderedAt,
    ]),
  };
  return [entries, projects, totals, recoveries];
}
