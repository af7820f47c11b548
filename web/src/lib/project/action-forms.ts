import type { EvidenceCategory } from '../../../../shared/evidence/categories';
import type { FieldIssue } from '../../../../shared/errors';
import { PROJECT_ACTIONS, type ProjectAction } from '../../../../shared/projects/lifecycle';
import { FundMeasure, FundOrderReason, SupportSource } from '../../../../shared/funds/model';
import { TrancheKind, WarningCategory } from '../../../../shared/projects/model';
import { fieldIssues } from '../../../../shared/validation';
import type { LabelFamily } from '../i18n';

/**
 * The form of each lifecycle step, as data: which fields it shows and of what kind. The values are
 * turned into the action's input and checked with the action's own zod schema from
 * shared/projects/lifecycle.ts — the one the API runs — so a message beside a field reads the same
 * whether the browser or the server found the problem. Labels come from `field.<path>`.
 */
export type ScalarKind = 'text' | 'textarea' | 'number' | 'date' | 'datetime' | 'boolean' | 'lines';

export type ActionField =
  | { path: string; kind: ScalarKind; optional?: boolean }
  | { path: string; kind: 'enum'; family: LabelFamily; options: readonly string[]; optional?: boolean }
  /** one of the project's own open sub-records (a warning, an objection, a change request) */
  | { path: string; kind: 'ref'; source: RefSource; optional?: false }
  | { path: string; kind: 'evidence'; categories: readonly EvidenceCategory[] | null; multiple: boolean; optional?: boolean };

export type RefSource = 'openWarnings' | 'openObjections' | 'pendingChange' | 'pendingTermination' | 'openRecoveries';

/** Steps with a form of their own component (the rubric-driven ones). */
export const CUSTOM_FORMS = ['assign_experts', 'add_experts', 'submit_score'] as const satisfies readonly ProjectAction[];
export type CustomFormAction = (typeof CUSTOM_FORMS)[number];

export function isCustomForm(action: ProjectAction): action is CustomFormAction {
  return (CUSTOM_FORMS as readonly string[]).includes(action);
}

const reason: ActionField[] = [{ path: 'reason', kind: 'textarea' }];
const comments: ActionField[] = [{ path: 'comments', kind: 'textarea' }];
const optionalComments: ActionField[] = [{ path: 'comments', kind: 'textarea', optional: true }];

