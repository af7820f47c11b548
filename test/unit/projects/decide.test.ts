import { describe, expect, it } from 'vitest';
import { authorizeProjectAction, availableProjectActions, createDraft, decide, saveDraft } from '../../../shared/projects/decide';
import { EMPTY_APPLICATION } from '../../../shared/projects/model';
import type { Principal } from '../../../shared/roles';
import { APPLICATION, PILOT, TOWN, USCC, actor, at, REGISTRATION, expectDomainError, scoreAll, stateFixtures } from './fixtures';

/** The order of the checks, the shape of a decision, and the two record-creating entry points. */

const fixtures = stateFixtures();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('decide checks in a fixed order', () => {
  const { project: submitted, now } = fixtures.submitted;
  const outsider = { ...actor('enterprise'), uscc: '91120114MA05KXYZ0X' };

  it('names the action field when the action does not exist, even for inherited property names', () => {
    for (const action of ['approve_everything', 'toString', '__proto__', 'constructor']) {
      const error = expectDomainError(() => decide(submitted, action, {}, actor('town'), now), 'VALIDATION_FAILED');
      expect(error.issues).toEqual([{ path: 'action', message: '不是允许的操作' }]);
    }
  });

  it('answers FORBIDDEN for a role the action does not allow, before looking at scope', () => {
    expectDomainError(() => decide(submitted, 'recommend', {}, outsider, now), 'FORBIDDEN');
  });

  it('answers NOT_FOUND for an actor out of scope, before looking at the state', () => {
    expectDomainError(() => decide(submitted, 'sign_agreement', {}, outsider, now), 'NOT_FOUND');
  });

  it('answers ILLEGAL_TRANSITION with the status and action, before looking at the input', () => {
    const error = expectDomainError(() => decide(submitted, 'sign_agreement', { nonsense: true }, actor('enterprise'), now), 'ILLEGAL_TRANSITION');
    expect(error.details).toEqual({ status: 'submitted', action: 'sign_agreement' });
  });

  it('answers VALIDATION_FAILED with field paths, before looking at preconditions', () => {
    const { project: review, now: later } = fixtures.expert_review;
    const error = expectDomainError(
      () => decide(review, 'select', { approvedAmountWan: 1.234, noticeDays: 0, extra: 1 }, actor('bureau'), later),
      'VALIDATION_FAILED',
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['', 'approvedAmountWan', 'noticeDays']);
    expect(error.issues.find((issue) => issue.path === 'approvedAmountWan')?.message).toBe('金额最多保留两位小数（万元）');
  });

  it('lets a handler check action and role before it loads anything', () => {
    expect(() => authorizeProjectAction('recommend', actor('town'))).not.toThrow();
    expectDomainError(() => authorizeProjectAction('recommend', actor('enterprise')), 'FORBIDDEN');
    expectDomainError(() => authorizeProjectAction('nope', actor('town')), 'VALIDATION_FAILED');
  });
});

describe('a decision', () => {
  it('returns a new project and never changes the one it was given', () => {
    const { project, now } = fixtures.in_progress;
    const before = structuredClone(project);
    const frozen = deepFreeze(structuredClone(project));
    const { project: next } = decide(frozen, 'issue_warning', { category: 'late', reason: '滞后' }, actor('bureau'), now);
    expect(frozen).toEqual(before);
    expect(next).not.toBe(frozen);
    expect(next.warnings).toHaveLength(1);
  });

  it('carries an audit event with the actor, the role they acted in, both states, the time and a Chinese summary', () => {
    const { project, now } = fixtures.submitted;
    const { event } = decide(project, 'recommend', { recommendation: '同意推荐' }, actor('town'), now);
    expect(event).toEqual({
      action: 'recommend',
      actorSubject: 'town-1',
      actorRole: 'town',
      fromStatus: 'submitted',
      toStatus: 'recommended',
      at: now.toISOString(),
      summary: '街镇初审推荐：同意推荐',
    });
  });

  it('records the role the action allows when an actor holds several', () => {
    const { project, now } = fixtures.public_notice;
    const both: Principal = { ...actor('operator'), roles: ['town', 'operator'], town: 'elsewhere' };
    const { event } = decide(project, 'record_objection', { text: '异议' }, both, now);
    expect(event.actorRole).toBe('operator');
  });

  it('flags a wide spread of expert totals against the moderation threshold it is given', () => {
    const { project, now } = fixtures.expert_review;
    const scored = scoreAll(project, now, [1, 2, 3], { 1: 90, 2: 80, 3: 75 });
    const input = { approvedAmountWan: 500, noticeDays: 5 };
    expect(decide(scored, 'select', input, actor('bureau'), now).project.selection).toMatchObject({ needsModeration: false, panelScore: 81.67 });
    expect(decide(scored, 'select', input, actor('bureau'), now, { moderationThreshold: 10 }).project.selection).toMatchObject({ needsModeration: true });
  });
});

