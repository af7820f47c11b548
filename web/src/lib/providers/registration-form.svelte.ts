import type { RegisterProviderInput } from '../../../../shared/providers/model';
import type { EvidenceView } from '../api/endpoints';
import { FormState, type FormCheck } from '../components/form-state.svelte';
import { t } from '../i18n';
import { emptySelection, withUploaded, type MaterialsSelection } from './materials';
import { checkProviderRegistration, emptyProfile, fieldIdIn, REGISTRATION_FIELDS, registrationLabel, type ProfileValues } from './registration';

export const REGISTRATION_PREFIX = 'provider-register';

/** The registration form's state: the profile, the materials picked, and where each problem shows. */
export class ProviderRegistrationState extends FormState<string, RegisterProviderInput> {
  values = $state<ProfileValues>(emptyProfile());
  selection = $state<MaterialsSelection>(emptySelection());

  constructor(selection: MaterialsSelection) {
    super(REGISTRATION_FIELDS);
    this.selection = selection;
  }

  check(): FormCheck<RegisterProviderInput> {
    return checkProviderRegistration(this.values, this.selection);
  }

  fieldId(field: string): string {
    return fieldIdIn(REGISTRATION_PREFIX, field);
  }

  fieldLabel(field: string): string {
    const key = registrationLabel(field);
    return key ? t(key) : field;
  }

  /** A file just uploaded fills its field at once (the page lists it above the form). */
  uploaded(evidence: EvidenceView): void {
    this.selection = withUploaded(this.selection, evidence);
  }
}
