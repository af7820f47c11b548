import { categoriesFor, EVIDENCE_CATEGORIES, type EvidenceCategory } from '../../../../shared/evidence/categories';
import type { FullProviderView, PublicProduct, PublicProvider } from '../../../../shared/providers/views';
import type { Role } from '../../../../shared/roles';
import { SME_ACTION_NAMES, SME_TERMINAL_STATUSES, type SmeAction } from '../../../../shared/sme/lifecycle';
import type { SmeFirm, SmeStatus } from '../../../../shared/sme/model';
import type { EvidenceView } from '../api/endpoints';
import { formatWan } from '../format';
import { t } from '../i18n';

/**
 * A pilot SME's page (004 武清 SME plan): which files the reader may hand in, which of the firm's
 * files a step may name, what the firm has been through so far, and the pool's names for the ids a
 * firm holds. Pure, so the pages and the unit tests share it.
 */

/**
 * The one file each step names by kind (shared/evidence/references.ts `smeEvidenceReferences`; a unit
 * test keeps the two equal): the page offers only files the API will accept in that field.
 */
export const REPORT_CATEGORY = {
  record_diagnosis: 'diagnosis_report',
  adopt_plan: 'plan',
  assess_maturity: 'maturity_report',
} as const satisfies Partial<Record<SmeAction, EvidenceCategory>>;

/** The kind of file a step wants first: offered first in the uploader while the step is open. */
const STEP_UPLOADS: Partial<Record<SmeAction, EvidenceCategory>> = { ...REPORT_CATEGORY, complete_transformation: 'site_photo' };

export function isTerminal(status: SmeStatus): boolean {
  return (SME_TERMINAL_STATUSES as readonly string[]).includes(status);
}

/**
 * What the reader may upload to the firm now: the SME categories whose uploaders include one of the
 * reader's roles that may call the upload route at all (shared/routes.ts), nothing once the firm is
 * subsidised or withdrawn. The kinds the reader's open steps name come first.
 */
export function smeUploadable(
  roles: readonly Role[],
  firm: Pick<SmeFirm, 'status'> & { availableActions?: readonly string[] },
  routeRoles: readonly Role[] | undefined,
): EvidenceCategory[] {
  if (isTerminal(firm.status)) return [];
  const callers = routeRoles === undefined ? roles : roles.filter((role) => routeRoles.includes(role));
  const allowed = categoriesFor('sme').filter((category) => EVIDENCE_CATEGORIES[category].uploaders.some((role) => callers.includes(role)));
  const wanted = (firm.availableActions ?? []).flatMap((action) => {
    const category = STEP_UPLOADS[action as SmeAction];
    return category ? [category] : [];
  });
  return [...allowed.filter((category) => wanted.includes(category)), ...allowed.filter((category) => !wanted.includes(category))];
}

/** The steps to offer, in the path's order (shared/sme/lifecycle.ts), whatever order the API listed them in. */
export function offeredSmeActions(firm: { availableActions: readonly string[] }): SmeAction[] {
  return SME_ACTION_NAMES.filter((action) => firm.availableActions.includes(action));
}

