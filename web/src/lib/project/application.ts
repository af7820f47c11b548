import type { FieldIssue } from '../../../../shared/errors';
import { Application, applicationIssues, BudgetKind } from '../../../../shared/projects/model';
import { fieldIssues } from '../../../../shared/validation';

/**
 * The application form's data (滨海 §三(五)2: 实施方案及计划、经费使用计划、绩效指标表、材料): the
 * inputs' text, turned into the `save_draft` body and checked with the same zod schema the API
 * uses (shared/projects/application.ts), plus `applicationIssues` before a submission.
 */
export interface MilestoneRow {
  name: string;
  due: string;
}
export interface BudgetRow {
  kind: string;
  amountWan: string;
}
export interface IndicatorRow {
  name: string;
  unit: string;
  target: string;
}

export interface ApplicationValues {
  implementationPlan: string;
  milestones: MilestoneRow[];
  budget: BudgetRow[];
  fundRequestedWan: string;
  indicators: IndicatorRow[];
  evidenceIds: string[];
}

export const BUDGET_KINDS = BudgetKind.options;

const numberText = (value: number): string => (value === 0 ? '' : String(value));

export function valuesOf(application: Application): ApplicationValues {
  return {
    implementationPlan: application.implementationPlan,
    milestones: application.milestones.map((row) => ({ ...row })),
    budget: application.budget.map((row) => ({ kind: row.kind, amountWan: String(row.amountWan) })),
    fundRequestedWan: numberText(application.fundRequestedWan),
    indicators: application.indicators.map((row) => ({ name: row.name, unit: row.unit, target: String(row.target) })),
    evidenceIds: [...application.evidenceIds],
  };
}

/** Blank numbers become undefined so the schema names them (必填) rather than reading 0. */
function number(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export function applicationBody(values: ApplicationValues): Record<string, unknown> {
  return {
    implementationPlan: values.implementationPlan,
    milestones: values.milestones.map((row) => ({ name: row.name, due: row.due })),
    budget: values.budget.map((row) => ({ kind: row.kind, amountWan: number(row.amountWan) })),
    // An empty request is a draft's 0; submission asks for it (applicationIssues).
    fundRequestedWan: number(values.fundRequestedWan) ?? 0,
    indicators: values.indicators.map((row) => ({ name: row.name, unit: row.unit, target: number(row.target) })),
    evidenceIds: [...values.evidenceIds],
  };
}

export type ApplicationCheck = { ok: true; application: Application; issues: FieldIssue[] } | { ok: false; issues: FieldIssue[] };

/**
 * `forSubmit`: also what a submission still lacks (the API's PRECONDITION_FAILED issues), with
 * their `application.` prefix dropped so they sit beside the same fields.
 */
export function checkApplication(values: ApplicationValues, forSubmit = false, now: Date = new Date()): ApplicationCheck {
  const body = applicationBody(values);
  const result = Application.safeParse(body);
  const invalid = result.success ? [] : fieldIssues(result.error);
  // What a submission lacks is read from the body even while another field fails the schema, so
  // every step shows its own gaps at once (the checks only read lengths, text and sums).
  const missing = forSubmit ? applicationIssues(body as Application, now).map(stripApplicationPrefix) : [];
  const issues = [...invalid, ...missing.filter((issue) => !invalid.some((other) => other.path === issue.path))];
  return result.success && issues.length === 0 ? { ok: true, application: result.data, issues: [] } : { ok: false, issues };
}

export function stripApplicationPrefix(issue: FieldIssue): FieldIssue {
  return { ...issue, path: issue.path.replace(/^application\./, '') };
}

/** The steps of the form and which fields each holds (row fields are under their list's path). */
export const APPLICATION_STEPS = [
  { id: 'plan', fields: ['implementationPlan'] },
  { id: 'milestones', fields: ['milestones'] },
  { id: 'budget', fields: ['budget', 'fundRequestedWan'] },
  { id: 'indicators', fields: ['indicators'] },
  { id: 'materials', fields: ['evidenceIds'] },
  { id: 'review', fields: [] },
] as const;
export type ApplicationStep = (typeof APPLICATION_STEPS)[number]['id'];

/** Every field path the form shows for these values: list paths and each row's cells. */
export function applicationFieldPaths(values: ApplicationValues): string[] {
  return [
    'implementationPlan',
    'fundRequestedWan',
    'evidenceIds',
    'milestones',
    'budget',
    'indicators',
    ...values.milestones.flatMap((_row, index) => [`milestones.${index}.name`, `milestones.${index}.due`]),
    ...values.budget.flatMap((_row, index) => [`budget.${index}.kind`, `budget.${index}.amountWan`]),
    ...values.indicators.flatMap((_row, index) => [`indicators.${index}.name`, `indicators.${index}.unit`, `indicators.${index}.target`]),
  ];
}

export function stepOf(path: string): ApplicationStep {
  const root = path.split('.')[0] ?? '';
  return APPLICATION_STEPS.find((step) => (step.fields as readonly string[]).includes(root))?.id ?? 'review';
}

/** `budget.0.amountWan` → `app-budget-0-amountWan`. */
export function applicationFieldId(path: string): string {
  return `app-${path.replace(/\./g, '-')}`;
}

export function totalBudget(values: ApplicationValues): number {
  return values.budget.reduce((sum, row) => sum + Math.round((number(row.amountWan) ?? 0) * 100), 0) / 100;
}

/** The values as an application for the summary of the last step: blanks read as empty or 0, never refused. */
export function applicationOfValues(values: ApplicationValues): Application {
  const amount = (text: string) => {
    const value = number(text);
    return value === undefined || !Number.isFinite(value) ? 0 : value;
  };
  return {
    implementationPlan: values.implementationPlan,
    milestones: values.milestones.map((row) => ({ name: row.name, due: row.due })),
    budget: values.budget.filter((row) => (BUDGET_KINDS as readonly string[]).includes(row.kind)).map((row) => ({ kind: row.kind as BudgetKind, amountWan: amount(row.amountWan) })),
    fundRequestedWan: amount(values.fundRequestedWan),
    indicators: values.indicators.map((row) => ({ name: row.name, unit: row.unit, target: amount(row.target) })),
    evidenceIds: [...values.evidenceIds],
  };
}
