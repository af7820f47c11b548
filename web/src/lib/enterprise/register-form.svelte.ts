import type { RegisterEnterpriseInput } from '../../../../shared/enterprises/model';
import { FormState, type FormCheck } from '../components/form-state.svelte';
import { t } from '../i18n';
import { checkRegistration, emptyRegisterValues, REGISTER_FIELDS, registerFieldId, type RegisterField, type RegisterValues } from './register';

/** The registration form's state: values, the message beside each field and the summary on top. */
export class RegisterFormState extends FormState<RegisterField, RegisterEnterpriseInput> {
  values = $state<RegisterValues>(emptyRegisterValues());

  constructor(prefill: Partial<RegisterValues> = {}) {
    super(REGISTER_FIELDS);
    this.values = emptyRegisterValues(prefill);
  }

  check(): FormCheck<RegisterEnterpriseInput> {
    return checkRegistration(this.values);
  }

  fieldId(field: RegisterField): string {
    return registerFieldId(field);
  }

  fieldLabel(field: RegisterField): string {
    return fieldLabel(field);
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
