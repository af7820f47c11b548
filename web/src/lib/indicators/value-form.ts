import type { FieldIssue } from '../../../../shared/errors';
import { SaveValueInput } from '../../../../shared/indicators/figures';
import { VALUE_ACTIONS, type ValueAction } from '../../../../shared/indicators/model';
import { Period } from '../../../../shared/indicators/period';
import type { Evaluation } from '../../../../shared/indicators/progress';
import { fieldIssues } from '../../../../shared/validation';
import type { EvidenceHolder } from '../../../../shared/evidence/holder';
import type { EvidenceView } from '../api/endpoints';
import { ApiError, errorMessage } from '../api/errors';
import { t } from '../i18n';

/**
 * The indicator value forms: what the user typed turned into the API's input and checked with the
 * same schemas the route uses (shared/indicators/figures.ts, model.ts, period.ts).
 */
export interface SaveValues {
  period: string;
  value: string;
  numerator: string;
  denominator: string;
  note: string;
  /** the period's data sources the figure names (000 主要指标表: 责任单位报送, with its 统计报表/台账) */
  evidenceIds: string[];
}

export const SAVE_FIELDS = ['period', 'value', 'numerator', 'denominator', 'note', 'evidenceIds'] as const;

export function emptySaveValues(period = ''): SaveValues {
  return { period, value: '', numerator: '', denominator: '', note: '', evidenceIds: [] };
}

/** A typed number; a blank box is "not given", anything unreadable is passed on for the schema to refuse. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

export function saveInput(values: SaveValues): Record<string, unknown> {
  const input: Record<string, unknown> = { note: values.note };
  for (const key of ['value', 'numerator', 'denominator'] as const) {
    const parsed = numberOrText(values[key]);
    if (parsed !== undefined) input[key] = parsed;
  }
  // Always sent: a save replaces the working figure, its sources included.
  input.evidenceIds = [...values.evidenceIds];
  return input;
}

/** The holder of a period's data sources, once the period typed is one (shared/evidence/holders.ts). */
export function sourcesHolder(pilotId: string, code: string, period: string): Extract<EvidenceHolder, { type: 'indicator' }> | undefined {
  const parsed = Period.safeParse(period.trim());
  return parsed.success ? { type: 'indicator', pilotId, code, period: parsed.data } : undefined;
}

/**
 * The sources ticked to begin with: those the stored figure names, or — for a figure without any —
 * every file of the period, since a figure cannot be submitted without one (shared/indicators/decide.ts).
 */
export function preselectSources(items: readonly Pick<EvidenceView, 'id'>[], named: readonly string[] = []): string[] {
  const ids = items.map((item) => item.id);
  const kept = named.filter((id) => ids.includes(id));
  return kept.length > 0 ? kept : ids;
}

export function checkSave(values: SaveValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const period = Period.safeParse(values.period.trim());
  if (!period.success) issues.push(...fieldIssues(period.error).map((issue) => ({ ...issue, path: 'period' })));
  // zod reports a non-number without the text typed (as "required"): say what is wrong here instead.
  const unreadable = (['value', 'numerator', 'denominator'] as const).filter((key) => typeof numberOrText(values[key]) === 'string');
  issues.push(...unreadable.map((path) => ({ path, message: t('indicators.notNumber') })));
  const input = SaveValueInput.safeParse(saveInput(values));
  if (!input.success) issues.push(...fieldIssues(input.error).filter((issue) => !(unreadable as string[]).includes(issue.path)));
  return issues;
}

/** Review steps take a comment (required to return, optional to approve) or nothing. */
export function takesComments(action: ValueAction): boolean {
  return action === 'approve' || action === 'return';
}

export function reviewInput(action: ValueAction, comments: string): Record<string, unknown> {
  return takesComments(action) ? { comments } : {};
}

export function checkReview(action: ValueAction, comments: string): FieldIssue[] {
  const result = VALUE_ACTIONS[action].input.safeParse(reviewInput(action, comments));
  return result.success ? [] : fieldIssues(result.error);
}

export function isValueAction(action: string): action is ValueAction {
  return Object.hasOwn(VALUE_ACTIONS, action);
}

/** A refusal as issues: the server's own per-field issues, or one line naming no field. */
export function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof ApiError && error.issues.length > 0) return error.issues;
  return [{ path: '', message: errorMessage(error) }];
}

/** The trend in words' parameters: reaching the target on a day, or where the line ends up. */
export function trendOf(evaluation: Evaluation): { meets: true; date: string } | { meets: false; value: number } | null {
  const projection = evaluation.projection;
  if (!projection) return null;
  if (projection.reachesTargetOn) return { meets: true, date: projection.reachesTargetOn };
  return { meets: false, value: projection.atTargetDate };
}
