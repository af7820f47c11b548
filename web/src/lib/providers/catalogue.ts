import type { PublicProduct } from '../api/endpoints';

/**
 * The 小快轻准 catalogue's filter, on the page: the tags offered are the ones the listed products carry,
 * and a product matches when it carries every tag chosen (as shared/providers/views.ts `catalogue`).
 */
export interface CatalogueChoice {
  industry: string;
  scenario: string;
  kind: '' | PublicProduct['kind'];
}

export const NO_CHOICE: CatalogueChoice = { industry: '', scenario: '', kind: '' };

export function tagsOf(items: readonly PublicProduct[], family: 'industries' | 'scenarios'): string[] {
  return [...new Set(items.flatMap((item) => item[family]))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

export function filterCatalogue(items: readonly PublicProduct[], choice: CatalogueChoice): PublicProduct[] {
  return items.filter(
    (item) =>
      (choice.industry === '' || item.industries.includes(choice.industry)) &&
      (choice.scenario === '' || item.scenarios.includes(choice.scenario)) &&
      (choice.kind === '' || item.kind === choice.kind),
  );
}
