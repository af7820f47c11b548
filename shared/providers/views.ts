import type { Principal } from '../roles';
import type { SmeFirm } from '../sme/model';
import { beijingDate } from '../projects/values';
import { availableProviderActions, canSeeProvider } from './decide';
import { isInPool, type Product, type Provider, type ProviderKind, type ProviderStatus } from './model';

/**
 * What each reader sees of a provider. The public and the pilot firms choose from the pool
 * (004 §三: 形成服务商资源池，供试点企业自愿选择), so they see the name, kind, industries, scenarios, summary
 * and listed products of providers in the pool — never materials (financial statements, licences,
 * resumes), contacts or review notes. Built field by field, never by omission.
 */
export interface PublicProduct {
  id: string;
  providerId: string;
  providerName: string;
  name: string;
  kind: Product['kind'];
  summary: string;
  industries: string[];
  scenarios: string[];
  smallFastLightPrecise: boolean;
}

export interface PublicProvider {
  id: string;
  name: string;
  kind: ProviderKind;
  status: ProviderStatus;
  industries: string[];
  scenarios: string[];
  summary: string;
  products: PublicProduct[];
}

function listed(provider: Provider): Product[] {
  return provider.products.filter((product) => product.withdrawnAt === undefined);
}

export function publicProduct(provider: Provider, product: Product): PublicProduct {
  return {
    id: product.id,
    providerId: provider.id,
    providerName: provider.name,
    name: product.name,
    kind: product.kind,
    summary: product.summary,
    industries: [...product.industries],
    scenarios: [...product.scenarios],
    smallFastLightPrecise: product.smallFastLightPrecise,
  };
}

/** A provider in the pool as anyone sees it; undefined outside the pool. */
export function publicProvider(provider: Provider): PublicProvider | undefined {
  if (!isInPool(provider.status)) return undefined;
  return {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    status: provider.status,
    industries: [...provider.industries],
    scenarios: [...provider.scenarios],
    summary: provider.summary,
    products: listed(provider).map((product) => publicProduct(provider, product)),
  };
}

export interface CatalogueFilter {
  industry?: string | undefined;
  scenario?: string | undefined;
  kind?: Product['kind'] | undefined;
}

/** The 小快轻准 catalogue: listed products of providers in the pool, optionally by tag. */
export function catalogue(providers: readonly Provider[], filter: CatalogueFilter = {}): PublicProduct[] {
  return providers
    .filter((provider) => isInPool(provider.status))
    .flatMap((provider) => listed(provider).map((product) => publicProduct(provider, product)))
    .filter(
      (product) =>
        (filter.industry === undefined || product.industries.includes(filter.industry)) &&
        (filter.scenario === undefined || product.scenarios.includes(filter.scenario)) &&
        (filter.kind === undefined || product.kind === filter.kind),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Pool counts by kind, as the targets count them (004 §三: 3 综合型, ≥60 行业型（含场景型）). */
export function poolCounts(providers: readonly Provider[]): { inPool: number; comprehensive: number; industry: number; products: number } {
  const pool = providers.filter((provider) => isInPool(provider.status));
  return {
    inPool: pool.length,
    comprehensive: pool.filter((provider) => provider.kind === 'comprehensive').length,
    industry: pool.filter((provider) => provider.kind !== 'comprehensive').length,
    products: pool.reduce((sum, provider) => sum + listed(provider).length, 0),
  };
}

/** The SME firms a provider serves: as the comprehensive provider that diagnoses them, or through the plan they adopted. */
export function servedFirms(providerId: string, firms: readonly SmeFirm[]): Array<{ firmId: string; enterpriseName: string; status: SmeFirm['status']; role: 'diagnosis' | 'plan' }> {
  return firms.flatMap((firm) => {
    const roles: Array<'diagnosis' | 'plan'> = [];
    if (firm.comprehensiveProviderId === providerId) roles.push('diagnosis');
    if (firm.plan?.details.providerId === providerId) roles.push('plan');
    return roles.map((role) => ({ firmId: firm.id, enterpriseName: firm.enterpriseName, status: firm.status, role }));
  });
}

/** The current rectification is past its deadline with no accepted outcome (shown as overdue). */
export function rectificationOverdue(provider: Provider, now: Date): boolean {
  const open = provider.rectifications.at(-1);
  return provider.status === 'rectifying' && open !== undefined && open.outcome === undefined && open.deadline < beijingDate(now);
}

function fullView(actor: Principal, provider: Provider, now: Date): FullProviderView {
  return { ...provider, availableActions: availableProviderActions(provider, actor), rectificationOverdue: rectificationOverdue(provider, now) };
}

/** The view a signed-in reader gets: the full record in scope, the public view otherwise (or nothing). */
export function providerViewFor(actor: Principal, provider: Provider, now: Date): FullProviderView | PublicProvider | undefined {
  return canSeeProvider(actor, provider) ? fullView(actor, provider, now) : publicProvider(provider);
}

export type FullProviderView = Provider & { availableActions: string[]; rectificationOverdue: boolean };
export type ProviderDetail = (FullProviderView & { servedFirms: ReturnType<typeof servedFirms> }) | PublicProvider;

/** One provider for this reader, with the SME firms it serves when the reader may see its full record. */
export function providerDetailFor(actor: Principal, provider: Provider, firms: readonly SmeFirm[], now: Date): ProviderDetail | undefined {
  if (!canSeeProvider(actor, provider)) return publicProvider(provider);
  return { ...fullView(actor, provider, now), servedFirms: servedFirms(provider.id, firms) };
}

/** The pool as this reader sees it, optionally one status; the counts are the pool's, whoever reads. */
export function poolView(actor: Principal, providers: readonly Provider[], status: ProviderStatus | undefined, now: Date) {
  const items = providers
    .filter((provider) => status === undefined || provider.status === status)
    .map((provider) => providerViewFor(actor, provider, now))
    .filter((view) => view !== undefined);
  return { items, counts: poolCounts(providers) };
}
