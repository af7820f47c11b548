import * as z from 'zod';
import type { Principal } from '../roles';
import { parseInput } from '../validation';
import type { CriterionScore, ExpertAssignment, Project, Rubric } from './model';
import { panelAccess } from './visibility';

/**
 * Expert review (滨海 §三(五)4: 根据申报指南要求对项目进行评审，择优确定): each expert scores every
 * criterion 0–100; an expert's total is the weighted sum (weights are percentages). The panel score
 * is the mean of the totals — with five or more experts the single highest and lowest are dropped,
 * so one outlier cannot carry or sink a project — and a wide spread asks for moderation.
 */

/** Spread (max − min of totals) above which the panel should talk before the bureau selects. */
export const DEFAULT_MODERATION_THRESHOLD = 20;

/** Panels of at least this size drop their highest and lowest totals. */
export const TRIM_FROM = 5;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Σ score × weight / 100, two decimals. Assumes one score per criterion (checked on submission). */
export function weightedTotal(rubric: Rubric, scores: readonly CriterionScore[]): number {
  let total = 0;
  for (const criterion of rubric) {
    const score = scores.find((candidate) => candidate.criterionId === criterion.id)?.score ?? 0;
    total += (score * criterion.weight) / 100;
  }
  return round2(total);
}

/** Criteria the scores leave out, and scores for criteria the rubric does not have or repeats. */
export function scoreSheetProblems(rubric: Rubric, scores: readonly CriterionScore[]): { missing: string[]; unexpected: string[] } {
  const ids = rubric.map((criterion) => criterion.id);
  const seen = new Set<string>();
  const unexpected: string[] = [];
  for (const score of scores) {
    if (!ids.includes(score.criterionId) || seen.has(score.criterionId)) unexpected.push(score.criterionId);
    seen.add(score.criterionId);
  }
  return { missing: ids.filter((id) => !seen.has(id)), unexpected };
}

export const ExpertTotal = z.object({ subject: z.string(), total: z.number().min(0).max(100) });
export type ExpertTotal = z.infer<typeof ExpertTotal>;

export const PanelOptions = z.object({ moderationThreshold: z.number().min(0).max(100).default(DEFAULT_MODERATION_THRESHOLD) });

export interface PanelResult {
  /** How many experts scored. */
  scorers: number;
  /** Mean of the counted totals, two decimals; null when nobody has scored. */
  score: number | null;
  counted: string[];
  dropped: string[];
  max: number | null;
  min: number | null;
  spread: number | null;
  needsModeration: boolean;
}

export function panelResult(totals: readonly ExpertTotal[], options: { moderationThreshold?: number } = {}): PanelResult {
  const parsedTotals = parseInput(z.array(ExpertTotal), totals);
  const { moderationThreshold } = parseInput(PanelOptions, options);
  if (parsedTotals.length === 0) {
    return { scorers: 0, score: null, counted: [], dropped: [], max: null, min: null, spread: null, needsModeration: false };
  }
  // Sorted by total, ties by subject, so which of two equal extremes is dropped is reproducible.
  const sorted = [...parsedTotals].sort((a, b) => a.total - b.total || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const trim = sorted.length >= TRIM_FROM;
  const kept = trim ? sorted.slice(1, -1) : sorted;
  const dropped = trim && lowest && highest ? [highest.subject, lowest.subject] : [];
  const max = highest?.total ?? 0;
  const min = lowest?.total ?? 0;
  const spread = round2(max - min);
  return {
    scorers: sorted.length,
    score: round2(kept.reduce((sum, entry) => sum + entry.total, 0) / kept.length),
    counted: kept.map((entry) => entry.subject),
    dropped,
    max,
    min,
    spread,
    needsModeration: spread > moderationThreshold,
  };
}

/** Experts on the panel: assigned and not stepped aside for a conflict of interest. */
export function activeAssignments(project: Project): ExpertAssignment[] {
  return (project.experts?.assignments ?? []).filter((assignment) => assignment.declaration?.hasConflict !== true);
}

export function submittedTotals(project: Project): ExpertTotal[] {
  return activeAssignments(project).flatMap((assignment) =>
    assignment.score ? [{ subject: assignment.subject, total: assignment.score.total }] : [],
  );
}

export function projectPanelResult(project: Project, options: { moderationThreshold?: number } = {}): PanelResult {
  return panelResult(submittedTotals(project), options);
}

export interface VisibleScore {
  subject: string;
  name: string;
  criterionScores: CriterionScore[];
  total: number;
  comments: string;
  submittedAt: string;
}

/**
 * The score sheets an actor may read. Scoring is independent: an expert sees only their own sheet
 * while the panel sits, and the panel's once it has closed. The bureau and the operator, who run the
 * review (滨海 §三(五)4), and a supervisor see all; the enterprise, the town and finance see none
 * (panelAccess in visibility.ts).
 */
export function scoresVisibleTo(actor: Principal, project: Project): VisibleScore[] {
  const sheets = activeAssignments(project).flatMap((assignment): VisibleScore[] =>
    assignment.score ? [{ subject: assignment.subject, name: assignment.name, ...assignment.score }] : [],
  );
  switch (panelAccess(actor, project)) {
    case 'full':
      return sheets;
    case 'own':
      return sheets.filter((sheet) => sheet.subject === actor.subject);
    case 'none':
      return [];
  }
}
