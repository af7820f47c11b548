import type { EvidenceCategory } from '../../../../shared/evidence/categories';
import type { ProviderMaterials, ProviderRectification } from '../../../../shared/providers/model';
import type { EvidenceView } from '../api/endpoints';
import type { MessageKey } from '../i18n';

/**
 * A provider's registration materials (002 §三(一)2(2) 申报书、营业执照、财务报表、资质、案例、专家简历、本地化服务承诺)
 * as the forms pick them: which uploaded file fills which field of `ProviderMaterials`. The category
 * each field takes is the server's (shared/evidence/references.ts; a unit test keeps the two equal),
 * so the page offers only files the API will accept there.
 */
export type MaterialField = keyof ProviderMaterials;

export interface MaterialFieldSpec {
  name: MaterialField;
  /** the category of the files it offers; `otherIds` takes any category and offers the 其他材料 ones */
  category: EvidenceCategory;
  multiple: boolean;
  label: MessageKey;
}

const spec = (name: MaterialField, category: EvidenceCategory, multiple: boolean, label: MessageKey): MaterialFieldSpec => ({ name, category, multiple, label });

/** In the schema's order, which is the order of 002 §三(一)2(2)'s list. */
export const MATERIAL_FIELDS: readonly MaterialFieldSpec[] = [
  spec('applicationFormId', 'provider_application', false, 'providerMaterials.applicationFormId'),
  spec('businessLicenceId', 'business_licence', false, 'providerMaterials.businessLicenceId'),
  spec('financialStatementIds', 'financial_statement', true, 'providerMaterials.financialStatementIds'),
  spec('qualificationIds', 'qualification', true, 'providerMaterials.qualificationIds'),
  spec('caseIds', 'case_study', true, 'providerMaterials.caseIds'),
  spec('expertResumeIds', 'expert_resume', true, 'providerMaterials.expertResumeIds'),
  spec('localServiceCommitmentId', 'service_commitment', false, 'providerMaterials.localServiceCommitmentId'),
  spec('otherIds', 'other', true, 'providerMaterials.otherIds'),
];

/** What a registration or a 补正 uploads: the materials' categories, in the same order. */
export const MATERIAL_CATEGORIES: readonly EvidenceCategory[] = MATERIAL_FIELDS.map((field) => field.category);

/** The ids chosen per field; a single-file field holds at most one. */
export type MaterialsSelection = Record<MaterialField, string[]>;

export function emptySelection(): MaterialsSelection {
  return Object.fromEntries(MATERIAL_FIELDS.map((field) => [field.name, [] as string[]])) as MaterialsSelection;
}

/** A field's form path, as issues name it: `materials.caseIds.0` lands on `materials.caseIds`. */
export function materialPath(field: MaterialField): string {
  return `materials.${field}`;
}

export const MATERIAL_PATHS = MATERIAL_FIELDS.map((field) => materialPath(field.name));

/** The uploaded files each field may take, newest first. */
export function groupByField(evidence: readonly EvidenceView[]): Record<MaterialField, EvidenceView[]> {
  const newestFirst = [...evidence].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  return Object.fromEntries(MATERIAL_FIELDS.map((field) => [field.name, newestFirst.filter((item) => item.category === field.category)])) as Record<MaterialField, EvidenceView[]>;
}

/**
 * The first choice: what the record names already (a resubmission starts from the materials sent
 * before, less files no longer listed), else every file of a multi-file field's category and the
 * newest one of a single-file field's.
 */
export function initialSelection(evidence: readonly EvidenceView[], current?: Partial<ProviderMaterials>): MaterialsSelection {
  const groups = groupByField(evidence);
  const selection = {} as MaterialsSelection;
  for (const field of MATERIAL_FIELDS) {
    const offered = groups[field.name].map((item) => item.id);
    if (current) {
      const named = current[field.name];
      const ids = named === undefined ? [] : Array.isArray(named) ? named : [named];
      selection[field.name] = ids.filter((id) => offered.includes(id));
    } else {
      selection[field.name] = field.multiple ? offered : offered.slice(0, 1);
    }
  }
  return selection;
}

/** A file just uploaded fills its category's field: it replaces a single file, and joins a list. */
export function withUploaded(selection: MaterialsSelection, evidence: EvidenceView): MaterialsSelection {
  const field = MATERIAL_FIELDS.find((candidate) => candidate.category === evidence.category);
  if (!field) return selection;
  const chosen = selection[field.name];
  const next = field.multiple ? (chosen.includes(evidence.id) ? chosen : [...chosen, evidence.id]) : [evidence.id];
  return { ...selection, [field.name]: next };
}

/** The `materials` body: single fields as one id (left out when none is chosen, for the schema to name), lists as arrays. */
export function materialsInput(selection: MaterialsSelection): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const field of MATERIAL_FIELDS) {
    const ids = selection[field.name];
    if (field.multiple) input[field.name] = [...ids];
    else if (ids[0]) input[field.name] = ids[0];
  }
  return input;
}

/**
 * Which fields must be filled, as the schema decides (shared/providers/model.ts checkMaterials): the
 * statements unless founded within two years, the 本地化服务承诺 unless there is a local office.
 */
export function requiredMaterials(profile: { hasLocalOffice: boolean; foundedWithinTwoYears: boolean }): ReadonlySet<MaterialField> {
  const required = new Set<MaterialField>(['applicationFormId', 'businessLicenceId', 'caseIds', 'expertResumeIds']);
  if (!profile.foundedWithinTwoYears) required.add('financialStatementIds');
  if (!profile.hasLocalOffice) required.add('localServiceCommitmentId');
  return required;
}

/** The material field an issue path names (`materials.caseIds.0` → `caseIds`), if any. */
export function materialFieldOf(path: string): MaterialField | undefined {
  const [head, name] = path.split('.');
  return head === 'materials' ? MATERIAL_FIELDS.find((field) => field.name === name)?.name : undefined;
}

/** Errors keyed by form path (`materials.caseIds`) as the picker takes them, by field (`caseIds`). */
export function materialErrors(byPath: Readonly<Record<string, readonly string[] | undefined>>): Partial<Record<MaterialField, string[]>> {
  const errors: Partial<Record<MaterialField, string[]>> = {};
  for (const [path, messages] of Object.entries(byPath)) {
    const field = materialFieldOf(path);
    if (field && messages && messages.length > 0) errors[field] = [...(errors[field] ?? []), ...messages];
  }
  return errors;
}

/**
 * A rectification report's files, preselected (002 §三(一)2(4)): the 整改报告 not yet sent with an
 * earlier report of the rectification under way.
 */
export function unreportedReports(evidence: readonly EvidenceView[], rectification: Pick<ProviderRectification, 'reports'> | undefined): string[] {
  const sent = new Set((rectification?.reports ?? []).flatMap((report) => report.evidenceIds));
  return evidence.filter((item) => item.category === 'rectification_report' && !sent.has(item.id)).map((item) => item.id);
}
