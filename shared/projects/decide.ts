import * as z from 'zod';
import { DomainError } from '../errors';
import type { Participation } from '../enterprises/model';
import { scopeFromRegistration } from '../enterprises/register';
import { centralFundingOnPlatform } from '../funds/project';
import type { Principal } from '../roles';
import { isValidUscc } from '../uscc';
import { parseInput } from '../validation';
import { deliveryEffects } from './effects-delivery';
import { fundEffects } from './effects-funds';
import type { ProjectEnv } from './effects-common';
import { selectionEffects } from './effects-selection';
import { CreateDraftInput } from './inputs';
import { PROJECT_ACTIONS, type ProjectAction, type ProjectActions } from './lifecycle';
import { authorizeAction, availableActions, runAction, type AuditEvent, type Effects, type Machine } from './machine';
import { EMPTY_APPLICATION, type Application, type Project, type ProjectStatus } from './model';
import { DEFAULT_MODERATION_THRESHOLD } from './scoring';
import { Id } from './values';
import { roleScopeFits } from './visibility';

/**
 * The one entry point for changing a project: `decide` takes the current record and returns the next
 * one with the audit event that explains it. The persistence layer writes both in one transaction,
 * conditioned on the version it read; nothing here does I/O or reads the clock.
 */

export type { AuditEvent } from './machine';

export interface Decision {
  project: Project;
  event: AuditEvent;
}

export interface DecideOptions {
  /** Spread of expert totals above which a selection is flagged for moderation. */
  moderationThreshold?: number;
  /** The enterprise's projects (any pilot), so a selection flags central funds held twice (003 §二(二)). */
  enterpriseProjects?: readonly Project[];
}

const effects: Effects<Project, ProjectActions, ProjectEnv> = { ...selectionEffects, ...deliveryEffects, ...fundEffects };

export const projectMachine: Machine<ProjectStatus, Project, ProjectActions, ProjectEnv> = {
  table: PROJECT_ACTIONS,
  effects,
  inScope: roleScopeFits,
};

const Options = z.object({ moderationThreshold: z.number().min(0).max(100).default(DEFAULT_MODERATION_THRESHOLD) });

/**
 * Takes `action` on `project` for `actor` at `now`. Checks, in order: the action exists
 * (VALIDATION_FAILED on `action`), the actor's role (FORBIDDEN), the actor's scope (NOT_FOUND), the
 * state (ILLEGAL_TRANSITION), the input (VALIDATION_FAILED), the preconditions (PRECONDITION_FAILED).
 * Returns a new project with version + 1 and updatedAt = now; `project` is never mutated.
 */
export function decide(project: Project, action: string, input: unknown, actor: Principal, now: Date, options: DecideOptions = {}): Decision {
  const env = { ...parseInput(Options, { moderationThreshold: options.moderationThreshold }), centralFundingOnPlatform: centralFundingOnPlatform(project, options.enterpriseProjects ?? []) };
  const { next, event } = runAction(projectMachine, project, action, input, actor, now, env);
  return { project: next, event };
}

/** What this actor may do with this project now (role, scope and state; not yet input or preconditions). */
export function availableProjectActions(project: Project, actor: Principal): ProjectAction[] {
  return availableActions(projectMachine, project, actor);
}

/** The record-free part of `decide`: call it before loading, so FORBIDDEN never depends on existence. */
export function authorizeProjectAction(action: string, actor: Principal): void {
  authorizeAction(PROJECT_ACTIONS, action, actor);
}

/**
 * 滨海 §三(五)2: an enterprise starts its application under a published guide. The enterprise is the
 * caller (its 统一社会信用代码 comes from its verified token, never from the body); `id` is minted by
 * the caller so that a retried create is idempotent.
 */
/**
 * 滨海 §三(五)2: the enterprise starts an application. Its pilot and town are those of its
 * registration in the pilot it names (issue 12), never the request's: `registration` is what the
 * store holds for (actor's USCC, pilot), undefined when the firm is not registered there.
 */
export function createDraft(input: unknown, actor: Principal, now: Date, id: string, registration: Pick<Participation, 'uscc' | 'pilotId' | 'town'> | undefined): Decision {
  if (!actor.roles.includes('enterprise')) throw new DomainError('FORBIDDEN', { details: { action: 'create_draft' } });
  const uscc = actor.uscc;
  if (uscc === undefined || !isValidUscc(uscc)) throw new DomainError('INVALID_USCC');
  const parsed = parseInput(CreateDraftInput, input);
  const scope = scopeFromRegistration(registration?.uscc === uscc ? registration : undefined, parsed, { pilotId: 'pilotId', town: 'town' });
  const projectId = parseInput(Id, id);
  const at = now.toISOString();
  const application: Application = parsed.application ?? EMPTY_APPLICATION;
  const project: Project = {
    id: projectId,
    pilotId: scope.pilotId,
    uscc,
    town: scope.town,
    category: parsed.category,
    demonstrationType: parsed.demonstrationType,
    guideId: parsed.guideId,
    title: parsed.title,
    status: 'draft',
    version: 1,
    application,
    applicationVersion: 1,
    preliminaryReviews: [],
    tranches: [],
    progressReports: [],
    spotChecks: [],
    warnings: [],
    changeRequests: [],
    acceptanceRounds: [],
    rectifications: [],
    createdAt: at,
    updatedAt: at,
  };
  const event: AuditEvent = {
    action: 'create_draft',
    actorSubject: actor.subject,
    actorRole: 'enterprise',
    fromStatus: null,
    toStatus: 'draft',
    at,
    summary: `新建项目申报草稿：${parsed.title}`,
    data: { guideId: parsed.guideId, category: parsed.category, demonstrationType: parsed.demonstrationType },
  };
  return { project, event };
}

/** Saves the application form: the enterprise, on its own project, while in draft or returned. */
export function saveDraft(project: Project, application: unknown, actor: Principal, now: Date): Decision {
  return decide(project, 'save_draft', application, actor, now);
}
