import { describe, expect, it } from 'vitest';
import { decideValue } from '../../../shared/indicators/decide';
import { ReportedValue, VALUE_ACTION_NAMES, VALUE_ACTIONS, ValueStatus, type ValueAction } from '../../../shared/indicators/model';
import { AuditEvent } from '../../../shared/projects/machine';
import { ROLES, type Role } from '../../../shared/roles';
import { expectDomainError } from '../projects/fixtures';
import { actor, at, ENERGY, FIGURE, FIRMS, LABOUR, NC_RATE, TECH_PILOT, value, VALUE_SAMPLES, valueFixtures } from './fixtures';

/** Reported values: draft → submitted → approved | returned, an approved period locked; every state × action × role. */
const fixtures = valueFixtures();
const STATUSES = ValueStatus.options;
// The data unit's scope is the indicator it is responsible for; the operator and bureau cover the pilot.
const IN_SCOPE: readonly Role[] = ['data_unit', 'operator', 'bureau'];

type Outcome = { kind: 'error'; code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'NOT_FOUND' } | { kind: 'moves'; to: ValueStatus };

function expected(status: ValueStatus, action: ValueAction, role: Role): Outcome {
  const spec: { from: readonly ValueStatus[]; roles: readonly string[]; to: ValueStatus } = VALUE_ACTIONS[action];
  if (!spec.roles.includes(role)) return { kind: 'error', code: 'FORBIDDEN' };
  if (!IN_SCOPE.includes(role)) return { kind: 'error', code: 'NOT_FOUND' };
  if (!spec.from.includes(status)) return { kind: 'error', code: 'ILLEGAL_TRANSITION' };
  return { kind: 'moves', to: spec.to };
}

const cases = STATUSES.flatMap((status) => VALUE_ACTION_NAMES.flatMap((action) => ROLES.map((role) => ({ status, action, role, outcome: expected(status, action, role) }))));

describe('the reported-value lifecycle matrix', () => {
  it('covers every state, action and role', () => {
    expect(cases).toHaveLength(STATUSES.length * VALUE_ACTION_NAMES.length * ROLES.length);
  });

  it.each(cases)('in $status, $action by $role', ({ status, action, role, outcome }) => {
    const { value: current, now } = fixtures[status];
    const run = () => decideValue(current, TECH_PILOT, LABOUR, '2025', action, VALUE_SAMPLES[action], actor(role), now);
    if (outcome.kind === 'error') {
      expectDomainError(run, outcome.code);
      return;
    }
    const decision = run();
    expect(decision.value.status).toBe(outcome.to);
    expect(decision.value.version).toBe(current.version + 1);
    expect(ReportedValue.safeParse(decision.value).error).toBeUndefined();
    expect(AuditEvent.parse(decision.event)).toMatchObject({ action, actorRole: role, fromStatus: status, toStatus: outcome.to });
  });

  it('lets nothing change a locked period', () => {
    expect(VALUE_ACTION_NAMES.filter((name) => (VALUE_ACTIONS[name].from as readonly string[]).includes('locked'))).toEqual([]);
  });
});

describe('reporting a value', () => {
  it('creates the draft on the first save, by the responsible data unit', () => {
    const { value: draft, event } = decideValue(undefined, TECH_PILOT, LABOUR, '2025', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z'));
    expect(draft).toMatchObject({ pilotId: TECH_PILOT.id, code: 'tt-04', period: '2025', status: 'draft', version: 1, responsibleUnit: 'stats', working: { value: 168000 } });
    expect(event).toMatchObject({ action: 'save', fromStatus: null, toStatus: 'draft', actorRole: 'data_unit' });
  });

  it('keeps a data unit to the indicators it is responsible for', () => {
    expectDomainError(() => decideValue(undefined, TECH_PILOT, ENERGY, '2025', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'NOT_FOUND');
    expectDomainError(() => decideValue(undefined, TECH_PILOT, LABOUR, '2025', 'save', FIGURE, { ...actor('data_unit'), pilot: 'elsewhere' }, at('2026-01-20T02:00:00Z')), 'NOT_FOUND');
    expect(decideValue(undefined, TECH_PILOT, ENERGY, '2025', 'save', FIGURE, actor('operator'), at('2026-01-20T02:00:00Z')).value.status).toBe('draft');
  });

  it('follows a reassignment of the responsible unit on the next change', () => {
    const { value: draft, now } = fixtures.draft;
    const moved = { ...LABOUR, responsibleUnit: '区发展改革委' };
    expectDomainError(() => decideValue(draft, TECH_PILOT, moved, '2025', 'submit', {}, actor('data_unit'), now), 'NOT_FOUND');
  });

  it('refuses a first action other than save, a derived indicator and a period not yet begun', () => {
    expectDomainError(() => decideValue(undefined, TECH_PILOT, LABOUR, '2025', 'submit', {}, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'ILLEGAL_TRANSITION');
    expect(expectDomainError(() => decideValue(undefined, TECH_PILOT, FIRMS, '2025', 'save', FIGURE, actor('operator'), at('2026-01-20T02:00:00Z')), 'PRECONDITION_FAILED').details).toEqual({ reason: 'derived_indicator' });
    expect(expectDomainError(() => decideValue(undefined, TECH_PILOT, LABOUR, '2026Q2', 'save', FIGURE, actor('data_unit'), at('2026-03-31T15:00:00Z')), 'PRECONDITION_FAILED').details).toEqual({ reason: 'period_not_started', period: '2026Q2' });
    expect(decideValue(undefined, TECH_PILOT, LABOUR, '2026Q2', 'save', FIGURE, actor('data_unit'), at('2026-03-31T16:00:00Z')).value.status).toBe('draft');
  });

  it('needs supporting evidence before submission', () => {
    const bare = value(undefined, 'save', { value: 1 }, actor('data_unit'), at('2026-01-20T02:00:00Z'));
    expect(expectDomainError(() => decideValue(bare, TECH_PILOT, LABOUR, '2025', 'submit', {}, actor('data_unit'), at('2026-01-20T03:00:00Z')), 'PRECONDITION_FAILED').details).toEqual({ reason: 'evidence_missing' });
  });

  it('keeps the approved figure published while a revision is drafted, and replaces it on the next approval', () => {
    const { value: approved, now } = fixtures.approved;
    const revising = value(approved, 'save', { value: 171000, evidenceIds: ['ev-rev'] }, actor('data_unit'), now);
    expect(revising).toMatchObject({ status: 'draft', approved: { value: 168000 }, working: { value: 171000 } });
    const reapproved = value(value(revising, 'submit', {}, actor('data_unit'), now), 'approve', { comments: '修订同意' }, actor('bureau'), now);
    expect(reapproved.approved?.value).toBe(171000);
    expect(reapproved.reviews.map((review) => review.outcome)).toEqual(['approved', 'approved']);
  });

  it('computes a percentage reported per firm from the totals', () => {
    const draft = value(undefined, 'save', { parts: [{ label: '甲', numerator: 90, denominator: 100 }, { label: '乙', numerator: 1, denominator: 10 }], evidenceIds: ['ev'] }, actor('operator'), at('2026-01-20T02:00:00Z'), NC_RATE);
    expect(draft.working.value).toBeCloseTo((91 / 110) * 100, 6);
  });
});
