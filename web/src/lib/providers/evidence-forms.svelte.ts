import type { z } from 'zod';
import { PROVIDER_ACTIONS } from '../../../../shared/providers/lifecycle';
import type { FullProviderView } from '../../../../shared/providers/views';
import { fieldIssues } from '../../../../shared/validation';
import type { EvidenceView } from '../api/endpoints';
import { FormState, type FormCheck } from '../components/form-state.svelte';
import { t } from '../i18n';
import { emptySelection, initialSelection, MATERIAL_PATHS, materialsInput, unreportedReports, withUploaded, type MaterialsSelection } from './materials';
import type { EvidenceAction } from './provider-forms';
import { fieldIdIn, registrationLabel } from './registration';

/**
 * The provider's own steps that name its files (shared/providers/lifecycle.ts): 补正后重新申报 with the
 * materials picked again, and 报送整改情况 with the files that prove it. Each is checked with the step's
 * own input schema before it is sent; the server then checks each id is this provider's own file.
 */
type Input<A extends EvidenceAction> = z.output<(typeof PROVIDER_ACTIONS)[A]['input']>;

function checked<A extends EvidenceAction>(action: A, body: Record<string, unknown>): FormCheck<Input<A>> {
  const result = PROVIDER_ACTIONS[action].input.safeParse(body);
  return result.success ? { ok: true, input: result.data as Input<A> } : { ok: false, issues: fieldIssues(result.error) };
}

export const RESUBMIT_PREFIX = 'provider-resubmit';

export class ResubmitState extends FormState<string, Input<'resubmit'>> {
  selection = $state<MaterialsSelection>(emptySelection());
  values = $state({ summary: '' });
  readonly #current: string;

  /** Starts from the materials and the summary on record, less files no longer listed. */
  constructor(provider: Pick<FullProviderView, 'materials' | 'summary'>, evidence: readonly EvidenceView[]) {
    super(['summary', ...MATERIAL_PATHS]);
    this.selection = initialSelection(evidence, provider.materials);
    this.values.summary = provider.summary;
    this.#current = provider.summary;
  }

  /** The step's input: the summary only when it was changed (else the one on record stays). */
  body(): Record<string, unknown> {
    const summary = this.values.summary.trim();
    return { materials: materialsInput(this.selection), ...(summary !== this.#current.trim() ? { summary } : {}) };
  }

  check(): FormCheck<Input<'resubmit'>> {
    return checked('resubmit', this.body());
  }

  fieldId(field: string): string {
    return fieldIdIn(RESUBMIT_PREFIX, field);
  }

  fieldLabel(field: string): string {
    if (field === 'summary') return t('providerResubmit.summary');
    const key = registrationLabel(field);
    return key ? t(key) : field;
  }

  uploaded(evidence: EvidenceView): void {
    this.selection = withUploaded(this.selection, evidence);
  }
}

export const REPORT_PREFIX = 'provider-report';

export class RectificationReportState extends FormState<string, Input<'report_rectification'>> {
  values = $state<{ summary: string; evidenceIds: string[] }>({ summary: '', evidenceIds: [] });

  /** 002 §三(一)2(4): the 整改报告 not yet sent with this rectification are ticked to begin with. */
  constructor(provider: Pick<FullProviderView, 'rectifications'>, evidence: readonly EvidenceView[]) {
    super(['summary', 'evidenceIds']);
    this.values.evidenceIds = unreportedReports(evidence, provider.rectifications.at(-1));
  }

  body(): Record<string, unknown> {
    return { summary: this.values.summary, evidenceIds: [...this.values.evidenceIds] };
  }

  check(): FormCheck<Input<'report_rectification'>> {
    return checked('report_rectification', this.body());
  }

  fieldId(field: string): string {
    return fieldIdIn(REPORT_PREFIX, field);
  }

  fieldLabel(field: string): string {
    return field === 'summary' ? t('providerRectification.summary') : t('providerRectification.evidence');
  }

  /** A report uploaded while the form is open is meant for it. */
  uploaded(evidence: EvidenceView): void {
    const chosen = this.values.evidenceIds;
    if (evidence.category === 'rectification_report' && !chosen.includes(evidence.id)) this.values.evidenceIds = [...chosen, evidence.id];
  }
}
