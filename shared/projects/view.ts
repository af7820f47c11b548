import type { Principal } from '../roles';
import type { AuditEvent } from './machine';
import type { Project } from './model';
import { scoresVisibleTo, type VisibleScore } from './scoring';
import { panelAccess, type PanelAccess } from './visibility';

/**
 * A project and everything read about it, as one actor may read it. Score sheets leave the record
 * and come back only as `scores`, filtered by scoresVisibleTo (independent scoring). Who sits on the
 * panel is hidden from the enterprise and the town, so nobody can lobby an expert during the review
 * (滨海 §三(五)4); an expert sees only their own part until the panel closes. The same rule
 * (panelAccess) applies to the project's audit events and obligations wherever they are read: the
 * project page, the dossier (一企一档), the obligations list.
 */
export type ProjectView = Omit<Project, 'experts'> & {
  experts?: { rubric: NonNullable<Project['experts']>['rubric']; draws?: NonNullable<Project['experts']>['draws']; assignments: Array<Omit<NonNullable<Project['experts']>['assignments'][number], 'score'> & { scored: boolean }> };
  expertCount?: number;
  scores: VisibleScore[];
};

export function projectViewFor(actor: Principal, project: Project): ProjectView {
  const { experts, ...rest } = project;
  const view: ProjectView = { ...rest, scores: scoresVisibleTo(actor, project) };
  if (!experts) return view;
  const access = panelAccess(actor, project);
  const assignments = experts.assignments.map(({ score, ...assignment }) => ({ ...assignment, scored: score !== undefined }));
  if (access === 'full') {
    view.experts = { rubric: experts.rubric, ...(experts.draws ? { draws: experts.draws } : {}), assignments };
  } else if (access === 'own') {
    view.experts = { rubric: experts.rubric, assignments: assignments.filter((assignment) => assignment.subject === actor.subject) };
    view.expertCount = experts.assignments.length;
  } else {
    view.expertCount = experts.assignments.length;
  }
  return view;
}

/** An audit event as the reader may see it: who on the panel acted, and whom an event names, only as panelAccess allows. */
export type AuditEventView = Omit<AuditEvent, 'actorSubject'> & { actorSubject?: string };

export function auditEventFor<E extends AuditEvent>(actor: Principal, project: Project, event: E): Omit<E, 'actorSubject'> & { actorSubject?: string } {
  return redactPanel(panelAccess(actor, project), actor.subject, event);
}

function redactPanel<E extends AuditEvent>(access: PanelAccess, reader: string, event: E): Omit<E, 'actorSubject'> & { actorSubject?: string } {
  if (access === 'full') return event;
  const { actorSubject, data, ...rest } = event;
  const view: Omit<E, 'actorSubject'> & { actorSubject?: string } = { ...rest } as Omit<E, 'actorSubject'>;
  if (event.actorRole !== 'expert' || (access === 'own' && actorSubject === reader)) view.actorSubject = actorSubject;
  if (data !== undefined) {
    const named = data.experts;
    if (Array.isArray(named)) {
      const { experts: _experts, ...others } = data;
      view.data = access === 'own' ? { ...others, experts: named.filter((subject) => subject === reader) } : { ...others, expertCount: named.length };
    } else {
      view.data = data;
    }
  }
  return view;
}

/** The panel facts an obligation carries: the experts who owe a score (`holders`) and who closed it. */
export interface PanelFacts {
  responsible: string;
  holders?: string[] | undefined;
  fulfilledBy?: string | undefined;
}

/** An obligation of a project as the reader may see it: the experts owing a score only as panelAccess allows. */
export function obligationFor<O extends PanelFacts>(actor: Principal, project: Project, obligation: O): O {
  const access = panelAccess(actor, project);
  if (access === 'full' || obligation.responsible !== 'expert') return obligation;
  const { holders, fulfilledBy, ...rest } = obligation;
  const view = { ...rest } as O;
  if (access === 'own') {
    if (holders !== undefined) view.holders = holders.filter((subject) => subject === actor.subject);
    if (fulfilledBy !== undefined && fulfilledBy === actor.subject) view.fulfilledBy = fulfilledBy;
  }
  return view;
}
