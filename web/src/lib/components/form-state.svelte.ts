import type { FieldIssue } from '../../../../shared/errors';
import { ApiError, errorMessage, mapIssuesToFields } from '../api/errors';
import { t } from '../i18n';
import type { SummaryItem } from './form-field';

export type FormCheck<Input> = { ok: true; input: Input } | { ok: false; issues: FieldIssue[] };

/**
 * A form checked with a shared schema: the message beside each field and the summary on top, alike
 * for the browser's check and the server's `issues[]` (both land by path, `materials.caseIds.0` on
 * the `materials.caseIds` field). A subclass holds the values and says how to check them.
 */
export abstract class FormState<Field extends string, Input> {
  readonly fields: readonly Field[];
  fieldErrors = $state<Partial<Record<Field, string[]>>>({});
  formErrors = $state<string[]>([]);
  submitting = $state(false);

  // Computed when read (after the constructor has set `fields`).
  readonly summary = $derived.by(() => this.#summaryItems());

  constructor(fields: readonly Field[]) {
    this.fields = fields;
  }

  /** The current values checked with the schema: the API body, or the issues. */
  abstract check(): FormCheck<Input>;
  /** The DOM id of a field's control, for the summary's links. */
  abstract fieldId(field: Field): string;
  abstract fieldLabel(field: Field): string;

  #summaryItems(): SummaryItem[] {
    return [
      ...this.fields.flatMap((field) =>
        (this.fieldErrors[field] ?? []).map((message) => ({ fieldId: this.fieldId(field), message: t('form.issue', { field: this.fieldLabel(field), message }) })),
      ),
      ...this.formErrors.map((message) => ({ message })),
    ];
  }

  errorsFor(field: Field): string[] {
    return this.fieldErrors[field] ?? [];
  }

  /** Checks every field; returns the API body when all pass, else shows the problems. */
  validate(): Input | undefined {
    const check = this.check();
    if (check.ok) {
      this.fieldErrors = {};
      this.formErrors = [];
      return check.input;
    }
    this.showIssues(check.issues);
    return undefined;
  }

  /** Once a field shows an error, re-checks it when the user leaves it, so a fix is confirmed at once. */
  recheck(field: Field): void {
    if (!this.fieldErrors[field]) return;
    const check = this.check();
    const messages = check.ok ? [] : (mapIssuesToFields(check.issues, this.fields).byField[field] ?? []);
    const next = { ...this.fieldErrors };
    if (messages.length > 0) next[field] = messages;
    else delete next[field];
    this.fieldErrors = next;
  }

  showIssues(issues: readonly FieldIssue[], fallback?: string): void {
    const { byField, unmatched } = mapIssuesToFields(issues, this.fields);
    this.fieldErrors = byField as Partial<Record<Field, string[]>>;
    const general = unmatched.map((issue) => (issue.path ? t('form.issue', { field: issue.path, message: issue.message }) : issue.message));
    if (general.length === 0 && Object.keys(byField).length === 0 && fallback) general.push(fallback);
    this.formErrors = general;
  }

  /** Puts a failed submission's errors where they belong: beside fields by `issues[].path`, else on top. */
  showFailure(error: unknown): void {
    if (error instanceof ApiError && error.issues.length > 0) {
      this.showIssues(error.issues);
      if (error.code !== 'VALIDATION_FAILED') this.formErrors = [error.message, ...this.formErrors];
      return;
    }
    this.fieldErrors = {};
    this.formErrors = [errorMessage(error)];
  }
}