/** The firm's files of one kind, newest first. */
export function filesOfCategory(items: readonly EvidenceView[], category: EvidenceCategory): EvidenceView[] {
  return [...items].filter((item) => item.category === category).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/** Every file id the firm's record names already: its diagnosis, plan, completions and assessments. */
export function namedIds(firm: SmeFirm): Set<string> {
  const ids = new Set<string>();
  if (firm.diagnosis) ids.add(firm.diagnosis.reportEvidenceId);
  if (firm.plan?.details.kind === 'custom') ids.add(firm.plan.details.planEvidenceId);
  for (const completion of firm.transformation?.completions ?? []) completion.evidenceIds.forEach((id) => ids.add(id));
  for (const assessment of firm.assessments) {
    ids.add(assessment.reportEvidenceId);
    assessment.evidenceIds.forEach((id) => ids.add(id));
  }
  return ids;
}

/** Files not yet named by any step, in upload order: what a new step most likely means. */
export function unnamedFiles(firm: SmeFirm, items: readonly EvidenceView[], keep: (item: EvidenceView) => boolean): EvidenceView[] {
  const named = namedIds(firm);
  return [...items].filter((item) => !named.has(item.id) && keep(item)).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
}

/** The level the firm stands at: the accepted one, else the latest assessment's. */
export function currentLevel(firm: Pick<SmeFirm, 'acceptance' | 'assessments'>): number | undefined {
  return firm.acceptance?.level ?? firm.assessments.at(-1)?.level;
}

/** Names for the ids a firm holds (providers, products), from whatever the reader could load. */
export interface PoolNames {
  providers: Record<string, string>;
  products: Record<string, string>;
}

export function poolNames(catalogue: readonly PublicProduct[], pool: ReadonlyArray<FullProviderView | PublicProvider> = []): PoolNames {
  const names: PoolNames = { providers: {}, products: {} };
  for (const product of catalogue) {
    names.providers[product.providerId] = product.providerName;
    names.products[product.id] = product.name;
  }
  for (const provider of pool) {
    names.providers[provider.id] = provider.name;
    for (const product of provider.products) names.products[product.id] = product.name;
  }
  return names;
}

export interface CatalogueGroup {
  providerId: string;
  providerName: string;
  products: PublicProduct[];
}

/** The 小快轻准 catalogue by provider: a plan of products names one provider and some of its products. */
export function catalogueGroups(items: readonly PublicProduct[]): CatalogueGroup[] {
  const groups = new Map<string, CatalogueGroup>();
  for (const product of items) {
    const group = groups.get(product.providerId) ?? { providerId: product.providerId, providerName: product.providerName, products: [] };
    group.products.push(product);
    groups.set(product.providerId, group);
  }
  return [...groups.values()].sort((a, b) => a.providerName.localeCompare(b.providerName, 'zh-CN'));
}

export interface ProgressEntry {
  at: string;
  title: string;
  detail?: string;
  /** the files the step named, as ids */
  files: string[];
  tone?: 'success' | 'warning';
}

/**
 * What the firm has been through, oldest first, read from its own record: enrolment, diagnosis,
 * plan, transformation and each completion, each assessment, acceptance, subsidy or withdrawal.
 */
export function firmProgress(firm: SmeFirm, names: PoolNames = { providers: {}, products: {} }): ProgressEntry[] {
  const provider = (id: string) => names.providers[id] ?? id;
  const entries: ProgressEntry[] = [{ at: firm.createdAt, title: t('sme.progress.enrolled', { batch: firm.batch }), files: [] }];
  if (firm.diagnosis) {
    entries.push({
      at: firm.diagnosis.diagnosedAt,
      title: t('sme.progress.diagnosed', { provider: provider(firm.diagnosis.providerId) }),
      detail: firm.diagnosis.summary,
      files: [firm.diagnosis.reportEvidenceId],
    });
  }
  if (firm.plan) {
    const plan = firm.plan.details;
    entries.push(
      plan.kind === 'custom'
        ? { at: firm.plan.adoptedAt, title: t('sme.progress.customPlan', { provider: provider(plan.providerId) }), detail: plan.summary, files: [plan.planEvidenceId] }
        : {
            at: firm.plan.adoptedAt,
            title: t('sme.progress.productPlan', {
              provider: provider(plan.providerId),
              products: plan.productIds.map((id) => names.products[id] ?? id).join(t('common.listSeparator')),
            }),
            detail: plan.summary,
            files: [],
          },
    );
  }
  if (firm.transformation) {
    entries.push({ at: firm.transformation.startedAt, title: t('sme.progress.started'), files: [] });
    for (const completion of firm.transformation.completions) {
      entries.push({ at: completion.completedAt, title: t('sme.progress.completed'), detail: completion.summary, files: [...completion.evidenceIds] });
    }
  }
  for (const assessment of firm.assessments) {
    entries.push({
      at: assessment.assessedAt,
      title: t('sme.progress.assessed', { level: assessment.level }),
      detail: assessment.summary,
      files: [assessment.reportEvidenceId, ...assessment.evidenceIds],
    });
  }
  if (firm.acceptance) {
    entries.push({
      at: firm.acceptance.acceptedAt,
      title: t('sme.progress.accepted', { level: firm.acceptance.level }),
      ...(firm.acceptance.comments ? { detail: firm.acceptance.comments } : {}),
      files: [],
      tone: 'success',
    });
  }
  if (firm.subsidy) {
    entries.push({
      at: firm.subsidy.grantedAt,
      title: t('sme.progress.subsidised', { level: firm.subsidy.level, amount: formatWan(firm.subsidy.amountWan) }),
      ...(firm.subsidy.reference ? { detail: t('sme.progress.reference', { reference: firm.subsidy.reference }) } : {}),
      files: [],
      tone: 'success',
    });
  }
  if (firm.closure) entries.push({ at: firm.closure.at, title: t('sme.progress.withdrawn'), detail: firm.closure.reason, files: [], tone: 'warning' });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** 004 §五: a batch's transformation and acceptance windows, as the facts show them. */
export function batchWindow(window: { from: string; to: string }): string {
  return t('sme.batchWindow', { from: formatMonth(window.from), to: formatMonth(window.to) });
}

function formatMonth(month: string): string {
  const [year, value] = month.split('-');
  return t('format.month', { y: year ?? month, m: Number(value ?? '0') });
}

/** A subsidy table's amount for a level, or the words for "not set". */
export function policyAmount(policy: { subsidyWanByLevel: Record<2 | 3 | 4, number> } | null | undefined, level: number): string {
  if (!policy || (level !== 2 && level !== 3 && level !== 4)) return t('sme.policy.none');
  return formatWan(policy.subsidyWanByLevel[level]);
}

/** A level's distance to its target (004 §三): still to go, reached, or beyond it. */
export function gapText(gap: number | null): string {
  if (gap === null) return t('smeMaturity.noTarget');
  if (gap < 0) return t('smeMaturity.short', { count: -gap });
  return gap === 0 ? t('smeMaturity.met') : t('smeMaturity.over', { count: gap });
}
