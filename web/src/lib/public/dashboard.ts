import type { PublicEvaluation, PublicIndicator, PublicPilot, PublicProject } from '../../../../shared/public/snapshot';
import type { TownReporting } from '../../../../shared/public/reporting';
import { label, t } from '../i18n';
import type { CsvColumn } from './csv';

/**
 * The rows behind each table of a pilot's public dashboard, computed once from the snapshot; the
 * tables render them and the downloads export them, so what is shown and what is saved agree.
 */
/** The published evaluation's status (shared/indicators/progress.ts decides it; the page only shows it). */
export type IndicatorState = PublicEvaluation['status'];

export interface IndicatorRow {
  indicator: PublicIndicator;
  /** How far the latest value has come towards the target; 1 is met. Undefined without a value. */
  progress: number | undefined;
  state: IndicatorState;
}

/**
 * The status and attainment come from the snapshot's evaluation, so the dashboard says what the
 * bureau's own board says (on track, at risk, missed, met). Without one (an older snapshot) only the
 * plain attainment is shown: ≥ targets latest ÷ target; ≤ targets (lower is better) target ÷ latest.
 */
export function indicatorRow(indicator: PublicIndicator): IndicatorRow {
  const latest = indicator.latest?.value;
  const evaluation = indicator.evaluation;
  if (latest === undefined || !Number.isFinite(latest)) return { indicator, progress: undefined, state: evaluation?.status ?? 'no_data' };
  const attainment = indicator.direction === 'at_most' ? (latest <= 0 ? 1 : indicator.target / latest) : indicator.target === 0 ? 1 : latest / indicator.target;
  return { indicator, progress: evaluation?.attainment ?? attainment, state: evaluation?.status ?? (attainment >= 1 ? 'met' : 'no_data') };
}

export interface StatusRow {
  status: string;
  count: number;
}

/** Statuses in the snapshot's order, empty ones left out. */
export function statusRows(byStatus: PublicPilot['projectsByStatus']): StatusRow[] {
  return Object.entries(byStatus)
    .filter(([, count]) => typeof count === 'number' && count > 0)
    .map(([status, count]) => ({ status, count }));
}

export interface FundRow {
  item: 'approved' | 'disbursed';
  amountWan: number;
}

export function fundRows(funds: PublicPilot['funds']): FundRow[] {
  return [
    { item: 'approved', amountWan: funds.approvedWan },
    { item: 'disbursed', amountWan: funds.disbursedWan },
  ];
}

export function disbursementRate(funds: PublicPilot['funds']): number | undefined {
  return funds.approvedWan > 0 ? funds.disbursedWan / funds.approvedWan : undefined;
}

export function townName(pilot: Pick<PublicPilot['pilot'], 'towns'>, code: string): string {
  return pilot.towns?.find((town) => town.code === code)?.name ?? code;
}

export function filterProjects(projects: readonly PublicProject[], status: string, search: string): PublicProject[] {
  const needle = search.trim().toLowerCase();
  return projects.filter(
    (project) =>
      (status === '' || project.status === status) &&
      (needle === '' || project.title.toLowerCase().includes(needle) || project.enterpriseName.toLowerCase().includes(needle)),
  );
}

export const INDICATOR_STATE_KEYS = {
  met: 'dashboard.indicators.met',
  on_track: 'dashboard.indicators.onTrack',
  at_risk: 'dashboard.indicators.atRisk',
  missed: 'dashboard.indicators.missed',
  no_data: 'dashboard.indicators.noValue',
} as const satisfies Record<IndicatorState, string>;

export function indicatorColumns(): CsvColumn<IndicatorRow>[] {
  return [
    { header: t('dashboard.indicators.name'), value: (row) => row.indicator.name },
    { header: t('dashboard.indicators.unit'), value: (row) => row.indicator.unit },
    { header: t('dashboard.indicators.target'), value: (row) => row.indicator.target },
    { header: t('dashboard.indicators.state'), value: (row) => t(INDICATOR_STATE_KEYS[row.state]) },
    { header: t('dashboard.indicators.latest'), value: (row) => row.indicator.latest?.value },
    { header: t('dashboard.indicators.period'), value: (row) => row.indicator.latest?.period },
    { header: t('dashboard.indicators.progress'), value: (row) => (row.progress === undefined ? undefined : Math.round(row.progress * 1000) / 10) },
    { header: t('dashboard.indicators.targetDate'), value: (row) => row.indicator.targetDate },
    { header: t('dashboard.indicators.responsible'), value: (row) => row.indicator.responsibleUnit },
    { header: t('dashboard.indicators.code'), value: (row) => row.indicator.code },
    { header: t('dashboard.indicators.direction'), value: (row) => label('direction', row.indicator.direction) },
  ];
}

export function statusColumns(): CsvColumn<StatusRow>[] {
  return [
    { header: t('dashboard.status.status'), value: (row) => label('status', row.status) },
    { header: t('dashboard.status.count'), value: (row) => row.count },
    { header: t('dashboard.status.code'), value: (row) => row.status },
  ];
}

export function fundColumns(): CsvColumn<FundRow>[] {
  return [
    { header: t('dashboard.funds.item'), value: (row) => t(row.item === 'approved' ? 'dashboard.funds.approved' : 'dashboard.funds.disbursed') },
    { header: t('dashboard.funds.amount'), value: (row) => row.amountWan },
  ];
}

export function projectColumns(pilot: Pick<PublicPilot['pilot'], 'towns'>): CsvColumn<PublicProject>[] {
  return [
    { header: t('dashboard.projects.name'), value: (row) => row.title },
    { header: t('dashboard.projects.enterprise'), value: (row) => row.enterpriseName },
    { header: t('dashboard.projects.town'), value: (row) => townName(pilot, row.town) },
    { header: t('dashboard.projects.category'), value: (row) => label('category', row.category) },
    { header: t('dashboard.projects.demonstrationType'), value: (row) => label('demonstrationType', row.demonstrationType) },
    { header: t('dashboard.projects.status'), value: (row) => label('status', row.status) },
    { header: t('dashboard.funds.amount'), value: (row) => row.approvedAmountWan },
    { header: t('dashboard.projects.noticeStart'), value: (row) => row.noticeStart },
    { header: t('dashboard.projects.noticeEnd'), value: (row) => row.noticeEnd },
    { header: t('dashboard.projects.agreementSignedAt'), value: (row) => row.agreementSignedAt },
    { header: t('dashboard.projects.fundPlanIssuedAt'), value: (row) => row.fundPlanIssuedAt },
    { header: t('dashboard.projects.acceptedAt'), value: (row) => row.acceptedAt },
    { header: t('dashboard.projects.closedAt'), value: (row) => row.closedAt },
    { header: t('dashboard.projects.id'), value: (row) => row.id },
  ];
}

export function reportingColumns(): CsvColumn<TownReporting>[] {
  return [
    { header: t('dashboard.reporting.town'), value: (row) => row.name },
    { header: t('dashboard.reporting.due'), value: (row) => row.due },
    { header: t('dashboard.reporting.onTime'), value: (row) => row.onTime },
    { header: t('dashboard.reporting.rate'), value: (row) => (row.rate === null ? undefined : Math.round(row.rate * 1000) / 10) },
    { header: t('dashboard.reporting.code'), value: (row) => row.town },
  ];
}
