import type { Project } from '../projects/model';
import { sumWan, toCents } from '../projects/values';
import { SupportSource, type CentralFundingElsewhere, type FundingLine, type FundOrder, type Repayment } from './model';

/**
 * One project's money by source (003 §二(五) 专款专用、单独核算), as of an instant. Pure reads of the
 * project record: the approved lines, what was paid, ordered back or cut, and repaid.
 */

export interface SourceFigures {
  /** approved at selection */
  approvedWan: number;
  /** 扣减: cut from the approval before it was paid */
  deductedWan: number;
  /** 收回: ordered back after it was paid */
  recoveryOrderedWan: number;
  /** tranches paid out */
  paidWan: number;
  /** repaid against recovery orders */
  repaidWan: number;
  /** what the project keeps once every order is settled: approved − deducted − ordered back */
  netApprovedWan: number;
  /** what the enterprise holds now: paid − repaid */
  netPaidWan: number;
  /** ordered back and not yet repaid */
  outstandingWan: number;
}

export type ProjectFunds = Record<SupportSource, SourceFigures>;

const before = (at: string, asOf: Date | undefined): boolean => asOf === undefined || Date.parse(at) <= asOf.getTime();

/**
 * The approved amount by source. A selection recorded before sources were kept reads as one line of
 * its category's source: 滨海 §三(五)'s 中央财政资金支持项目 are central funds, given as 投资补助 (002 §五(二)
 * names it first among the ways the city supports); the other two categories are local funds.
 */
export function approvedFunding(project: Pick<Project, 'category' | 'selection'>): FundingLine[] {
  const selection = project.selection;
  if (selection?.outcome !== 'selected') return [];
  if (selection.funding !== undefined) return selection.funding;
  return [defaultLine(project.category, selection.approvedAmountWan)];
}

export function defaultLine(category: Project['category'], amountWan: number): FundingLine {
  return category === 'central_fund' ? { source: 'central', supportMethod: 'investment_subsidy', amountWan } : { source: 'local', amountWan };
}

export function fundOrdersOf(project: Pick<Project, 'fundOrders'>): FundOrder[] {
  return project.fundOrders ?? [];
}

export function repaymentsOf(project: Pick<Project, 'repayments'>): Repayment[] {
  return project.repayments ?? [];
}

/** The source a tranche paid: its own, or (recorded before sources were kept) the approval's first line's. */
export function trancheSource(project: Pick<Project, 'category' | 'selection'>, tranche: { source?: SupportSource | undefined }): SupportSource {
  return tranche.source ?? approvedFunding(project)[0]?.source ?? defaultLine(project.category, 0).source;
}

/** Per source figures of one project as of `asOf` (every record, when omitted). */
export function projectFunds(project: Project, asOf?: Date): ProjectFunds {
  const lines = approvedFunding(project);
  const orders = fundOrdersOf(project).filter((order) => before(order.orderedAt, asOf));
  const orderSource = new Map(orders.map((order) => [order.id, order.source]));
  const repayments = repaymentsOf(project).filter((repayment) => before(repayment.paidAt, asOf));
  const tranches = project.tranches.filter((tranche) => before(tranche.paidAt, asOf));
  const figures = (source: SupportSource): SourceFigures => {
    const approvedWan = sumWan(lines.filter((line) => line.source === source).map((line) => line.amountWan));
    const deductedWan = sumWan(orders.filter((order) => order.source === source && order.measure === 'deduction').map((order) => order.amountWan));
    const recoveryOrderedWan = sumWan(orders.filter((order) => order.source === source && order.measure === 'recovery').map((order) => order.amountWan));
    const paidWan = sumWan(tranches.filter((tranche) => trancheSource(project, tranche) === source).map((tranche) => tranche.amountWan));
    const repaidWan = sumWan(repayments.filter((repayment) => orderSource.get(repayment.orderId) === source).map((repayment) => repayment.amountWan));
    return {
      approvedWan,
      deductedWan,
      recoveryOrderedWan,
      paidWan,
      repaidWan,
      netApprovedWan: (toCents(approvedWan) - toCents(deductedWan) - toCents(recoveryOrderedWan)) / 100,
      netPaidWan: (toCents(paidWan) - toCents(repaidWan)) / 100,
      outstandingWan: (toCents(recoveryOrderedWan) - toCents(repaidWan)) / 100,
    };
  };
  return { central: figures('central'), local: figures('local') };
}

/** What may still be paid from one source: the approval less cuts, less what was ever paid out. */
export function payableWan(figures: SourceFigures): number {
  return (toCents(figures.approvedWan) - toCents(figures.deductedWan) - toCents(figures.paidWan)) / 100;
}

/** What may still be ordered back from one source: paid out and not yet ordered back. */
export function recoverableWan(figures: SourceFigures): number {
  return (toCents(figures.paidWan) - toCents(figures.recoveryOrderedWan)) / 100;
}

/** What an order still awaits in repayments. */
export function unsettledWan(project: Pick<Project, 'repayments'>, order: FundOrder): number {
  const repaid = sumWan(repaymentsOf(project).filter((repayment) => repayment.orderId === order.id).map((repayment) => repayment.amountWan));
  return (toCents(order.amountWan) - toCents(repaid)) / 100;
}

const CLOSED_WITHOUT_FUNDS: readonly Project['status'][] = ['draft', 'submitted', 'returned', 'recommended', 'expert_review', 'not_selected', 'withdrawn'];

/**
 * 003 §二(二) 不得重复安排中央财政资金: the enterprise's other projects (in this pilot or another) that
 * hold central funds — selected with a central line and not wholly cut or taken back.
 */
export function centralFundingOnPlatform(project: Pick<Project, 'id' | 'uscc'>, enterpriseProjects: readonly Project[]): CentralFundingElsewhere[] {
  return enterpriseProjects
    .filter((other) => other.id !== project.id && other.uscc === project.uscc && !CLOSED_WITHOUT_FUNDS.includes(other.status))
    .flatMap((other) => {
      const central = projectFunds(other).central;
      // A public notice in progress holds its approval as much as a signed agreement does.
      return central.netApprovedWan > 0
        ? [{ programme: `试点项目：${other.title}`, projectId: other.id, pilotId: other.pilotId, amountWan: central.netApprovedWan }]
        : [];
    });
}
