import { DomainError } from '../errors';
import { indicatorBoard, statusCounts, type BoardRow } from '../indicators/board';
import type { DerivationSources } from '../indicators/derived';
import type { ReportedValue } from '../indicators/model';
import { endOfBeijingDay } from '../indicators/period';
import { RISK_REASON_LABELS } from '../indicators/progress';
import type { Warning } from '../obligations/model';
import type { Pilot } from '../pilots/model';
import { STATUS_LABELS } from '../projects/lifecycle';
import { ProjectStatus } from '../projects/model';
import { beijingDate, sumWan, toCents } from '../projects/values';
import { pilotLedger, type LedgerEntry, type MatchingRatio } from '../funds/ledger';
import type { SourceFigures } from '../funds/project';
import { PROVIDER_STATUS_LABELS, ProviderStatus } from '../providers/model';
import { poolCounts } from '../providers/views';
import { maturityCounts, type MaturityCounts } from './maturity';

/**
 * The yearly self-evaluation of a pilot (绩效自评): 002 §三(六) 实施期内每年12月开展绩效自评; 108号 yearly
 * performance evaluation. One pure builder: indicators against targets as of the year's end (or now,
 * during the year), projects by stage, funds approved and disbursed, warnings, the provider pool and,
 * where the pilot has SMEs, their maturity levels. The JSON route, the workbook and the printable
 * page all read this one object.
 */
export interface IndicatorLine {
  code: string;
  name: string;
  unit: string;
  direction: 'at_least' | 'at_most';
  target: number;
  targetDate: string;
  responsibleUnit: string | null;
  source: 'reported' | 'derived';
  latestPeriod: string | null;
  latestValue: number | null;
  attainment: number | null;
  expected: number | null;
  projectedAtTargetDate: number | null;
  status: BoardRow['evaluation']['status'];
  statusLabel: string;
  reasons: string[];
}

export interface SelfEvaluation {
  pilot: Pick<Pilot, 'id' | 'name' | 'city' | 'kind' | 'periodStart' | 'periodEnd'>;
  year: number;
  asOf: string;
  generatedAt: string;
  indicators: IndicatorLine[];
  indicatorStatus: Record<BoardRow['evaluation']['status'], number>;
  /** current stage of every project ever submitted (drafts are the enterprise's own) */
  projectsByStage: Array<{ status: ProjectStatus; label: string; count: number }>;
  /**
   * Read from the pilot's ledger as of `asOf` (shared/funds/ledger.ts, 003 §二(五) 单独核算): approved and
   * disbursed net of 收回 / 扣减 and repayments; by source; the 002 §五(二) matching ratio; open orders.
   */
  funds: {
    approvedWan: number;
    disbursedWan: number;
    /** paid in the year less repaid in the year */
    disbursedInYearWan: number;
    smeSubsidiesWan: number;
    bySource: Record<'central' | 'local', SourceFigures>;
    ownInvestmentWan: number;
    matching: MatchingRatio;
    ordersInYear: number;
    outstandingWan: number;
  };
  /**
   * Warnings of the year: the bureau's own on projects and providers (滨海 §三(五)8), and those the
   * deadline sweep raised for missed reports, visits, signings and rectifications (逾期警示); its
   * escalations of review stages held too long (督办) are counted apart, being the officials' own.
   */
  warnings: {
    projectIssuedInYear: number;
    projectOpen: number;
    providerIssuedInYear: number;
    providerOpen: number;
    overdueInYear: number;
    escalationsInYear: number;
    totalInYear: number;
  };
  providers: { byStatus: Array<{ status: ProviderStatus; label: string; count: number }>; inPool: number; comprehensive: number; industry: number; products: number };
  sme: MaturityCounts | null;
}

function line(row: BoardRow): IndicatorLine {
  const { indicator, evaluation } = row;
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    direction: indicator.direction,
    target: indicator.target,
    targetDate: indicator.targetDate,
    responsibleUnit: indicator.responsibleUnit ?? null,
    source: indicator.source,
    latestPeriod: evaluation.latest?.period ?? null,
    latestValue: evaluation.latest?.value ?? null,
    attainment: evaluation.attainment,
    expected: evaluation.expected,
    projectedAtTargetDate: evaluation.projection?.atTargetDate ?? null,
    status: evaluation.status,
    statusLabel: row.statusLabel,
    reasons: evaluation.reasons.map((reason) => RISK_REASON_LABELS[reason]),
  };
}

const inYear = (at: string | undefined, year: number): boolean => at !== undefined && beijingDate(new Date(at)).startsWith(`${year}-`);
const notAfter = (at: string, asOf: Date): boolean => Date.parse(at) <= asOf.getTime();

