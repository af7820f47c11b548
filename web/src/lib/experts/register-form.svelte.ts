import { EXPERT_FIELDS, RegisterExpertInput, type ExpertField } from '../../../../shared/experts/model';
import { fieldIssues } from '../../../../shared/validation';
import { FormState, type FormCheck } from '../components/form-state.svelte';
import { t, type MessageKey } from '../i18n';

/** The bureau's form to register an expert (专家入库), checked with the API's own schema. */
export const EXPERT_FORM_FIELDS = ['account', 'name', 'fields', 'organisation', 'organisationUscc', 'title', 'phone', 'email'] as const;
export type ExpertFormField = (typeof EXPERT_FORM_FIELDS)[number];

const LABELS = {
  account: 'expertRegistry.field.account',
  name: 'expertRegistry.field.name',
  fields: 'expertRegistry.field.fields',
  organisation: 'expertRegistry.field.organisation',
  organisationUscc: 'expertRegistry.field.organisationUscc',
  title: 'expertRegistry.field.title',
  phone: 'expertRegistry.field.phone',
  email: 'expertRegistry.field.email',
} as const satisfies Record<ExpertFormField, MessageKey>;

export { EXPERT_FIELDS };

export class ExpertFormState extends FormState<ExpertFormField, RegisterExpertInput> {
  values = $state({ account: '', name: '', fields: [] as ExpertField[], organisation: '', organisationUscc: '', title: '', phone: '', email: '' });

  constructor() {
    super(EXPERT_FORM_FIELDS);
  }

  body(): Record<string, unknown> {
    const { email, ...rest } = this.values;
    return { ...rest, organisationUscc: rest.organisationUscc.trim().toUpperCase(), ...(email.trim() ? { email: email.trim() } : {}) };
  }

  check(): FormCheck<RegisterExpertInput> {
    const result = RegisterExpertInput.safeParse(this.body());
    return result.success ? { ok: true, input: result.data } : { ok: false, issues: fieldIssues(result.error) };
  }

  fieldId(field: ExpertFormField): string {
    return `expert-${field}`;
  }

  fieldLabel(field: ExpertFormField): string {
    return t(LABELS[field]);
  }

  reset(): void {
    this.values = { account: '', name: '', fields: [], organisation: '', organisationUscc: '', title: '', phone: '', email: '' };
    this.fieldErrors = {};
    this.formErrors = [];
  }
}
