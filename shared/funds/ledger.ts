import type { Project } from '../projects/model';
import { sumWan, toCents } from '../projects/values';
import type { CentralFundingElsewhere, FundMeasure, FundSource, SupportMethod } from './model';
import { approvedFunding, fundOrdersOf, projectFunds, repaymentsOf, trancheSource, type SourceFigures } from './project';

/**
 * A pilot's ledger (003 §二(五) 专款专用、单独核算): every yuan of the pilot's key projects by source,
 * one entry per payment, 收回 / 扣减 order, repayment and reported investment, each with its project,
 * date, source and voucher evidence. A pilot's projects are its own (one pilot per project), so each
 * pilot's ledger is apart from every other's. Read from the project records as of an instant; never
 * stored, so it cannot drift from them. The self-evaluation, the public figures and the workbook
 * read it.
 */

export type LedgerEntryKind = 'disbursement' | 'recovery_order' | 'deduction' | 'repayment' | 'investment';

export interface LedgerEntry {
  projectId: string;
  projectTitle: string;
  uscc: string;
  /** the instant the money moved or the order was made */
  at: string;
  kind: LedgerEntryKind;
  source: FundSource;
  supportMethod: SupportMethod | null;
  amountWan: number;
  /** a 文号 or voucher number */
  reference: string | null;
  evidenceIds: string[];
  /** the record on the project it comes from (tranche, order, repayment, progress report) */
  recordId: string;
}

export interface LedgerProjectLine {
  projectId: string;
  title: string;
  uscc: string;
  status: Project['status'];
  category: Project['category'];
  central: SourceFigures;
  local: SourceFigures;
  /** 企业自筹: cumulative completed investment as reported, less the government funds it holds */
  investedWan: number;
  ownInvestmentWan: number;
  /** 003 §二(二): central funds flagged at selection as held elsewhere */
  centralFundingElsewhere: CentralFundingElsewhere[];
}

/** 002 §五(二): 地方配套资金与试点城市奖补资金比例原则上不低于 1:1 — on the approvals and on the money paid. */
export interface MatchingBasis {
  centralWan: number;
  localWan: number;
  /** local ÷ central; null while no central funds are there */
  ratio: number | null;
  belowOneToOne: boolean;
}

export interface MatchingRatio {
  approved: MatchingBasis;
  paid: MatchingBasis;
  /** either basis below 1:1 */
  warning: boolean;
}

export interface OpenRecovery {
  projectId: string;
  projectTitle: string;
  orderId: string;
  measure: FundMeasure;
  source: FundSource;
  amountWan: number;
  outstandingWan: number;
  documentRef: string;
  orderedAt: string;
}

export interface PilotLedger {
  pilotId: string;
  asOf: string;
  entries: LedgerEntry[];
  projects: LedgerProjectLine[];
  totals: Record<'central' | 'local', SourceFigures> & { enterprise: { investedWan: number; ownInvestmentWan: number } };
  matching: MatchingRatio;
  recoveries: OpenRecovery[];
}

const notAfter = (at: string, asOf: Date): boolean => Date.parse(at) <= asOf.getTime();

function projectEntries(project: Project, asOf: Date): LedgerEntry[] {
  const base = { projectId: project.id, projectTitle: project.title, uscc: project.uscc };
  const methodOf = (source: FundSource) => approvedFunding(project).find((line) => line.source === source)?.supportMethod ?? null;
  const orders = fundOrdersOf(project);
  const entries: LedgerEntry[] = [
    ...project.tranches.map((tranche): LedgerEntry => {
      const source = trancheSource(project, tranche);
      return {
        ...base,
        at: tranche.paidAt,
        kind: 'disbursement',
        source,
        supportMethod: tranche.supportMethod ?? methodOf(source),
        amountWan: tranche.amountWan,
        reference: tranche.reference ?? null,
        evidenceIds: tranche.voucherEvidenceIds ?? [],
        recordId: tranche.id,
      };
    }),
    ...orders.map((order): LedgerEntry => ({
      ...base,
      at: order.orderedAt,
      kind: order.measure === 'recovery' ? 'recovery_order' : 'deduction',
      source: order.source,
      supportMethod: methodOf(order.source),
      amountWan: order.amountWan,
      reference: order.documentRef,
      evidenceIds: order.documentEvidenceIds,
      recordId: order.id,
    })),
    ...repaymentsOf(project).flatMap((repayment): LedgerEntry[] => {
      const order = orders.find((candidate) => candidate.id === repayment.orderId);
      if (order === undefined) return [];
      return [
        {
          ...base,
          at: repayment.paidAt,
          kind: 'repayment',
          source: order.source,
          supportMethod: methodOf(order.source),
          amountWan: repayment.amountWan,
          reference: repayment.reference ?? null,
          evidenceIds: repayment.voucherEvidenceIds,
          recordId: repayment.id,
        },
      ];
    }),
    // 企业自筹: a progress report's cumulative investment (滨海 §三(五)7), entered as its increase, with its evidence
    ...reportedInvestment(project, asOf).map(
      (step): LedgerEntry => ({ ...base, at: step.at, kind: 'investment', source: 'enterprise', supportMethod: null, amountWan: step.amountWan, reference: step.period, evidenceIds: step.evidenceIds, recordId: step.id }),
    ),
  ];
  return entries.filter((entry) => notAfter(entry.at, asOf));
}

/** Each progress report's increase of the cumulative investment; a report lower than the last adds nothing. */
function reportedInvestment(project: Project, asOf: Date) {
  let last = 0;
  return project.progressReports
    .filter((report) => notAfter(report.reportedAt, asOf))
    .flatMap((report) => {
      const increase = (toCents(report.investedWan) - toCents(last)) / 100;
      last = Math.max(last, report.investedWan);
      return increase > 0 ? [{ id: report.id, at: report.reportedAt, period: report.period, amountWan: increase, evidenceIds: report.evidenceIds }] : [];
    });
}

