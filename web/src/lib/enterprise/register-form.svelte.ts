import type { FieldIssue } from '../../../../shared/errors';
import type { RegisterEnterpriseInput } from '../../../../shared/enterprises/model';
import { ApiError, errorMessage, mapIssuesToFields } from '../api/errors';
import type { SummaryItem } from '../components/form-field';
import { t } from '../i18n';
import { checkRegistration, emptyRegisterValues, REGISTER_FIELDS, registerFieldId, type RegisterField, type RegisterValues } from './register';

/** The registration form's state: values, the message beside each field and the summary on top. */
export class RegisterFormState {
  values = $state<RegisterValues>(emptyRegisterValues());
  fieldErrors = $state<Partial<Record<RegisterField, string[]>>>({});
  formErrors = $state<string[]>([]);
  submitting = $state(false);

  readonly summary = $derived<SummaryItem[]>([
    ...REGISTER_FIELDS.flatMap((field) => (this.fieldErrors[field] ?? []).map((message) => ({ fieldId: registerFieldId(field), message: t('form.issue', { field: fieldLabel(field), message }) }))),
    ...this.formErrors.map((message) => ({ message })),
  ]);

  constructor(prefill: Partial<RegisterValues> = {}) {
    this.values = emptyRegisterValues(prefill);
  }

  errorsFor(field: RegisterField): string[] {
    return this.fieldErrors[field] ?? [];
  }

  /** Checks every field; returns the API body when all pass, else shows the problems. */
  validate(): RegisterEnterpriseInput | undefined {
    const check = checkRegistration(this.values);
    if (check.ok) {
      this.fieldErrors = {};
      this.formErrors = [];
      return check.input;
    }
    this.showIssues(check.issues);
    return undefined;
  }

  /** Once a field shows an error, re-checks it when the user leaves it, so a fix is confirmed at once. */
  recheck(field: RegisterField): void {
    if (!this.fieldErrors[field]) return;
    const check = checkRegistration(this.values);
    const messages = check.ok ? [] : (mapIssuesToFields(check.issues, REGISTER_FIELDS).byField[field] ?? []);
    const next = { ...this.fieldErrors };
    if (messages.length > 0) next[field] = messages;
    else delete next[field];
    this.fieldErrors = next;
  }

  showIssues(issues: readonly FieldIssue[], fallback?: string): void {
    const { byField, unmatched } = mapIssuesToFields(issues, REGISTER_FIELDS);
    this.fieldErrors = byField as Partial<Record<RegisterField, string[]>>;
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

const FIELD_LABEL_KEYS = {
  uscc: 'enterprise.field.uscc',
  name: 'enterprise.field.name',
  pilotId: 'enterprise.field.pilotId',
  town: 'enterprise.field.town',
  industry: 'enterprise.field.industry',
  scale: 'enterprise.field.scale',
  'contact.name': 'enterprise.field.contact.name',
  'contact.phone': 'enterprise.field.contact.phone',
  'contact.email': 'enterprise.field.contact.email',
} as const satisfies Record<RegisterField, string>;

export function fieldLabel(field: RegisterField): string {
  return t(FIELD_LABEL_KEYS[field]);
}
