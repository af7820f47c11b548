import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/roles';
import { authorizeSmeAction, availableSmeActions, canSeeFirm, createEnrolment, decideSme } from '../../../shared/sme/decide';
import { MIN_ACCEPTED_LEVEL, SME_BATCHES, type SmePolicy } from '../../../shared/sme/model';
import { expectDomainError } from '../projects/fixtures';
import { ASSESSMENT, ENROLMENT, PLAN, REGISTERED, POLICY, at, smeActor, smeFixtures, take } from './fixtures';

/** The 武清 SME path: enrolment → diagnosis → plan → transformation → assessment → acceptance → subsidy. */

const fixtures = smeFixtures();

describe('a pilot SME, start to finish', () => {
  it('is enrolled, diagnosed, planned, transformed, assessed, accepted and subsidised by its level', () => {
    const enrolled = createEnrolment({ ...ENROLMENT, batch: 2 }, smeActor('operator'), at('2025-10-10T02:00:00Z'), 'sme-2', REGISTERED);
    expect(enrolled.firm).toMatchObject({ status: 'enrolled', version: 1, batch: 2, assessments: [] });
    expect(enrolled.event).toMatchObject({ action: 'enrol', actorRole: 'operator', fromStatus: null, toStatus: 'enrolled' });
    let firm = take(enrolled.firm, 'record_diagnosis', { reportEvidenceId: 'ev-d', summary: '质检靠人工' }, smeActor('provider'), at('2025-11-01T02:00:00Z'));
    firm = take(firm, 'adopt_plan', { kind: 'custom', providerId: 'ind-3', summary: '一企一策：视觉质检', planEvidenceId: 'ev-p' }, smeActor('enterprise'), at('2025-11-20T02:00:00Z'));
    firm = take(firm, 'start_transformation', {}, smeActor('enterprise'), at('2025-12-01T02:00:00Z'));
    firm = take(firm, 'complete_transformation', { summary: '上线', evidenceIds: ['ev-1'] }, smeActor('enterprise'), at('2026-05-01T02:00:00Z'));
    firm = take(firm, 'assess_maturity', ASSESSMENT(4), smeActor('assessor'), at('2026-05-15T02:00:00Z'));
    firm = take(firm, 'accept', {}, smeActor('bureau'), at('2026-05-20T02:00:00Z'));
    const { firm: paid, event } = decideSme(firm, 'grant_subsidy', {}, smeActor('finance'), at('2026-06-01T02:00:00Z'), POLICY);
    expect(paid.status).toBe('subsidised');
    expect(paid.subsidy).toMatchObject({ level: 4, amountWan: 30.5 });
    expect(event.summary).toBe('按 4 级拨付奖补资金 30.5 万元');
    expect(paid.version).toBe(8);
  });

  it('sends a firm assessed below level 2 back to transformation, then accepts it at level 2', () => {
    const { firm: transformed, now } = fixtures.transformed;
    const low = take(transformed, 'assess_maturity', ASSESSMENT(1), smeActor('assessor'), now);
    const error = expectDomainError(() => decideSme(low, 'accept', {}, smeActor('bureau'), now), 'PRECONDITION_FAILED');
    expect(error.details).toEqual({ reason: 'level_below_minimum', level: 1 });
    let firm = take(low, 'resume_transformation', { reason: '补齐设备联网' }, smeActor('enterprise'), now);
    firm = take(firm, 'complete_transformation', { summary: '补齐', evidenceIds: ['ev-2'] }, smeActor('enterprise'), now);
    firm = take(firm, 'assess_maturity', ASSESSMENT(2), smeActor('assessor'), now);
    firm = take(firm, 'accept', {}, smeActor('bureau'), now);
    expect(firm.acceptance).toMatchObject({ level: 2, assessmentId: 'M2' });
    expect(firm.transformation?.completions).toHaveLength(2);
    expect(MIN_ACCEPTED_LEVEL).toBe(2);
  });

  it.each([
    [2, 10],
    [3, 20],
    [4, 30.5],
  ])('subsidises a firm accepted at level %i with the pilot’s amount for that level', (level, amount) => {
    const { firm: transformed, now } = fixtures.transformed;
    const accepted = take(take(transformed, 'assess_maturity', ASSESSMENT(level), smeActor('assessor'), now), 'accept', {}, smeActor('bureau'), now);
    expect(take(accepted, 'grant_subsidy', {}, smeActor('finance'), now).subsidy?.amountWan).toBe(amount);
  });

  it('refuses a subsidy while the pilot has no subsidy table', () => {
    const { firm, now } = fixtures.accepted;
    const error = expectDomainError(() => decideSme(firm, 'grant_subsidy', {}, smeActor('finance'), now), 'PRECONDITION_FAILED');
    expect(error.details).toEqual({ reason: 'subsidy_policy_missing' });
  });

  it('refuses a malformed subsidy table', () => {
    const { firm, now } = fixtures.accepted;
    const bad = { subsidyWanByLevel: { 2: 10, 3: -1, 4: 30 } } as SmePolicy;
    expectDomainError(() => decideSme(firm, 'grant_subsidy', {}, smeActor('finance'), now, bad), 'VALIDATION_FAILED');
  });

  it('accepts on the latest assessment, not the best one', () => {
    const { firm: assessed, now } = fixtures.assessed;
    let firm = take(assessed, 'resume_transformation', { reason: '系统迁移' }, smeActor('enterprise'), now);
    firm = take(firm, 'complete_transformation', { summary: '迁移', evidenceIds: ['ev-3'] }, smeActor('enterprise'), now);
    firm = take(firm, 'assess_maturity', ASSESSMENT(1), smeActor('assessor'), now);
    expectDomainError(() => decideSme(firm, 'accept', {}, smeActor('bureau'), now), 'PRECONDITION_FAILED');
  });

  it('keeps the batch windows of the seed as data, with no gate on any one firm', () => {
    expect(SME_BATCHES[1]).toEqual({ minFirms: 300, transform: { from: '2025-01', to: '2025-08' }, acceptance: { from: '2025-03', to: '2025-09' } });
    expect(SME_BATCHES[1].minFirms + SME_BATCHES[2].minFirms).toBe(524);
    expect(take(fixtures.assessed.firm, 'accept', {}, smeActor('bureau'), at('2027-01-01T00:00:00Z')).status).toBe('accepted');
  });
});

