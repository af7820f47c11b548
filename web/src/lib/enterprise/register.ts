import type { FieldIssue } from '../../../../shared/errors';
import { RegisterEnterpriseInput } from '../../../../shared/enterprises/model';
import { fieldIssues } from '../../../../shared/validation';

/**
 * The enterprise registration form's data: flat string values keyed by the schema path of each
 * field, turned into the API body and checked with the same zod schema the API uses, so a message
 * beside a field reads the same whether the browser or the server found the problem.
 */
export const REGISTER_FIELDS = [
  'uscc',
  'name',
  'pilotId',
  'town',
  'industry',
  'scale',
  'contact.name',
  'contact.phone',
  'contact.email',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];
export type RegisterValues = Record<RegisterField, string>;

export function emptyRegisterValues(prefill: Partial<RegisterValues> = {}): RegisterValues {
  const values = Object.fromEntries(REGISTER_FIELDS.map((field) => [field, ''])) as RegisterValues;
  return { ...values, ...prefill };
}

/** The request body: blank optional fields left out, blank required ones left out too so the schema names them. */
export function registerBody(values: RegisterValues): Record<string, unknown> {
  const present = (value: string) => (value.trim() === '' ? undefined : value);
  const contact = {
    name: values['contact.name'],
    phone: values['contact.phone'],
    ...(present(values['contact.email']) ? { email: values['contact.email'].trim() } : {}),
  };
  return {
    uscc: values.uscc,
    name: values.name,
    pilotId: present(values.pilotId),
    town: present(values.town),
    industry: values.industry,
    scale: present(values.scale),
    contact,
  };
}

export type RegisterCheck = { ok: true; input: RegisterEnterpriseInput } | { ok: false; issues: FieldIssue[] };

export function checkRegistration(values: RegisterValues): RegisterCheck {
  const result = RegisterEnterpriseInput.safeParse(registerBody(values));
  return result.success ? { ok: true, input: result.data } : { ok: false, issues: fieldIssues(result.error) };
}

/** The DOM id of a field's control: `contact.phone` → `register-contact-phone`. */
export function registerFieldId(field: string): string {
  return `register-${field.replace(/\./g, '-')}`;
}