describe('availableProjectActions', () => {
  it('lists what an actor may do now, by role, scope and state', () => {
    const { project } = fixtures.in_progress;
    expect(availableProjectActions(project, actor('enterprise'))).toEqual(['report_progress', 'request_change', 'request_acceptance']);
    expect(availableProjectActions(project, actor('finance'))).toEqual(['record_tranche', 'record_repayment']);
    expect(availableProjectActions(project, { ...actor('bureau'), pilot: 'binhai' })).toEqual([]);
    expect(availableProjectActions(project, actor('supervisor'))).toEqual([]);
  });

  it('offers an assigned expert the review steps during expert review only', () => {
    expect(availableProjectActions(fixtures.expert_review.project, actor('expert'))).toEqual(['declare_conflict', 'submit_score']);
    expect(availableProjectActions(fixtures.in_progress.project, actor('expert'))).toEqual([]);
  });
});

describe('createDraft', () => {
  const input = { pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '智能工厂', category: 'central_fund', demonstrationType: 'plane' };
  const now = at('2025-03-01T00:00:00Z');

  it('starts a draft at version 1 for the calling enterprise, with an empty application', () => {
    const { project, event } = createDraft(input, actor('enterprise'), now, 'p-1', REGISTRATION);
    expect(project).toMatchObject({ id: 'p-1', uscc: USCC, status: 'draft', version: 1, applicationVersion: 1, application: EMPTY_APPLICATION });
    expect(project.submittedAt).toBeUndefined();
    expect(event).toMatchObject({ action: 'create_draft', fromStatus: null, toStatus: 'draft', actorRole: 'enterprise' });
  });

  it('takes the enterprise code from the caller, never from the body', () => {
    expectDomainError(() => createDraft({ ...input, uscc: USCC }, actor('enterprise'), now, 'p-1', REGISTRATION), 'VALIDATION_FAILED');
  });

  it('is for enterprises only', () => {
    expectDomainError(() => createDraft(input, actor('bureau'), now, 'p-1', REGISTRATION), 'FORBIDDEN');
  });

  it('refuses a caller without a valid 统一社会信用代码', () => {
    expectDomainError(() => createDraft(input, { ...actor('enterprise'), uscc: '91120114123456780' }, now, 'p-1', REGISTRATION), 'INVALID_USCC');
  });

  it('validates the category, the demonstration type and the id', () => {
    const error = expectDomainError(() => createDraft({ ...input, category: 'x', demonstrationType: 'dot' }, actor('enterprise'), now, 'p-1', REGISTRATION), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['category', 'demonstrationType']);
    expectDomainError(() => createDraft(input, actor('enterprise'), now, 'bad id/with slash', REGISTRATION), 'VALIDATION_FAILED');
  });
});

describe('saveDraft', () => {
  it('saves the application of the enterprise’s own draft', () => {
    const { project, now } = fixtures.draft;
    const { project: saved, event } = saveDraft(project, { ...APPLICATION, fundRequestedWan: 123.45 }, actor('enterprise'), now);
    expect(saved.application.fundRequestedWan).toBe(123.45);
    expect(saved.version).toBe(project.version + 1);
    expect(event).toMatchObject({ action: 'save_draft', fromStatus: 'draft', toStatus: 'draft' });
  });

  it('works while returned for revision and not once submitted', () => {
    expect(saveDraft(fixtures.returned.project, APPLICATION, actor('enterprise'), fixtures.returned.now).project.status).toBe('returned');
    expectDomainError(() => saveDraft(fixtures.submitted.project, APPLICATION, actor('enterprise'), fixtures.submitted.now), 'ILLEGAL_TRANSITION');
  });

  it('hides another enterprise’s draft as not found', () => {
    const { project, now } = fixtures.draft;
    expectDomainError(() => saveDraft(project, APPLICATION, { ...actor('enterprise'), uscc: 'X' }, now), 'NOT_FOUND');
  });

  it('names each invalid field of the application', () => {
    const { project, now } = fixtures.draft;
    const bad = { ...APPLICATION, budget: [{ kind: 'equipment', amountWan: 1 }, { kind: 'equipment', amountWan: 2 }], milestones: [{ name: '', due: '2025-13-01' }] };
    const error = expectDomainError(() => saveDraft(project, bad, actor('enterprise'), now), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['budget', 'milestones.0.due', 'milestones.0.name']);
  });
});