describe('SME rules and scope', () => {
  it('lets only the firm’s own comprehensive provider record its diagnosis', () => {
    const { firm, now } = fixtures.enrolled;
    expectDomainError(() => decideSme(firm, 'record_diagnosis', { reportEvidenceId: 'e', summary: 's' }, { ...smeActor('provider'), providerId: 'comp-9' }, now), 'NOT_FOUND');
  });

  it('lets the provider of the adopted plan see the firm, and not before', () => {
    const industry: Principal = { ...smeActor('provider'), providerId: PLAN.providerId };
    expect(canSeeFirm(industry, fixtures.diagnosed.firm)).toBe(false);
    expect(canSeeFirm(industry, fixtures.planned.firm)).toBe(true);
    expectDomainError(() => decideSme(fixtures.enrolled.firm, 'record_diagnosis', { reportEvidenceId: 'e', summary: 's' }, industry, fixtures.enrolled.now), 'NOT_FOUND');
  });

  it('refuses a diagnosis from a provider who can see the firm but is not its comprehensive provider', () => {
    const industry: Principal = { ...smeActor('provider'), providerId: PLAN.providerId };
    // A planned firm put back to `enrolled`: the industry provider is in scope, but is not the one to diagnose.
    const { firm, now } = fixtures.planned;
    const reset = { ...firm, status: 'enrolled' as const };
    const error = expectDomainError(() => decideSme(reset, 'record_diagnosis', { reportEvidenceId: 'e', summary: 's' }, industry, now), 'PRECONDITION_FAILED');
    expect(error.details).toEqual({ reason: 'not_comprehensive_provider' });
  });

  it.each([
    ['another enterprise', { ...smeActor('enterprise'), uscc: '91120114MA05KXYZ0X' }, 'start_transformation', 'planned'],
    ['an assessor of another pilot', { ...smeActor('assessor'), pilot: 'binhai' }, 'assess_maturity', 'transformed'],
    ['the bureau of another pilot', { ...smeActor('bureau'), pilot: 'binhai' }, 'accept', 'assessed'],
    ['finance of another pilot', { ...smeActor('finance'), pilot: 'binhai' }, 'grant_subsidy', 'accepted'],
  ] as const)('tells %s the firm does not exist', (_who, principal, action, status) => {
    const { firm, now } = fixtures[status];
    expectDomainError(() => decideSme(firm, action, {}, principal, now, POLICY), 'NOT_FOUND');
  });

  it('shows a firm to its enterprise, town, pilot officials and supervisors only', () => {
    const { firm } = fixtures.transforming;
    for (const role of ['enterprise', 'town', 'bureau', 'operator', 'finance', 'assessor', 'supervisor', 'provider'] as const) {
      expect(canSeeFirm(smeActor(role), firm)).toBe(true);
    }
    for (const role of ['expert', 'data_unit'] as const) expect(canSeeFirm(smeActor(role), firm)).toBe(false);
    expect(canSeeFirm({ ...smeActor('town'), town: 'elsewhere' }, firm)).toBe(false);
  });

  it('requires evidence for a completed transformation and for an assessment', () => {
    const { firm, now } = fixtures.transforming;
    const error = expectDomainError(() => decideSme(firm, 'complete_transformation', { summary: '完成', evidenceIds: [] }, smeActor('enterprise'), now), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['evidenceIds']);
    const { firm: done, now: later } = fixtures.transformed;
    expectDomainError(() => decideSme(done, 'assess_maturity', { ...ASSESSMENT(2), evidenceIds: [] }, smeActor('assessor'), later), 'VALIDATION_FAILED');
    expectDomainError(() => decideSme(done, 'assess_maturity', ASSESSMENT(5), smeActor('assessor'), later), 'VALIDATION_FAILED');
  });

  it('takes a 小快轻准 plan only with at least one product', () => {
    const { firm, now } = fixtures.diagnosed;
    const error = expectDomainError(() => decideSme(firm, 'adopt_plan', { ...PLAN, productIds: [] }, smeActor('enterprise'), now), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['productIds']);
  });

  it('enrols only through the bureau or operator of the same pilot, with a valid code', () => {
    const now = at('2024-12-01T00:00:00Z');
    expectDomainError(() => createEnrolment(ENROLMENT, smeActor('enterprise'), now, 'x', REGISTERED), 'FORBIDDEN');
    expectDomainError(() => createEnrolment(ENROLMENT, { ...smeActor('bureau'), pilot: 'binhai' }, now, 'x', REGISTERED), 'FORBIDDEN');
    const error = expectDomainError(() => createEnrolment({ ...ENROLMENT, uscc: '911201145556667770', batch: 3 }, smeActor('bureau'), now, 'x', REGISTERED), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['uscc', 'batch']);
  });

  it('lists what an actor may do now', () => {
    expect(availableSmeActions(fixtures.assessed.firm, smeActor('enterprise'))).toEqual(['resume_transformation', 'withdraw']);
    expect(availableSmeActions(fixtures.assessed.firm, smeActor('bureau'))).toEqual(['accept', 'withdraw']);
    expect(availableSmeActions(fixtures.subsidised.firm, smeActor('finance'))).toEqual([]);
  });

  it('checks action and role before anything is loaded', () => {
    expect(() => authorizeSmeAction('accept', smeActor('bureau'))).not.toThrow();
    expectDomainError(() => authorizeSmeAction('accept', smeActor('finance')), 'FORBIDDEN');
    expectDomainError(() => authorizeSmeAction('teleport', smeActor('finance')), 'VALIDATION_FAILED');
  });
});
