import type { z } from 'zod';
import { EnrolInput, SME_ACTIONS, type SmeAction } from '../../../../shared/sme/lifecycle';
import { SmePolicy, type SmeFirm } from '../../../../shared/sme/model';
import { fieldIssues } from '../../../../shared/validation';
import type { EvidenceView } from '../api/endpoints';
import { FormState, type FormCheck } from '../components/form-state.svelte';
import { t, type MessageKey } from '../i18n';
import { filesOfCategory, REPORT_CATEGORY, unnamedFiles } from './firm';

/**
 * The SME path's forms (004): each step's fields turned into the step's input and checked with the
 * step's own schema from shared/sme/lifecycle.ts, so the page refuses exactly what the API would; the
 * server's issues (`reportEvidenceId`, `evidenceIds.0`, `productIds.1`) land beside the same fields.
 * A file uploaded while a form is open is offered to it at once (`uploaded`).
 */
export type StepInput<A extends SmeAction> = z.output<(typeof SME_ACTIONS)[A]['input']>;

function checked<A extends SmeAction>(action: A, body: unknown): FormCheck<StepInput<A>> {
  const result = SME_ACTIONS[action].input.safeParse(body);
  return result.success ? { ok: true, input: result.data as StepInput<A> } : { ok: false, issues: fieldIssues(result.error) };
}

/** A blank box is "not given", so the schema says 必填项 rather than a length. */
function given<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const text = value.trim();
  return text === '' ? {} : ({ [key]: text } as Record<K, string>);
}

function added(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? [...ids] : [...ids, id];
}

/** One step's form on the firm page; its controls' ids are `sme-<action>-<field>`. */
export abstract class SmeStepState<Input> extends FormState<string, Input> {
  abstract readonly action: SmeAction;
  readonly #labels: Readonly<Record<string, MessageKey>>;

  constructor(labels: Readonly<Record<string, MessageKey>>) {
    super(Object.keys(labels));
    this.#labels = labels;
  }

  fieldId(field: string): string {
    return `sme-${this.action}-${field}`;
  }

  fieldLabel(field: string): string {
    const key = this.#labels[field];
    return key ? t(key) : field;
  }

  /** A file uploaded while the form is open; most steps take it where it fits. */
  uploaded(_evidence: EvidenceView): void {}
}

/** 004 §五(一)3 咨询诊断: the comprehensive provider's conclusions and its 诊断报告. */
export class DiagnosisState extends SmeStepState<StepInput<'record_diagnosis'>> {
  readonly action = 'record_diagnosis' as const;
  values = $state({ reportEvidenceId: '', summary: '' });

  constructor(firm: SmeFirm, evidence: readonly EvidenceView[]) {
    super({ reportEvidenceId: 'sme.diagnosis.report', summary: 'sme.diagnosis.summary' });
    this.values.reportEvidenceId = unnamedFiles(firm, evidence, (item) => item.category === REPORT_CATEGORY.record_diagnosis).at(-1)?.id ?? '';
  }

  body(): Record<string, unknown> {
    return { ...given('reportEvidenceId', this.values.reportEvidenceId), summary: this.values.summary };
  }

  check(): FormCheck<StepInput<'record_diagnosis'>> {
    return checked(this.action, this.body());
  }

  override uploaded(evidence: EvidenceView): void {
    if (evidence.category === REPORT_CATEGORY.record_diagnosis) this.values.reportEvidenceId = evidence.id;
  }
}

export type PlanKind = 'product' | 'custom';

/** 004 §四(二)5: 小快轻准 products of one provider in the pool, or a 一企一策 plan with its file. */
export class PlanState extends SmeStepState<StepInput<'adopt_plan'>> {
  readonly action = 'adopt_plan' as const;
  values = $state<{ kind: PlanKind; providerId: string; productIds: string[]; planEvidenceId: string; summary: string }>({
    kind: 'product',
    providerId: '',
    productIds: [],
    planEvidenceId: '',
    summary: '',
  });

  constructor(firm: SmeFirm, evidence: readonly EvidenceView[]) {
    super({ kind: 'sme.plan.kind', providerId: 'sme.plan.provider', productIds: 'sme.plan.products', planEvidenceId: 'sme.plan.file', summary: 'sme.plan.summary' });
    this.values.planEvidenceId = unnamedFiles(firm, evidence, (item) => item.category === REPORT_CATEGORY.adopt_plan).at(-1)?.id ?? '';
  }

