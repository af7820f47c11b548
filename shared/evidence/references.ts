import { DomainError, type FieldIssue } from '../errors';
import type { Application, Project } from '../projects/model';
import { EVIDENCE_CATEGORIES, type EvidenceCategory } from './categories';
import type { HolderType } from './holder';
import type { Evidence } from './model';

/**
 * Where project inputs and records name evidence, found by field name wherever it sits (an action
 * input, `materials`, a stored project, an application snapshot), so a new action that uses these
 * names is covered without a change here.
 */

/** The fields that hold evidence ids, and the categories each accepts (null: any category). */
const EVIDENCE_FIELDS: Readonly<Record<string, readonly EvidenceCategory[] | null>> = {
  evidenceIds: null,
  otherIds: null,
  // 滨海 §三(五)5: the signed task agreement (input `agreementEvidenceId`, stored as `agreement.evidenceId`)
  agreementEvidenceId: ['agreement'],
  evidenceId: ['agreement'],
  // 滨海 §三(五)9: 项目验收报告
  reportEvidenceId: ['acceptance_report'],
  // 滨海 §三(五)9: 自评总结材料、方案、合同、发票和银行付款凭证
  selfEvaluationIds: ['self_evaluation'],
  planIds: ['plan'],
  contractIds: ['contract'],
  invoiceIds: ['invoice'],
  paymentVoucherIds: ['payment_voucher'],
  // issue 13: a tranche's and a repayment's vouchers; a 收回/扣减 order's decision document
  voucherEvidenceIds: ['fund_voucher', 'payment_voucher'],
  documentEvidenceIds: ['fund_decision'],
  // 002 §三(一)2(2): a provider's registration materials (shared/providers/model.ts ProviderMaterials)
  applicationFormId: ['provider_application'],
  businessLicenceId: ['business_licence'],
  financialStatementIds: ['financial_statement'],
  qualificationIds: ['qualification'],
  caseIds: ['case_study'],
  expertResumeIds: ['expert_resume'],
  localServiceCommitmentId: ['service_commitment'],
};

export interface EvidenceReference {
  id: string;
  /** the field path within the action input (or `application.…` for a submission) */
  path: string;
  categories: readonly EvidenceCategory[] | null;
}

// Inputs are small and schema-bounded; the depth limit only keeps a hostile body from recursing far.
const MAX_DEPTH = 8;

function collect(value: unknown, path: readonly string[], categories: readonly EvidenceCategory[] | null, out: EvidenceReference[]): void {
  const add = (id: unknown, at: readonly string[]): void => {
    if (typeof id === 'string' && id.trim().length > 0) out.push({ id: id.trim(), path: at.join('.'), categories });
  };
  if (Array.isArray(value)) value.forEach((id, index) => add(id, [...path, String(index)]));
  else add(value, path);
}

type FieldCategories = Readonly<Record<string, readonly EvidenceCategory[] | null>>;

function walk(value: unknown, path: readonly string[], fields: FieldCategories, out: EvidenceReference[], depth = 0): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, String(index)], fields, out, depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const categories = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (categories !== undefined) collect(child, [...path, key], categories, out);
    else walk(child, [...path, key], fields, out, depth + 1);
  }
}

/** Every evidence id `value` names, with where and as what (by `fields`, the project and provider names by default). */
export function evidenceReferencesIn(value: unknown, prefix: readonly string[] = [], fields: FieldCategories = EVIDENCE_FIELDS): EvidenceReference[] {
  const out: EvidenceReference[] = [];
  walk(value, prefix, fields, out);
  return out;
}

/**
 * The SME path names its files per step, and one name means different things in two steps: the
 * comprehensive provider's diagnosis report (004 §五(一)3) and the assessor's maturity report (004
 * §四(二)10) are both `reportEvidenceId`.
 */
const SME_EVIDENCE_FIELDS: Readonly<Record<string, FieldCategories>> = {
  record_diagnosis: { reportEvidenceId: ['diagnosis_report'] },
  // 004 §四(一)4 "一企一策"定制化解决方案
  adopt_plan: { planEvidenceId: ['plan'] },
  complete_transformation: { evidenceIds: null },
  assess_maturity: { reportEvidenceId: ['maturity_report'], evidenceIds: null },
};

/** The files an SME step names, each with the categories its field takes; none for a step that names none. */
export function smeEvidenceReferences(action: string, input: unknown): EvidenceReference[] {
  const fields = Object.hasOwn(SME_EVIDENCE_FIELDS, action) ? SME_EVIDENCE_FIELDS[action] : undefined;
  return fields ? evidenceReferencesIn(input, [], fields) : [];
}

/**
 * The references an action brings: those in its input, and for a submission those of the application
 * it submits (a draft may name evidence that was removed meanwhile, or was never there: the creation
 * route cannot check, the project having no evidence before it exists).
 */
export function evidenceReferences(action: string, input: unknown, project: Project): EvidenceReference[] {
  const references = evidenceReferencesIn(input);
  if (action === 'submit') references.push(...evidenceReferencesIn(project.application, ['application']));
  return references;
}

/** The ids of everything a project and its submitted application versions reference: locked evidence. */
export function referencedEvidenceIds(project: Project, submittedApplications: readonly Application[]): Set<string> {
  const references = [...evidenceReferencesIn(project), ...submittedApplications.flatMap((application) => evidenceReferencesIn(application))];
  return new Set(references.map((reference) => reference.id));
}

/** One issue per reference that names no completed evidence of this holder, or evidence of the wrong category. */
const HOLDER_MISMATCH: Record<HolderType, string> = {
  project: '证据不存在、尚未完成上传或不属于本项目',
  provider: '材料不存在、尚未完成上传或不属于本服务商',
  indicator: '佐证材料不存在、尚未完成上传或不属于本指标本统计期',
  sme: '材料不存在、尚未完成上传或不属于本企业的改造档案',
};

export function referenceIssues(references: readonly EvidenceReference[], found: ReadonlyMap<string, Evidence>, holderType: HolderType = 'project'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const reference of references) {
    const evidence = found.get(reference.id);
    if (!evidence) {
      issues.push({ path: reference.path, message: HOLDER_MISMATCH[holderType] });
    } else if (reference.categories && !reference.categories.includes(evidence.category)) {
      const expected = reference.categories.map((category) => EVIDENCE_CATEGORIES[category].label).join('或');
      issues.push({ path: reference.path, message: `应为${expected}，该证据为${EVIDENCE_CATEGORIES[evidence.category].label}` });
    }
  }
  return issues;
}

export function assertReferences(references: readonly EvidenceReference[], found: ReadonlyMap<string, Evidence>, holderType: HolderType = 'project'): void {
  const issues = referenceIssues(references, found, holderType);
  if (issues.length > 0) throw new DomainError('EVIDENCE_REFERENCE_INVALID', { issues });
}