export const ACTION_FIELDS: Record<Exclude<ProjectAction, CustomFormAction | 'save_draft'>, readonly ActionField[]> = {
  submit: [],
  withdraw: reason,
  recommend: [{ path: 'recommendation', kind: 'textarea' }, ...optionalComments],
  return_for_revision: comments,
  declare_conflict: [
    { path: 'hasConflict', kind: 'boolean' },
    { path: 'statement', kind: 'textarea', optional: true },
  ],
  select: [
    { path: 'approvedAmountWan', kind: 'number' },
    { path: 'noticeDays', kind: 'number' },
    ...optionalComments,
  ],
  decline: reason,
  record_objection: [
    { path: 'text', kind: 'textarea' },
    { path: 'receivedAt', kind: 'datetime', optional: true },
  ],
  answer_objection: [
    { path: 'objectionId', kind: 'ref', source: 'openObjections' },
    { path: 'answer', kind: 'textarea' },
  ],
  confirm_selection: [{ path: 'signingWindowDays', kind: 'number' }],
  sign_agreement: [{ path: 'agreementEvidenceId', kind: 'evidence', categories: ['agreement'], multiple: false }],
  issue_fund_plan: [
    { path: 'meetingRef', kind: 'text' },
    { path: 'preAllocationWan', kind: 'number' },
  ],
  report_progress: [
    { path: 'period', kind: 'text' },
    { path: 'percentComplete', kind: 'number' },
    { path: 'investedWan', kind: 'number' },
    { path: 'summary', kind: 'textarea' },
    { path: 'evidenceIds', kind: 'evidence', categories: null, multiple: true, optional: true },
  ],
  record_tranche: [
    { path: 'kind', kind: 'enum', family: 'trancheKind', options: TrancheKind.options },
    { path: 'amountWan', kind: 'number' },
    { path: 'reference', kind: 'text', optional: true },
    { path: 'source', kind: 'enum', family: 'fundSource', options: SupportSource.options, optional: true },
    { path: 'voucherEvidenceIds', kind: 'evidence', categories: ['fund_voucher'], multiple: true, optional: true },
  ],
  order_funds: [
    { path: 'measure', kind: 'enum', family: 'fundMeasure', options: FundMeasure.options },
    { path: 'source', kind: 'enum', family: 'fundSource', options: SupportSource.options },
    { path: 'amountWan', kind: 'number' },
    { path: 'reason', kind: 'enum', family: 'fundOrderReason', options: FundOrderReason.options },
    { path: 'documentRef', kind: 'text' },
    { path: 'documentEvidenceIds', kind: 'evidence', categories: ['fund_decision'], multiple: true, optional: true },
  ],
  record_repayment: [
    { path: 'orderId', kind: 'ref', source: 'openRecoveries' },
    { path: 'amountWan', kind: 'number' },
    { path: 'reference', kind: 'text', optional: true },
    { path: 'voucherEvidenceIds', kind: 'evidence', categories: ['fund_voucher'], multiple: true, optional: true },
  ],
  record_spot_check: [
    { path: 'checkedOn', kind: 'date' },
    { path: 'inspectors', kind: 'lines' },
    { path: 'outcome', kind: 'enum', family: 'spotCheckOutcome', options: ['conforming', 'issues_found'] },
    { path: 'findings', kind: 'textarea' },
    { path: 'drawSeed', kind: 'text', optional: true },
    { path: 'evidenceIds', kind: 'evidence', categories: null, multiple: true, optional: true },
  ],
  issue_warning: [
    { path: 'category', kind: 'enum', family: 'warningCategory', options: WarningCategory.options },
    { path: 'reason', kind: 'textarea' },
  ],
  clear_warning: [
    { path: 'warningId', kind: 'ref', source: 'openWarnings' },
    { path: 'note', kind: 'textarea' },
  ],
  request_change: [
    { path: 'details.kind', kind: 'enum', family: 'changeKind', options: ['scope', 'termination'] },
    { path: 'details.implementationPlan', kind: 'textarea', optional: true },
    ...reason,
  ],
  approve_change: [{ path: 'changeRequestId', kind: 'ref', source: 'pendingChange' }, ...comments],
  reject_change: [{ path: 'changeRequestId', kind: 'ref', source: 'pendingChange' }, ...comments],
  approve_termination: [{ path: 'changeRequestId', kind: 'ref', source: 'pendingTermination' }, ...comments],
  terminate: reason,
  request_acceptance: [
    { path: 'summary', kind: 'textarea' },
    { path: 'materials.selfEvaluationIds', kind: 'evidence', categories: ['self_evaluation'], multiple: true, optional: true },
    { path: 'materials.planIds', kind: 'evidence', categories: ['plan'], multiple: true, optional: true },
    { path: 'materials.contractIds', kind: 'evidence', categories: ['contract'], multiple: true, optional: true },
    { path: 'materials.invoiceIds', kind: 'evidence', categories: ['invoice'], multiple: true, optional: true },
    { path: 'materials.paymentVoucherIds', kind: 'evidence', categories: ['payment_voucher'], multiple: true, optional: true },
    { path: 'materials.otherIds', kind: 'evidence', categories: null, multiple: true, optional: true },
  ],
  pass_formal_review: optionalComments,
  return_formal_review: comments,
  assess: [
    { path: 'conclusion', kind: 'enum', family: 'assessConclusion', options: ['pass', 'fail'] },
    { path: 'summary', kind: 'textarea' },
    { path: 'reportEvidenceId', kind: 'evidence', categories: ['acceptance_report'], multiple: false },
  ],
  accept: optionalComments,
  order_rectification: [
    { path: 'deadline', kind: 'date' },
    { path: 'reasons', kind: 'textarea' },
  ],
};

export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;

export function emptyValues(fields: readonly ActionField[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.path, field.kind === 'boolean' ? false : field.kind === 'evidence' && field.multiple ? [] : '']));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1] ?? path] = value;
}

/** `datetime-local` gives Beijing wall-clock time without a zone; the API takes an instant. */
export function beijingInstant(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  const instant = new Date(`${withSeconds}+08:00`);
  return Number.isNaN(instant.getTime()) ? local : instant.toISOString();
}

/** The action input the values make: blank optional fields left out, numbers as numbers. */
export function buildInput(fields: readonly ActionField[], values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.path];
    let value: unknown = raw;
    if (typeof raw === 'string') {
      const text = raw.trim();
      if (text === '' && (field.optional || field.kind === 'number')) continue;
      if (field.kind === 'number') value = Number(text);
      else if (field.kind === 'datetime') value = beijingInstant(text);
      else if (field.kind === 'lines') value = text.split('\n').map((line) => line.trim()).filter(Boolean);
    }
    setPath(input, field.path, value);
  }
  // A termination asks for nothing but the reason (shared ChangeDetails).
  const details = input.details as Record<string, unknown> | undefined;
  if (details?.kind === 'termination') delete details.implementationPlan;
  return input;
}

/** The step's own schema check: the issues the API would answer with, or none. */
export function checkAction(action: ProjectAction, input: unknown): FieldIssue[] {
  const result = PROJECT_ACTIONS[action].input.safeParse(input);
  return result.success ? [] : fieldIssues(result.error);
}

/** `materials.planIds` → `action-pass_formal_review-materials-planIds`. */
export function actionFieldId(action: string, path: string): string {
  return `action-${action}-${path.replace(/\./g, '-')}`;
}
