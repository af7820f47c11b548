import { FUND_MEASURE_LABELS, FUND_ORDER_REASON_LABELS, FUND_SOURCE_LABELS, type SupportSource } from '../funds/model';
import { approvedFunding, fundOrdersOf, payableWan, projectFunds, recoverableWan, repaymentsOf, unsettledWan } from '../funds/project';
import { DomainError } from '../errors';
import { formatWan, openWarnings, type ProjectEffectsFor } from './effects-common';
import { nextId, preconditionFailed, unknownReference } from './machine';
import type { Project } from './model';
import { sumWan, toCents } from './values';

/**
 * Effects on a project's money (滨海 §三(二)3 区财政局办理资金拨付; 003 §二(五) 专款专用、单独核算):
 * tranches paid by source, 收回 / 扣减 orders and the repayments that settle them.
 */

type FundAction = 'record_tranche' | 'order_funds' | 'record_repayment';

/** The approved line a tranche pays: named, or the only one. */
function payingSource(project: Project, named: SupportSource | undefined): SupportSource {
  const lines = approvedFunding(project);
  if (named !== undefined) {
    if (!lines.some((line) => line.source === named)) {
      preconditionFailed(`该项目未安排${FUND_SOURCE_LABELS[named]}`, 'source_not_approved', { source: named });
    }
    return named;
  }
  const only = lines.length === 1 ? lines[0] : undefined;
  if (only === undefined) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'source', message: '该项目有多种资金来源，请注明本次拨付的资金来源' }] });
  }
  return only.source;
}

export const fundEffects: ProjectEffectsFor<FundAction> = {
  record_tranche: ({ current, input, actor, at }) => {
    const selection = current.selection;
    const plan = current.fundPlan;
    if (selection?.outcome !== 'selected' || plan === undefined) return preconditionFailed('尚未下达资金计划', 'no_fund_plan');
    // A 滨海 §三(五)8 警示 that is still open holds the next tranche until the bureau clears it.
    const held = openWarnings(current).map((warning) => warning.id);
    if (held.length > 0) preconditionFailed('项目存在未解除的警示，暂缓拨付', 'warning_holds_tranche', { warnings: held });
    const paid = (kind?: string) => sumWan(current.tranches.filter((t) => kind === undefined || t.kind === kind).map((t) => t.amountWan));
    if (input.kind === 'pre_allocation') {
      if (current.status === 'accepted') preconditionFailed('验收通过后只拨付剩余资金', 'pre_allocation_after_acceptance');
      if (toCents(paid('pre_allocation')) + toCents(input.amountWan) > toCents(plan.preAllocationWan)) {
        preconditionFailed('预拨资金累计超过资金计划', 'exceeds_pre_allocation', { preAllocationWan: plan.preAllocationWan });
      }
    } else if (current.status !== 'accepted') {
      // 滨海 §三(五)10: 验收通过的……拨付剩余资金
      preconditionFailed('剩余资金须在验收通过后拨付', 'remainder_before_acceptance');
    }
    // 108号 §二(五) / 003 §二(五): 专款专用 — never more than the approved amount of the source, less what was cut
    const source = payingSource(current, input.source);
    const figures = projectFunds(current)[source];
    if (toCents(input.amountWan) > toCents(payableWan(figures))) {
      preconditionFailed('累计拨付不能超过支持金额', 'exceeds_approved', {
        source,
        approvedAmountWan: figures.approvedWan,
        deductedWan: figures.deductedWan,
        paidWan: figures.paidWan,
      });
    }
    const supportMethod = approvedFunding(current).find((line) => line.source === source)?.supportMethod;
    const tranche = {
      id: nextId('T', current.tranches),
      kind: input.kind,
      amountWan: input.amountWan,
      ...(input.reference !== undefined ? { reference: input.reference } : {}),
      paidAt: at,
      by: actor.subject,
      source,
      ...(supportMethod !== undefined ? { supportMethod } : {}),
      voucherEvidenceIds: input.voucherEvidenceIds,
    };
    return {
      next: { ...current, tranches: [...current.tranches, tranche] },
      summary: `${input.kind === 'pre_allocation' ? '预拨' : '拨付剩余'}资金 ${formatWan(input.amountWan)}（${FUND_SOURCE_LABELS[source]}）`,
      data: { trancheId: tranche.id, amountWan: input.amountWan, source },
    };
  },

  // 003 §三(三) 扣减或收回奖补资金; a terminated project or failed acceptance (滨海 §三(五)8–10) likewise
  order_funds: ({ current, input, actor, at }) => {
    if (input.reason === 'terminated' && current.status !== 'terminated') {
      preconditionFailed('项目尚未终止', 'not_terminated');
    }
    if (input.reason === 'failed_acceptance' && !current.acceptanceRounds.some((round) => round.assessment?.conclusion === 'fail')) {
      preconditionFailed('项目没有不通过的验收测评', 'no_failed_acceptance');
    }
    const figures = projectFunds(current)[input.source];
    const room = input.measure === 'recovery' ? recoverableWan(figures) : payableWan(figures);
    if (toCents(input.amountWan) > toCents(room)) {
      // 收回 takes back only what was paid; 扣减 cuts only what is still unpaid
      preconditionFailed(input.measure === 'recovery' ? '收回金额不能超过已拨付且未收回的资金' : '扣减金额不能超过尚未拨付的支持金额', input.measure === 'recovery' ? 'exceeds_recoverable' : 'exceeds_payable', {
        source: input.source,
        availableWan: room,
      });
    }
    const order = { id: nextId('F', fundOrdersOf(current)), ...input, orderedAt: at, by: actor.subject };
    return {
      next: { ...current, fundOrders: [...fundOrdersOf(current), order] },
      summary: `${FUND_MEASURE_LABELS[input.measure]}${FUND_SOURCE_LABELS[input.source]} ${formatWan(input.amountWan)}（${FUND_ORDER_REASON_LABELS[input.reason]}，${input.documentRef}）`,
      data: { fundOrderId: order.id, measure: input.measure, source: input.source, amountWan: input.amountWan },
    };
  },

  record_repayment: ({ current, input, actor, at }) => {
    const order = fundOrdersOf(current).find((candidate) => candidate.id === input.orderId);
    if (order === undefined) return unknownReference('orderId', '未找到该收回决定');
    if (order.measure !== 'recovery') preconditionFailed('扣减的资金尚未拨付，无需缴回', 'deduction_needs_no_repayment');
    const open = unsettledWan(current, order);
    if (toCents(input.amountWan) > toCents(open)) {
      preconditionFailed('缴回金额超过尚未缴回的金额', 'exceeds_outstanding', { outstandingWan: open });
    }
    const repayment = { id: nextId('R', repaymentsOf(current)), ...input, paidAt: at, by: actor.subject };
    return {
      next: { ...current, repayments: [...repaymentsOf(current), repayment] },
      summary: `登记缴回${FUND_SOURCE_LABELS[order.source]} ${formatWan(input.amountWan)}`,
      data: { repaymentId: repayment.id, fundOrderId: order.id, amountWan: input.amountWan },
    };
  },
};
