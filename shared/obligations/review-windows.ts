import { CHINA_CALENDAR, CHINA_CALENDAR_WEEKENDS_FALLBACK, CalendarYearMissingError } from '../calendar/calendar';
import type { Project, ProjectStatus } from '../projects/model';
import { activeAssignments } from '../projects/scoring';
import { OBLIGATION_LABELS, type Obligation, type ReviewStage, type Responsible } from './model';
import { projectObligation } from './periods';

/**
 * How long an official may hold a project at each review stage, in working days (shared/calendar).
 * The seeds name the stages and who holds them but set no durations, so these are the platform's
 * defaults, kept here as data: change a number, not a rule. When a window passes with the project
 * still in the stage, the holder is reminded and the level above sees it (an escalation, 督办).
 *
 * | stage               | status               | holder  | window | level above | seed               |
 * |---------------------|----------------------|---------|--------|-------------|--------------------|
 * | 街镇初审推荐          | submitted            | town    | 10     | bureau      | 滨海 §三(五)3      |
 * | 组织专家评审          | recommended          | bureau  | 10     | supervisor  | 滨海 §三(五)4      |
 * | 专家评分              | expert_review        | expert  | 10     | bureau      | 滨海 §三(五)4      |
 * | 验收材料形式审查      | acceptance_requested | town    | 5      | bureau      | 滨海 §三(五)9      |
 */
export interface ReviewStageDefinition {
  status: ProjectStatus;
  label: string;
  holder: Extract<Responsible, 'town' | 'bureau' | 'expert'>;
  escalateTo: 'bureau' | 'supervisor';
  workingDays: number;
  seed: string;
}

export const REVIEW_STAGES: Record<ReviewStage, ReviewStageDefinition> = {
  preliminary_review: { status: 'submitted', label: '街镇初审推荐', holder: 'town', escalateTo: 'bureau', workingDays: 10, seed: '滨海 §三(五)3' },
  expert_organisation: { status: 'recommended', label: '组织专家评审', holder: 'bureau', escalateTo: 'supervisor', workingDays: 10, seed: '滨海 §三(五)4' },
  expert_scoring: { status: 'expert_review', label: '专家评分', holder: 'expert', escalateTo: 'bureau', workingDays: 10, seed: '滨海 §三(五)4' },
  formal_review: { status: 'acceptance_requested', label: '验收材料形式审查', holder: 'town', escalateTo: 'bureau', workingDays: 5, seed: '滨海 §三(五)9' },
};

export function stageOfStatus(status: ProjectStatus): ReviewStage | undefined {
  return (Object.keys(REVIEW_STAGES) as ReviewStage[]).find((stage) => REVIEW_STAGES[stage].status === status);
}

/**
 * Names this project's current entry into the stage, from its own records, so the decision that
 * opens the window and the one that closes it name the same obligation: a resubmission after 退回修改
 * is a new application version, a second acceptance request a new round.
 */
export function stagePeriod(stage: ReviewStage, project: Project): string {
  switch (stage) {
    case 'preliminary_review':
      return `${stage}.v${project.applicationVersion}`;
    case 'formal_review':
      return `${stage}.${project.acceptanceRounds.at(-1)?.id ?? 'A0'}`;
    case 'expert_organisation':
    case 'expert_scoring':
      return stage;
  }
}

export function stageLabel(obligation: Pick<Obligation, 'kind' | 'stage'>): string {
  return obligation.stage ? REVIEW_STAGES[obligation.stage].label : OBLIGATION_LABELS[obligation.kind];
}

/**
 * The last day of a window of `workingDays` starting the day after `startDay`. A decision must not
 * fail because next year's holiday notice has not been entered yet, so a missing year is counted as
 * weekends only here — and the window is marked provisional, never silently.
 */
export function windowDueDay(startDay: string, workingDays: number): { dueDay: string; provisional: boolean } {
  try {
    const dueDay = CHINA_CALENDAR.addWorkingDays(startDay, workingDays);
    return { dueDay, provisional: !CHINA_CALENDAR.isOfficial(startDay) || !CHINA_CALENDAR.isOfficial(dueDay) };
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    return { dueDay: CHINA_CALENDAR_WEEKENDS_FALLBACK.addWorkingDays(startDay, workingDays), provisional: true };
  }
}

/** The experts who still owe a score: active (no conflict declared) and not yet scored. */
export function pendingScorers(project: Project): string[] {
  return activeAssignments(project)
    .filter((assignment) => assignment.score === undefined)
    .map((assignment) => assignment.subject);
}

/** The window a project enters with its stage, opened on `startDay`. */
export function stageObligation(project: Project, stage: ReviewStage, startDay: string, openedAt: string): Obligation {
  const definition = REVIEW_STAGES[stage];
  const { dueDay, provisional } = windowDueDay(startDay, definition.workingDays);
  const obligation = projectObligation(project, 'review_stage', stagePeriod(stage, project), dueDay, openedAt, definition.holder);
  obligation.stage = stage;
  if (provisional) obligation.provisional = true;
  if (stage === 'expert_scoring') obligation.holders = pendingScorers(project);
  return obligation;
}
