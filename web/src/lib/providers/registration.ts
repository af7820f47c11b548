import type { FieldIssue } from '../../../../shared/errors';
import { RegisterProviderInput } from '../../../../shared/providers/model';
import { fieldIssues } from '../../../../shared/validation';
import type { MessageKey } from '../i18n';
import { MATERIAL_FIELDS, MATERIAL_PATHS, materialsInput, type MaterialsSelection } from './materials';
import { splitTags } from './provider-forms';

/**
 * The provider registration form (002 §三(一)2(2) 申报注册): the profile as typed and the materials as
 * picked, turned into the API body and checked with the API's own schema (`RegisterProviderInput`),
 * so the page refuses exactly what the server would, with the same words.
 */
export const PROFILE_FIELDS = [
  'name',
  'uscc',
  'kind',
  'industries',
  'scenarios',
  'summary',
  'hasLocalOffice',
  'foundedWithinTwoYears',
  'contact.name',
  'contact.phone',
  'contact.email',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Every field an issue can land on; a material's issue names its field (`materials.caseIds`). */
export const REGISTRATION_FIELDS: readonly string[] = [...PROFILE_FIELDS, ...MATERIAL_PATHS];

export type ProfileValues = Record<Exclude<ProfileField, 'hasLocalOffice' | 'foundedWithinTwoYears'>, string> & {
  hasLocalOffice: boolean;
  foundedWithinTwoYears: boolean;
};

export function emptyProfile(): ProfileValues {
  return {
    name: '',
    uscc: '',
    kind: '',
    industries: '',
    scenarios: '',
    summary: '',
    // Unticked until claimed: without a local office the 本地化服务承诺 is due (002 §三(一)2(2)).
    hasLocalOffice: false,
    foundedWithinTwoYears: false,
    'contact.name': '',
    'contact.phone': '',
    'contact.email': '',
  };
}

/** The request body: a blank optional e-mail and an unchosen kind left out, for the schema to judge. */
export function registrationBody(values: ProfileValues, selection: MaterialsSelection): Record<string, unknown> {
  const email = values['contact.email'].trim();
  return {
    name: values.name,
    uscc: values.uscc,
    ...(values.kind ? { kind: values.kind } : {}),
    industries: splitTags(values.industries),
    scenarios: splitTags(values.scenarios),
    summary: values.summary,
    hasLocalOffice: values.hasLocalOffice,
    foundedWithinTwoYears: values.foundedWithinTwoYears,
    contact: { name: values['contact.name'], phone: values['contact.phone'], ...(email ? { email } : {}) },
    materials: materialsInput(selection),
  };
}

export type RegistrationCheck = { ok: true; input: RegisterProviderInput } | { ok: false; issues: FieldIssue[] };

export function checkProviderRegistration(values: ProfileValues, selection: MaterialsSelection): RegistrationCheck {
  const result = RegisterProviderInput.safeParse(registrationBody(values, selection));
  return result.success ? { ok: true, input: result.data } : { ok: false, issues: fieldIssues(result.error) };
}

/** The DOM id of a field's control: `contact.phone` → `provider-register-contact-phone`. */
export function fieldIdIn(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/\./g, '-')}`;
}

const PROFILE_LABELS = {
  name: 'providerRegister.name',
  uscc: 'enterprise.field.uscc',
  kind: 'providerRegister.kind',
  industries: 'providerRegister.industries',
  scenarios: 'providerRegister.scenarios',
  summary: 'providerRegister.summary',
  hasLocalOffice: 'providerRegister.hasLocalOffice',
  foundedWithinTwoYears: 'providerRegister.foundedWithinTwoYears',
  'contact.name': 'enterprise.field.contact.name',
  'contact.phone': 'enterprise.field.contact.phone',
  'contact.email': 'enterprise.field.contact.email',
} as const satisfies Record<ProfileField, MessageKey>;

/** The label key of any registration field, a material's included. */
export function registrationLabel(path: string): MessageKey | undefined {
  if (Object.hasOwn(PROFILE_LABELS, path)) return PROFILE_LABELS[path as ProfileField];
  return MATERIAL_FIELDS.find((field) => `materials.${field.name}` === path)?.label;
}
