import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/projects/decide';
import { PROJECT_ACTIONS, PROJECT_ACTION_NAMES, TERMINAL_STATUSES } from '../../../shared/projects/lifecycle';
import { AuditEvent } from '../../../shared/projects/machine';
import { Project, ProjectStatus } from '../../../shared/projects/model';
import { ROLES, type Role } from '../../../shared/roles';
import { SAMPLES, actor, expectDomainError, stateFixtures } from './fixtures';

/**
 * Every state × action × role, generated from the table: a role the action does not name is
 * FORBIDDEN; an allowed role outside its scope gets NOT_FOUND; a state the action does not list is an
 * ILLEGAL_TRANSITION; everything else reaches the table's resulting state with a valid record.
 */

const fixtures = stateFixtures();
const STATUSES = ProjectStatus.options;

type Outcome = { kind: 'error'; code: 'FORBIDDEN' | 'NOT_FOUND' | 'ILLEGAL_TRANSITION' } | { kind: 'moves'; to: ProjectStatus };

/** Scope as the fixtures set it up: officials see a project once it was submitted; expert-1 once assigned. */
function inScope(role: Role, project: Project): boolean {
  if (role === 'enterprise') return true;
  if (project.submittedAt === undefined) return false;
  if (role === 'expert') return project.experts?.assignments.some((assignment) => assignment.subject === 'expert-1') ?? false;
  return ['town', 'bureau', 'operator', 'finance', 'supervisor'].includes(role);
}

function expected(status: ProjectStatus, action: keyof typeof PROJECT_ACTIONS, role: Role): Outcome {
  const spec: { from: readonly ProjectStatus[]; roles: readonly Role[]; to?: ProjectStatus } = PROJECT_ACTIONS[action];
  if (!spec.roles.includes(role)) return { kind: 'error', code: 'FORBIDDEN' };
  if (!inScope(role, fixtures[status].project)) return { kind: 'error', code: 'NOT_FOUND' };
  if (!spec.from.includes(status)) return { kind: 'error', code: 'ILLEGAL_TRANSITION' };
  return { kind: 'moves', to: spec.to ?? status };
}

const cases = STATUSES.flatMap((status) =>
  PROJECT_ACTION_NAMES.flatMap((action) =>
    ROLES.map((role) => {
      const outcome = expected(status, action, role);
      const description = outcome.kind === 'moves' ? `moves to ${outcome.to}` : `is refused with ${outcome.code}`;
      return { status, action, role, outcome, description };
    }),
  ),
);

describe('the project lifecycle matrix', () => {
  it('covers every state, every action and every role', () => {
    expect(cases).toHaveLength(STATUSES.length * PROJECT_ACTION_NAMES.length * ROLES.length);
    expect(cases.filter((entry) => entry.outcome.kind === 'moves').length).toBeGreaterThan(40);
  });

  it.each(cases)('in $status, $action by $role $description', ({ status, action, role, outcome }) => {
    const fixture = fixtures[status];
    const sample = SAMPLES[action];
    const prepared = outcome.kind === 'moves' && sample.prepare ? sample.prepare(fixture.project, fixture.now) : fixture.project;
    const now = sample.now ? sample.now(prepared, fixture.now) : fixture.now;
    const run = () => decide(prepared, action, sample.input(prepared, now), actor(role), now);
    if (outcome.kind === 'error') {
      const error = expectDomainError(run, outcome.code);
      if (outcome.code === 'ILLEGAL_TRANSITION') expect(error.details).toEqual({ status, action });
      return;
    }
    const { project, event } = run();
    expect(project.status).toBe(outcome.to);
    expect(project.version).toBe(prepared.version + 1);
    expect(project.updatedAt).toBe(now.toISOString());
    expect(Project.safeParse(project).error).toBeUndefined();
    expect(AuditEvent.parse(event)).toMatchObject({ action, actorRole: role, fromStatus: status, toStatus: outcome.to, at: now.toISOString() });
    expect(event.summary.length).toBeGreaterThan(0);
  });
});

describe('terminal states', () => {
  it.each(TERMINAL_STATUSES)('%s allows no action that changes the state', (status) => {
    const moving = PROJECT_ACTION_NAMES.filter((name) => {
      const spec: { from: readonly ProjectStatus[]; to?: ProjectStatus } = PROJECT_ACTIONS[name];
      return spec.from.includes(status) && spec.to !== undefined && spec.to !== status;
    });
    expect(moving).toEqual([]);
  });

  it('takes only money once a project is accepted: the remaining tranche, a 收回/扣减 order and its repayment', () => {
    const allowed = PROJECT_ACTION_NAMES.filter((name) => (PROJECT_ACTIONS[name].from as readonly string[]).includes('accepted'));
    expect(allowed).toEqual(['record_tranche', 'order_funds', 'record_repayment']);
  });

  it('takes only a 收回/扣减 order and its repayment once a project is terminated (003 §三(三))', () => {
    const allowed = PROJECT_ACTION_NAMES.filter((name) => (PROJECT_ACTIONS[name].from as readonly string[]).includes('terminated'));
    expect(allowed).toEqual(['order_funds', 'record_repayment']);
  });

  it('reaches every non-initial state from some action', () => {
    const targets = new Set(PROJECT_ACTION_NAMES.map((name) => (PROJECT_ACTIONS[name] as { to?: ProjectStatus }).to));
    expect(STATUSES.filter((status) => status !== 'draft' && !targets.has(status))).toEqual([]);
  });
});
