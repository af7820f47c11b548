import type { FieldIssue } from '../../../../shared/errors';
import { PROVIDER_ACTIONS, type ProviderAction } from '../../../../shared/providers/lifecycle';
import { fieldIssues } from '../../../../shared/validation';
import type { FullProviderView, ProviderDetail } from '../api/endpoints';

/**
 * The provider pool's action forms: which fields each step shows, and what the user typed turned into
 * the step's input and checked with the step's own schema (shared/providers/lifecycle.ts), so the page
 * refuses exactly what the API would.
 */
export type FieldKind = 'textarea' | 'text' | 'date' | 'tags' | 'productKind' | 'checkbox' | 'listedProduct';

export interface ActionField {
  /** the input's key, as the schema's issue paths name it */
  name: string;
  kind: FieldKind;
  required: boolean;
}

const field = (name: string, kind: FieldKind, required = true): ActionField => ({ name, kind, required });

/**
 * Steps whose input names the provider's own files (materials, rectification proof): each has a form
 * of its own (ResubmitForm, RectificationReportForm) beside the provider's uploads, not fields here.
 */
export const EVIDENCE_ACTIONS = ['resubmit', 'report_rectification'] as const satisfies readonly ProviderAction[];
export type EvidenceAction = (typeof EVIDENCE_ACTIONS)[number];
export type FormAction = Exclude<ProviderAction, EvidenceAction>;

export const ACTION_FIELDS: Readonly<Record<FormAction, readonly ActionField[]>> = {
  return_materials: [field('comments', 'textarea')],
  admit: [field('comments', 'textarea', false)],
  reject: [field('comments', 'textarea')],
  issue_warning: [field('reason', 'textarea')],
  clear_warning: [field('comments', 'textarea')],
  order_rectification: [field('requirements', 'textarea'), field('deadline', 'date')],
  accept_rectification: [field('comments', 'textarea', false)],
  eliminate: [field('reason', 'textarea')],
  publish_product: [
    field('name', 'text'),
    field('kind', 'productKind'),
    field('summary', 'textarea'),
    field('industries', 'tags'),
    field('scenarios', 'tags'),
    field('smallFastLightPrecise', 'checkbox', false),
  ],
  withdraw_product: [field('productId', 'listedProduct')],
  record_engagement: [field('projectId', 'text'), field('note', 'textarea', false)],
};

/** What the boxes hold; a checkbox as `'true'` or `''`. */
export type FormValues = Record<string, string>;

export function isFormAction(action: string): action is FormAction {
  return Object.hasOwn(ACTION_FIELDS, action);
}

/** The steps this reader may take with the generic form, in the table's order. */
export function formActions(view: Pick<FullProviderView, 'availableActions'>): FormAction[] {
  return view.availableActions.filter(isFormAction);
}

/** The steps this reader may take that name its files, in the table's order. */
export function evidenceActions(view: Pick<FullProviderView, 'availableActions'>): EvidenceAction[] {
  return view.availableActions.filter((action): action is EvidenceAction => (EVIDENCE_ACTIONS as readonly string[]).includes(action));
}

export function emptyValues(action: FormAction): FormValues {
  return Object.fromEntries(
    ACTION_FIELDS[action].map((item) => [item.name, item.kind === 'checkbox' ? 'true' : item.kind === 'productKind' ? 'product' : '']),
  );
}

/** Tags as typed: separated by commas or semicolons (either width), the Chinese list mark (U+3001) or new lines. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,\uff0c\u3001;\uff1b\n]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export function actionInput(action: FormAction, values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const item of ACTION_FIELDS[action]) {
    const value = values[item.name];
    if (item.kind === 'checkbox') input[item.name] = value === 'true';
    else if (item.kind === 'tags') input[item.name] = splitTags(value ?? '');
    else {
      const text = (value ?? '').trim();
      // A blank optional box is "not given"; a blank required one goes to the schema to refuse.
      if (text !== '' || item.required) input[item.name] = text;
    }
  }
  return input;
}

/** Issues keyed by the field (a tag's issue `industries.0` belongs to the industries box). */
export function checkAction(action: FormAction, values: FormValues): FieldIssue[] {
  const result = PROVIDER_ACTIONS[action].input.safeParse(actionInput(action, values));
  return result.success ? [] : fieldIssues(result.error).map((issue) => ({ ...issue, path: issue.path.split('.')[0] ?? '' }));
}

/** Whether the reader got the full record (in scope: the bureau, the operator, the provider itself). */
export function isFullView(view: ProviderDetail | FullProviderView | { availableActions?: unknown }): view is FullProviderView {
  return 'availableActions' in view && Array.isArray(view.availableActions);
}

/** The rectification under way: its deadline and whether it is overdue. */
export function openRectification(view: FullProviderView): { deadline: string; requirements: string; overdue: boolean } | undefined {
  const open = view.rectifications.at(-1);
  if (view.status !== 'rectifying' || !open || open.outcome !== undefined) return undefined;
  return { deadline: open.deadline, requirements: open.requirements, overdue: view.rectificationOverdue };
}