  /** Another provider's products are not this one's: the choice starts again. */
  chooseProvider(providerId: string): void {
    this.values.providerId = providerId;
    this.values.productIds = [];
  }

  body(): Record<string, unknown> {
    const { kind, providerId, productIds, planEvidenceId, summary } = this.values;
    const common = { kind, ...given('providerId', providerId), summary };
    return kind === 'product' ? { ...common, productIds: [...productIds] } : { ...common, ...given('planEvidenceId', planEvidenceId) };
  }

  check(): FormCheck<StepInput<'adopt_plan'>> {
    return checked(this.action, this.body());
  }

  override uploaded(evidence: EvidenceView): void {
    if (evidence.category === REPORT_CATEGORY.adopt_plan) this.values.planEvidenceId = evidence.id;
  }
}

/** 改造完成: what was done and the photos of it; site photos not yet sent are ticked to begin with. */
export class CompletionState extends SmeStepState<StepInput<'complete_transformation'>> {
  readonly action = 'complete_transformation' as const;
  values = $state<{ summary: string; evidenceIds: string[] }>({ summary: '', evidenceIds: [] });

  constructor(firm: SmeFirm, evidence: readonly EvidenceView[]) {
    super({ summary: 'sme.complete.summary', evidenceIds: 'sme.complete.files' });
    this.values.evidenceIds = unnamedFiles(firm, evidence, (item) => item.category === 'site_photo').map((item) => item.id);
  }

  body(): Record<string, unknown> {
    return { summary: this.values.summary, evidenceIds: [...this.values.evidenceIds] };
  }

  check(): FormCheck<StepInput<'complete_transformation'>> {
    return checked(this.action, this.body());
  }

  override uploaded(evidence: EvidenceView): void {
    if (evidence.category === 'site_photo' || evidence.category === 'other') this.values.evidenceIds = added(this.values.evidenceIds, evidence.id);
  }
}

export const MATURITY_LEVELS = [1, 2, 3, 4] as const;

/**
 * 004 §四(二)10 评测: the level by 《中小企业数字化水平评测指标（2024年版）》, the conclusions, the
 * 评测报告 and the files behind it. The assessor's own files not yet named are ticked to begin with.
 */
export class AssessmentState extends SmeStepState<StepInput<'assess_maturity'>> {
  readonly action = 'assess_maturity' as const;
  values = $state<{ level: string; summary: string; reportEvidenceId: string; evidenceIds: string[] }>({ level: '', summary: '', reportEvidenceId: '', evidenceIds: [] });

  constructor(firm: SmeFirm, evidence: readonly EvidenceView[]) {
    super({ level: 'sme.assess.level', summary: 'sme.assess.summary', reportEvidenceId: 'sme.assess.report', evidenceIds: 'sme.assess.files' });
    const fresh = unnamedFiles(firm, evidence, (item) => item.uploader.role === 'assessor');
    this.values.reportEvidenceId = fresh.filter((item) => item.category === REPORT_CATEGORY.assess_maturity).at(-1)?.id ?? '';
    this.values.evidenceIds = fresh.filter((item) => item.category !== REPORT_CATEGORY.assess_maturity).map((item) => item.id);
  }

  body(): Record<string, unknown> {
    const { level, summary, reportEvidenceId, evidenceIds } = this.values;
    return { ...(level === '' ? {} : { level: Number(level) }), summary, ...given('reportEvidenceId', reportEvidenceId), evidenceIds: [...evidenceIds] };
  }

  check(): FormCheck<StepInput<'assess_maturity'>> {
    return checked(this.action, this.body());
  }

  override uploaded(evidence: EvidenceView): void {
    if (evidence.category === REPORT_CATEGORY.assess_maturity) this.values.reportEvidenceId = evidence.id;
    else this.values.evidenceIds = added(this.values.evidenceIds, evidence.id);
  }
}

/** The steps whose input is a few words or nothing: start, resume, accept, grant the subsidy, withdraw. */
export type SimpleAction = 'start_transformation' | 'resume_transformation' | 'accept' | 'grant_subsidy' | 'withdraw';

export interface SimpleField {
  name: string;
  kind: 'textarea' | 'text';
  required: boolean;
  label: MessageKey;
}

export const SIMPLE_FIELDS: Readonly<Record<SimpleAction, readonly SimpleField[]>> = {
  start_transformation: [],
  resume_transformation: [{ name: 'reason', kind: 'textarea', required: true, label: 'sme.resume.reason' }],
  accept: [{ name: 'comments', kind: 'textarea', required: false, label: 'sme.accept.comments' }],
  grant_subsidy: [{ name: 'reference', kind: 'text', required: false, label: 'sme.grant.reference' }],
  withdraw: [{ name: 'reason', kind: 'textarea', required: true, label: 'sme.withdraw.reason' }],
};

