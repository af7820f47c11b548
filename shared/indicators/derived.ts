import type { EnterpriseScale } from '../enterprises/model';
import type { Indicator, IndicatorDerivation, Pilot } from '../pilots/model';
import { projectFunds } from '../funds/project';
import type { Project } from '../projects/model';
import { beijingDate, sumWan } from '../projects/values';
import type { Provider } from '../providers/model';
import type { SmeFirm } from '../sme/model';
import { endOfBeijingDay, periodEnd, quartersBetween } from './period';
import type { Point } from './progress';

/**
 * Derived indicators: computed from the platform's own records, never typed in. Each rule reads the
 * records as of an instant (by the timestamps the lifecycles write), so the same function gives the
 * current value and the quarterly history the trend projection needs. Computed on read (the
 * indicator board, the self-evaluation, the cross-pilot view) and on publish (the public snapshot);
 * nothing derived is stored, so it can never disagree with the records.
 */
export interface DerivationSources {
  projects: readonly Project[];
  /** 规上/规下 of each project's enterprise, by 统一社会信用代码 */
  enterpriseScale: ReadonlyMap<string, EnterpriseScale>;
  providers: readonly Provider[];
  smeFirms: readonly SmeFirm[];
}

const by = (at: string | undefined, asOf: Date): boolean => at !== undefined && Date.parse(at) <= asOf.getTime();

function closedBy(project: Project, asOf: Date): boolean {
  return by(project.closure?.at, asOf);
}

function acceptedAt(project: Project): string | undefined {
  return project.acceptanceRounds.find((round) => round.decision?.outcome === 'accepted')?.decision?.decidedAt;
}

function inPoolAt(provider: Provider, asOf: Date): boolean {
  return by(provider.admittedAt, asOf) && !by(provider.elimination?.at, asOf);
}

function acceptedFirms(firms: readonly SmeFirm[], asOf: Date): SmeFirm[] {
  return firms.filter((firm) => by(firm.acceptance?.acceptedAt, asOf));
}

/** 万元 from the records, expressed in the indicator's unit (亿元 in 000 #9). */
function inUnit(wan: number, unit: string): number {
  return unit.trim() === '亿元' ? wan / 10_000 : wan;
}

type Rule = (sources: DerivationSources, asOf: Date, unit: string) => number;

export const DERIVATIONS: Record<IndicatorDerivation, Rule> = {
  // 000 #3 主导产业累计实施数字化技术改造的规模以上工业企业数量: distinct above-scale enterprises whose key
  // project has started implementation (fund plan issued, 002 §三(五)6) and was not terminated.
  above_scale_firms_transformed: ({ projects, enterpriseScale }, asOf) =>
    new Set(
      projects
        .filter((project) => by(project.fundPlan?.issuedAt, asOf) && !closedBy(project, asOf) && enterpriseScale.get(project.uscc) === 'above')
        .map((project) => project.uscc),
    ).size,
  // 000 §一: 完成10个中央资金支持的重点项目 — accepted by the bureau (002 §三(五)9).
  accepted_key_projects: ({ projects }, asOf) => projects.filter((project) => project.category === 'central_fund' && by(acceptedAt(project), asOf)).length,
  // 000 #9 实施期内地方支持技术改造财政资金累计金额: local funds paid, read from the ledger by source
  // (shared/funds/project.ts) — the locally funded projects' and the local matching on central-fund
  // projects (002 §五(二)) alike — net of repayments against 收回 orders.
  local_funds: ({ projects }, asOf, unit) => inUnit(sumWan(projects.map((project) => projectFunds(project, asOf).local.netPaidWan)), unit),
  // 000 #8 培育数字化转型专业化服务商: providers admitted into the pool and not eliminated.
  providers_in_pool: ({ providers }, asOf) => providers.filter((provider) => inPoolAt(provider, asOf)).length,
  // 004 §三: 培育3家综合型服务商和不少于60家行业型（含场景型）服务商
  providers_comprehensive: ({ providers }, asOf) => providers.filter((provider) => provider.kind === 'comprehensive' && inPoolAt(provider, asOf)).length,
  providers_industry: ({ providers }, asOf) => providers.filter((provider) => provider.kind !== 'comprehensive' && inPoolAt(provider, asOf)).length,
  // 004 §三: 培育不少于55个"小快轻准"产品和解决方案 — listed by a provider in the pool.
  catalogue_products: ({ providers }, asOf) =>
    providers
      .filter((provider) => inPoolAt(provider, asOf))
      .flatMap((provider) => provider.products)
      .filter((product) => product.smallFastLightPrecise && by(product.listedAt, asOf) && !by(product.withdrawnAt, asOf)).length,
  // 004 §三: 完成不少于524家试点企业的数字化改造, 所有试点企业数字化水平全部达到二级及以上 — accepted firms.
  sme_transformed: ({ smeFirms }, asOf) => acceptedFirms(smeFirms, asOf).length,
  // 004 §三: 二级473家、三级32家、四级19家 (473 + 32 + 19 = 524: each firm counts at the level it was accepted at).
  sme_level_2: ({ smeFirms }, asOf) => acceptedFirms(smeFirms, asOf).filter((firm) => firm.acceptance?.level === 2).length,
  sme_level_3: ({ smeFirms }, asOf) => acceptedFirms(smeFirms, asOf).filter((firm) => firm.acceptance?.level === 3).length,
  sme_level_4: ({ smeFirms }, asOf) => acceptedFirms(smeFirms, asOf).filter((firm) => firm.acceptance?.level === 4).length,
};

/** The indicator's value as of `asOf`, or undefined for an indicator with no derivation rule. */
export function deriveValue(indicator: Pick<Indicator, 'derivation' | 'unit'>, sources: DerivationSources, asOf: Date): number | undefined {
  return indicator.derivation === undefined ? undefined : DERIVATIONS[indicator.derivation](sources, asOf, indicator.unit);
}

/**
 * The quarterly history of a derived indicator from the pilot's start to `asOf`: one point at the
 * end of each finished quarter and one for the running quarter, dated `asOf`.
 */
export function derivedHistory(indicator: Pick<Indicator, 'derivation' | 'unit'>, pilot: Pick<Pilot, 'periodStart'>, sources: DerivationSources, asOf: Date): Point[] {
  if (indicator.derivation === undefined) return [];
  const today = beijingDate(asOf);
  if (today < pilot.periodStart) return [];
  return quartersBetween(pilot.periodStart, today).map((quarter) => {
    const end = periodEnd(quarter);
    const running = end >= today;
    const instant = running ? asOf : endOfBeijingDay(end);
    return { period: quarter, date: running ? today : end, value: deriveValue(indicator, sources, instant) ?? 0 };
  });
}
