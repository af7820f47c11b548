import type { PublicFunds } from '../funds/ledger';
import type { Indicator, Pilot, PilotKind } from '../pilots/model';
import type { PublicProject as ProjectPublicView } from '../projects/visibility';
import type { PublicProduct, PublicProvider } from '../providers/views';
import type { TownReporting } from './reporting';

/**
 * The public snapshots the backend publishes to the site bucket under `/data/` whenever disclosed
 * data changes. A public visitor reads only these files: never a Lambda, never a table. They hold
 * disclosed fields only: no contacts, invoices, budgets, scores or financial statements.
 */
export interface PublicIndex {
  generatedAt: string;
  pilots: Array<{ id: string; name: string; city: string; kind: PilotKind; periodStart: string; periodEnd: string }>;
}

export interface IndicatorValue {
  period: string;
  value: number;
}

/** Where an indicator stands (shared/indicators/progress.ts): status by the documented rule, trend to the target date. */
export interface PublicEvaluation {
  status: 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data';
  statusLabel: string;
  attainment: number | null;
  expected: number | null;
  reasons: string[];
  projectedAtTargetDate: number | null;
  reachesTargetOn: string | null;
}

export interface PublicIndicator extends Indicator {
  /** the latest approved (or derived) value, absent until there is one */
  latest?: IndicatorValue;
  history: IndicatorValue[];
  evaluation?: PublicEvaluation;
}

/** A project's disclosed fields (shared/projects/visibility.ts) plus the enterprise's name, as 公示 lists it. */
export type PublicProject = ProjectPublicView & { enterpriseName: string };

export interface PublicPilot {
  generatedAt: string;
  pilot: Omit<Pilot, 'indicators'>;
  indicators: PublicIndicator[];
  projectsByStatus: Record<string, number>;
  /** read from the pilot's ledger (shared/funds/ledger.ts): net of 收回 / 扣减 and repayments, by source */
  funds: { approvedWan: number; disbursedWan: number } & Partial<Omit<PublicFunds, 'approvedWan' | 'disbursedWan'>>;
  /** the provider pool: counts, and each provider in it (no materials, financial statements or contacts) */
  providers: { admitted: number; comprehensive?: number; industry?: number; list?: PublicProvider[] };
  /** the 小快轻准 catalogue: listed products of providers in the pool */
  catalogue?: PublicProduct[];
  projects: PublicProject[];
  /** each town/park's on-time reporting rate (shared/public/reporting.ts) */
  reporting?: TownReporting[];
}

export const SNAPSHOT_PATHS = {
  index: 'index.json',
  pilot: (pilotId: string) => `pilots/${pilotId}.json`,
} as const;

export function publicIndex(pilots: readonly Pilot[], now: Date): PublicIndex {
  return {
    generatedAt: now.toISOString(),
    pilots: pilots.map(({ id, name, city, kind, periodStart, periodEnd }) => ({ id, name, city, kind, periodStart, periodEnd })),
  };
}

/** Builds a pilot's public snapshot from disclosed project views; no private field can enter. */
export function publicPilot(
  pilot: Pilot,
  projects: readonly PublicProject[],
  extra: {
    indicatorValues?: Record<string, IndicatorValue[]>;
    evaluations?: Record<string, PublicEvaluation>;
    disbursedWan?: number;
    /** the ledger's public figures; when given, they are the funds shown */
    funds?: PublicFunds;
    admittedProviders?: number;
    providerPool?: { comprehensive: number; industry: number; list: PublicProvider[] };
    catalogue?: PublicProduct[];
    reporting?: TownReporting[];
  } = {},
  now: Date,
): PublicPilot {
  const { indicators, ...rest } = pilot;
  const projectsByStatus: Record<string, number> = {};
  for (const project of projects) projectsByStatus[project.status] = (projectsByStatus[project.status] ?? 0) + 1;
  return {
    generatedAt: now.toISOString(),
    pilot: rest,
    indicators: indicators.map((indicator) => {
      const history = [...(extra.indicatorValues?.[indicator.code] ?? [])].sort((a, b) => a.period.localeCompare(b.period));
      const latest = history.at(-1);
      const evaluation = extra.evaluations?.[indicator.code];
      return { ...indicator, history, ...(latest ? { latest } : {}), ...(evaluation ? { evaluation } : {}) };
    }),
    projectsByStatus,
    funds: extra.funds ?? {
      approvedWan: projects.reduce((sum, project) => sum + (project.approvedAmountWan ?? 0), 0),
      disbursedWan: extra.disbursedWan ?? 0,
    },
    providers: { admitted: extra.admittedProviders ?? 0, ...(extra.providerPool ?? {}) },
    catalogue: [...(extra.catalogue ?? [])],
    projects: [...projects],
    ...(extra.reporting ? { reporting: [...extra.reporting] } : {}),
  };
}