/** The instant the evaluation of `year` is taken at: the year's last Beijing instant, or now during it. */
export function evaluationInstant(pilot: Pick<Pilot, 'periodStart'>, year: number, now: Date): Date {
  const first = Number(pilot.periodStart.slice(0, 4));
  const current = Number(beijingDate(now).slice(0, 4));
  if (!Number.isInteger(year) || year < first || year > current) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'year', message: `自评年度须在 ${first} 至 ${current} 年之间` }] });
  }
  const end = endOfBeijingDay(`${year}-12-31`);
  return end.getTime() < now.getTime() ? end : now;
}

export function selfEvaluation(
  pilot: Pilot,
  year: number,
  values: readonly ReportedValue[],
  sources: DerivationSources,
  sweepWarnings: readonly Pick<Warning, 'severity' | 'raisedAt'>[],
  now: Date,
): SelfEvaluation {
  const asOf = evaluationInstant(pilot, year, now);
  const rows = indicatorBoard(pilot, values, sources, asOf);
  const submitted = sources.projects.filter((project) => project.submittedAt !== undefined);
  const ledger = pilotLedger(pilot.id, submitted, asOf);
  const ofYear = (kind: LedgerEntry['kind']) => sumWan(ledger.entries.filter((entry) => entry.kind === kind && inYear(entry.at, year)).map((entry) => entry.amountWan));
  const projectWarnings = submitted.flatMap((project) => project.warnings);
  const providerWarnings = sources.providers.flatMap((provider) => provider.warnings);
  const projectIssuedInYear = projectWarnings.filter((warning) => inYear(warning.issuedAt, year)).length;
  const providerIssuedInYear = providerWarnings.filter((warning) => inYear(warning.issuedAt, year)).length;
  const sweptInYear = sweepWarnings.filter((warning) => inYear(warning.raisedAt, year) && notAfter(warning.raisedAt, asOf));
  const overdueInYear = sweptInYear.filter((warning) => warning.severity === 'warning').length;
  return {
    pilot: { id: pilot.id, name: pilot.name, city: pilot.city, kind: pilot.kind, periodStart: pilot.periodStart, periodEnd: pilot.periodEnd },
    year,
    asOf: asOf.toISOString(),
    generatedAt: now.toISOString(),
    indicators: rows.map(line),
    indicatorStatus: statusCounts(rows),
    projectsByStage: ProjectStatus.options
      .map((status) => ({ status, label: STATUS_LABELS[status], count: submitted.filter((project) => project.status === status).length }))
      .filter((stage) => stage.count > 0),
    funds: {
      approvedWan: sumWan([ledger.totals.central.netApprovedWan, ledger.totals.local.netApprovedWan]),
      disbursedWan: sumWan([ledger.totals.central.netPaidWan, ledger.totals.local.netPaidWan]),
      disbursedInYearWan: (toCents(ofYear('disbursement')) - toCents(ofYear('repayment'))) / 100,
      bySource: { central: ledger.totals.central, local: ledger.totals.local },
      ownInvestmentWan: ledger.totals.enterprise.ownInvestmentWan,
      matching: ledger.matching,
      ordersInYear: ledger.recoveries.filter((order) => inYear(order.orderedAt, year)).length,
      outstandingWan: sumWan(ledger.recoveries.map((order) => order.outstandingWan)),
      smeSubsidiesWan: sumWan(sources.smeFirms.flatMap((firm) => (firm.subsidy && notAfter(firm.subsidy.grantedAt, asOf) ? [firm.subsidy.amountWan] : []))),
    },
    warnings: {
      projectIssuedInYear,
      projectOpen: projectWarnings.filter((warning) => warning.clearedAt === undefined).length,
      providerIssuedInYear,
      providerOpen: providerWarnings.filter((warning) => warning.clearedAt === undefined).length,
      overdueInYear,
      escalationsInYear: sweptInYear.length - overdueInYear,
      totalInYear: projectIssuedInYear + providerIssuedInYear + overdueInYear,
    },
    providers: {
      byStatus: ProviderStatus.options
        .map((status) => ({ status, label: PROVIDER_STATUS_LABELS[status], count: sources.providers.filter((provider) => provider.status === status).length }))
        .filter((entry) => entry.count > 0),
      ...poolCounts(sources.providers),
    },
    sme: sources.smeFirms.length > 0 || pilot.kind === 'sme_digital' ? maturityCounts(sources.smeFirms) : null,
  };
}