function latestInvestment(project: Project, asOf: Date): number {
  return project.progressReports.filter((report) => notAfter(report.reportedAt, asOf)).reduce((max, report) => Math.max(max, report.investedWan), 0);
}

function projectLine(project: Project, asOf: Date): LedgerProjectLine {
  const funds = projectFunds(project, asOf);
  const investedWan = latestInvestment(project, asOf);
  const government = toCents(funds.central.netPaidWan) + toCents(funds.local.netPaidWan);
  const selection = project.selection;
  return {
    projectId: project.id,
    title: project.title,
    uscc: project.uscc,
    status: project.status,
    category: project.category,
    central: funds.central,
    local: funds.local,
    investedWan,
    ownInvestmentWan: Math.max(0, toCents(investedWan) - government) / 100,
    centralFundingElsewhere: selection?.outcome === 'selected' ? (selection.centralFundingElsewhere ?? []) : [],
  };
}

const FIGURES: readonly (keyof SourceFigures)[] = ['approvedWan', 'deductedWan', 'recoveryOrderedWan', 'paidWan', 'repaidWan', 'netApprovedWan', 'netPaidWan', 'outstandingWan'];

function sumFigures(lines: readonly SourceFigures[]): SourceFigures {
  return Object.fromEntries(FIGURES.map((figure) => [figure, sumWan(lines.map((line) => line[figure]))])) as unknown as SourceFigures;
}

function basis(centralWan: number, localWan: number): MatchingBasis {
  const ratio = centralWan > 0 ? Math.round((localWan / centralWan) * 10_000) / 10_000 : null;
  return { centralWan, localWan, ratio, belowOneToOne: centralWan > 0 && toCents(localWan) < toCents(centralWan) };
}

/** 002 §五(二): local funds against central award funds, on what is approved (net of cuts) and what is held (net of repayments). */
export function matchingRatio(totals: Record<'central' | 'local', SourceFigures>): MatchingRatio {
  const approved = basis(totals.central.netApprovedWan, totals.local.netApprovedWan);
  const paid = basis(totals.central.netPaidWan, totals.local.netPaidWan);
  return { approved, paid, warning: approved.belowOneToOne || paid.belowOneToOne };
}

/** Only projects selected for support (as of `asOf`) carry money; drafts and declined ones are left out. */
const selectedBy = (project: Project, asOf: Date): boolean =>
  project.selection?.outcome === 'selected' && notAfter(project.selection.decidedAt, asOf);

/** The ledger of one pilot's projects as of `asOf`, entries oldest first. */
export function pilotLedger(pilotId: string, projects: readonly Project[], asOf: Date): PilotLedger {
  const own = projects.filter((project) => project.pilotId === pilotId && selectedBy(project, asOf));
  const lines = own.map((project) => projectLine(project, asOf));
  const central = sumFigures(lines.map((line) => line.central));
  const local = sumFigures(lines.map((line) => line.local));
  const entries = own.flatMap((project) => projectEntries(project, asOf)).sort((a, b) => a.at.localeCompare(b.at) || a.projectId.localeCompare(b.projectId) || a.recordId.localeCompare(b.recordId));
  const recoveries = own.flatMap((project) =>
    fundOrdersOf(project)
      .filter((order) => notAfter(order.orderedAt, asOf))
      .map((order): OpenRecovery => {
        const repaid = sumWan(repaymentsOf(project).filter((repayment) => repayment.orderId === order.id && notAfter(repayment.paidAt, asOf)).map((repayment) => repayment.amountWan));
        return {
          projectId: project.id,
          projectTitle: project.title,
          orderId: order.id,
          measure: order.measure,
          source: order.source,
          amountWan: order.amountWan,
          // a 扣减 settles itself: nothing was paid, nothing comes back
          outstandingWan: order.measure === 'recovery' ? (toCents(order.amountWan) - toCents(repaid)) / 100 : 0,
          documentRef: order.documentRef,
          orderedAt: order.orderedAt,
        };
      }),
  );
  return {
    pilotId,
    asOf: asOf.toISOString(),
    entries,
    projects: lines,
    totals: {
      central,
      local,
      enterprise: { investedWan: sumWan(lines.map((line) => line.investedWan)), ownInvestmentWan: sumWan(lines.map((line) => line.ownInvestmentWan)) },
    },
    matching: matchingRatio({ central, local }),
    recoveries,
  };
}

/** What the public dashboard shows of a ledger: totals by source net of orders and repayments, never an entry. */
export interface PublicFunds {
  approvedWan: number;
  disbursedWan: number;
  bySource: Record<'central' | 'local', { approvedWan: number; disbursedWan: number }>;
  /** 收回 and 扣减 ordered, in all */
  recoveredWan: number;
  /** 002 §五(二): local ÷ central on the net approvals; null without central funds */
  localMatchingRatio: number | null;
}

export function publicFunds(ledger: PilotLedger): PublicFunds {
  const { central, local } = ledger.totals;
  return {
    approvedWan: sumWan([central.netApprovedWan, local.netApprovedWan]),
    disbursedWan: sumWan([central.netPaidWan, local.netPaidWan]),
    bySource: {
      central: { approvedWan: central.netApprovedWan, disbursedWan: central.netPaidWan },
      local: { approvedWan: local.netApprovedWan, disbursedWan: local.netPaidWan },
    },
    recoveredWan: sumWan([central.deductedWan, central.recoveryOrderedWan, local.deductedWan, local.recoveryOrderedWan]),
    localMatchingRatio: ledger.matching.approved.ratio,
  };
}
