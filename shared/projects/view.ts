import type { Principal } from '../roles';
import type { Project } from './model';
import { scoresVisibleTo, type VisibleScore } from './scoring';

/**
 * A project as one actor may read it. Score sheets leave the record and come back only as
 * `scores`, filtered by scoresVisibleTo (independent scoring). Who sits on the panel is hidden from
 * the enterprise and the town, so nobody can lobby an expert during the review (滨海 §三(五)4).
 */
export type ProjectView = Omit<Project, 'experts'> & {
  experts?: { rubric: NonNullable<Project['experts']>['rubric']; draws?: NonNullable<Project['experts']>['draws']; assignments: Array<Omit<NonNullable<Project['experts']>['assignments'][number], 'score'> & { scored: boolean }> };
  expertCount?: number;
  scores: VisibleScore[];
};

const PANEL_READERS = ['bureau', 'operator', 'supervisor', 'expert'] as const;

export function projectViewFor(actor: Principal, project: Project): ProjectView {
  const { experts, ...rest } = project;
  const view: ProjectView = { ...rest, scores: scoresVisibleTo(actor, project) };
  if (!experts) return view;
  if (actor.roles.some((role) => (PANEL_READERS as readonly string[]).includes(role))) {
    view.experts = {
      rubric: experts.rubric,
      ...(experts.draws ? { draws: experts.draws } : {}),
      assignments: experts.assignments.map(({ score, ...assignment }) => ({ ...assignment, scored: score !== undefined })),
    };
  } else {
    view.expertCount = experts.assignments.length;
  }
  return view;
}