export function isSimpleAction(action: string): action is SimpleAction {
  return Object.hasOwn(SIMPLE_FIELDS, action);
}

export class SimpleStepState extends SmeStepState<unknown> {
  readonly action: SimpleAction;
  values = $state<Record<string, string>>({});

  constructor(action: SimpleAction) {
    super(Object.fromEntries(SIMPLE_FIELDS[action].map((field) => [field.name, field.label])));
    this.action = action;
    this.values = Object.fromEntries(SIMPLE_FIELDS[action].map((field) => [field.name, '']));
  }

  /** A blank optional box is left out; a blank required one goes to the schema to refuse. */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const field of SIMPLE_FIELDS[this.action]) {
      const text = (this.values[field.name] ?? '').trim();
      if (text !== '' || field.required) body[field.name] = text;
    }
    return body;
  }

  check(): FormCheck<unknown> {
    return checked(this.action, this.body());
  }
}

/** 004 §四(一)3 征集试点企业: the bureau or the operator enrols a firm into a batch of its pilot. */
export const ENROL_PREFIX = 'sme-enrol';
const ENROL_LABELS: Readonly<Record<string, MessageKey>> = {
  uscc: 'enterprise.field.uscc',
  enterpriseName: 'enterprise.field.name',
  town: 'enterprise.field.town',
  batch: 'sme.batch',
  comprehensiveProviderId: 'sme.comprehensiveProvider',
};

export class EnrolState extends FormState<string, EnrolInput> {
  values = $state({ uscc: '', enterpriseName: '', town: '', batch: '', comprehensiveProviderId: '' });
  readonly #pilotId: string;

  constructor(pilotId: string) {
    super(Object.keys(ENROL_LABELS));
    this.#pilotId = pilotId;
  }

  body(): Record<string, unknown> {
    const { uscc, enterpriseName, town, batch, comprehensiveProviderId } = this.values;
    return {
      pilotId: this.#pilotId,
      uscc,
      enterpriseName,
      ...given('town', town),
      ...(batch === '' ? {} : { batch: Number(batch) }),
      ...given('comprehensiveProviderId', comprehensiveProviderId),
    };
  }

  check(): FormCheck<EnrolInput> {
    const result = EnrolInput.safeParse(this.body());
    return result.success ? { ok: true, input: result.data } : { ok: false, issues: fieldIssues(result.error) };
  }

  fieldId(field: string): string {
    return `${ENROL_PREFIX}-${field}`;
  }

  fieldLabel(field: string): string {
    const key = ENROL_LABELS[field];
    return key ? t(key) : field;
  }
}

/** 004 §四(二)5: the subsidy in 万元 for each level reached (the seed sets none; the bureau does). */
export const SUBSIDY_LEVELS = [2, 3, 4] as const;
export type SubsidyLevel = (typeof SUBSIDY_LEVELS)[number];

export class PolicyState extends FormState<string, SmePolicy> {
  values = $state<Record<SubsidyLevel, string>>({ 2: '', 3: '', 4: '' });

  constructor(policy: SmePolicy | null | undefined) {
    super(SUBSIDY_LEVELS.map((level) => `subsidyWanByLevel.${level}`));
    if (policy) for (const level of SUBSIDY_LEVELS) this.values[level] = String(policy.subsidyWanByLevel[level]);
  }

  body(): Record<string, unknown> {
    const amount = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));
    return { subsidyWanByLevel: Object.fromEntries(SUBSIDY_LEVELS.map((level) => [level, amount(this.values[level])])) };
  }

  check(): FormCheck<SmePolicy> {
    const result = SmePolicy.safeParse(this.body());
    return result.success ? { ok: true, input: result.data } : { ok: false, issues: fieldIssues(result.error) };
  }

  fieldId(field: string): string {
    return `sme-policy-level-${field.split('.').at(-1) ?? field}`;
  }

  fieldLabel(field: string): string {
    return t('sme.policy.level', { level: field.split('.').at(-1) ?? field });
  }
}

/** Files of the kind a field takes, newest first: the choices of a single-file select. */
export function reportChoices(evidence: readonly EvidenceView[], action: keyof typeof REPORT_CATEGORY): EvidenceView[] {
  return filesOfCategory(evidence, REPORT_CATEGORY[action]);
}
