import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/projects/decide';
import { ProjectStatus } from '../../../shared/projects/model';
import { PublicProject, canSee, isDisclosed, publicView } from '../../../shared/projects/visibility';
import type { Principal } from '../../../shared/roles';
import { OTHER_USCC, actor, expectDomainError, expertActor, stateFixtures, step } from './fixtures';

/** Who sees a project, what an out-of-scope actor is told, and what the public may read. */

const fixtures = stateFixtures();

describe('canSee', () => {
  const { project } = fixtures.in_progress;

  it.each([
    ['the enterprise that owns it', actor('enterprise'), true],
    ['another enterprise', { ...actor('enterprise'), uscc: OTHER_USCC }, false],
    ['an enterprise user with no code', { ...actor('enterprise'), uscc: undefined }, false],
    ['the town it is in', actor('town'), true],
    ['another town', { ...actor('town'), town: '120114002' }, false],
    ['its town under another pilot', { ...actor('town'), pilot: 'binhai' }, false],
    ['an assigned expert', actor('expert'), true],
    ['an expert not on the panel', expertActor(9), false],
    ['the bureau of its pilot', actor('bureau'), true],
    ['the bureau of another pilot', { ...actor('bureau'), pilot: 'binhai' }, false],
    ['a bureau user with no pilot', { ...actor('bureau'), pilot: undefined }, false],
    ['the operator of its pilot', actor('operator'), true],
    ['finance of its pilot', actor('finance'), true],
    ['finance of another pilot', { ...actor('finance'), pilot: 'binhai' }, false],
    ['a supervisor, across pilots', actor('supervisor'), true],
    ['a provider', actor('provider'), false],
    ['a data unit', actor('data_unit'), false],
    ['an assessor', actor('assessor'), false],
    ['someone with no role', { subject: 'x', name: 'x', roles: [] }, false],
  ] satisfies [string, Principal, boolean][])('%s: %s', (_who, principal, visible) => {
    expect(canSee(principal, project)).toBe(visible);
  });

  it('keeps a never-submitted draft to the enterprise alone', () => {
    const { project: draft } = fixtures.draft;
    expect(canSee(actor('enterprise'), draft)).toBe(true);
    for (const role of ['town', 'bureau', 'operator', 'finance', 'supervisor'] as const) expect(canSee(actor(role), draft)).toBe(false);
  });

  it('keeps a returned application visible to the town that returned it', () => {
    expect(canSee(actor('town'), fixtures.returned.project)).toBe(true);
  });

  it('hides the project from an expert who declared a conflict of interest', () => {
    const { project: review, now } = fixtures.expert_review;
    const stepped = step(review, 'declare_conflict', { hasConflict: true, statement: '亲属任职' }, expertActor(2), now);
    expect(canSee(expertActor(2), stepped)).toBe(false);
    expectDomainError(() => decide(stepped, 'declare_conflict', { hasConflict: false }, expertActor(2), now), 'NOT_FOUND');
  });
});

describe('an actor out of scope is told the project does not exist', () => {
  it.each([
    ['another enterprise requesting acceptance', 'in_progress', 'request_acceptance', { ...actor('enterprise'), uscc: OTHER_USCC }],
    ['another town reviewing', 'submitted', 'recommend', { ...actor('town'), town: '120114002' }],
    ['an unassigned expert scoring', 'expert_review', 'submit_score', expertActor(9)],
    ['another pilot’s bureau selecting', 'expert_review', 'select', { ...actor('bureau'), pilot: 'binhai' }],
    ['another pilot’s finance paying', 'in_progress', 'record_tranche', { ...actor('finance'), pilot: 'binhai' }],
    ['another pilot’s operator assessing', 'formally_reviewed', 'assess', { ...actor('operator'), pilot: 'binhai' }],
    ['the town acting on a draft it was never sent', 'draft', 'recommend', actor('town')],
  ] satisfies [string, ProjectStatus, string, Principal][])('%s', (_case, status, action, principal) => {
    const { project, now } = fixtures[status];
    expectDomainError(() => decide(project, action, {}, principal, now), 'NOT_FOUND');
  });
});

describe('publicView', () => {
  const SECRET_KEYS = ['uscc', 'application', 'experts', 'preliminaryReviews', 'tranches', 'progressReports', 'spotChecks', 'warnings', 'changeRequests', 'acceptanceRounds', 'rectifications', 'agreement', 'fundPlan', 'selection', 'publicNotice', 'closure', 'version'];

  it('shows nothing before the selection is publicly noticed', () => {
    for (const status of ['draft', 'submitted', 'returned', 'recommended', 'expert_review', 'withdrawn'] as const) {
      expect(isDisclosed(fixtures[status].project)).toBe(false);
      expect(publicView(fixtures[status].project)).toBeNull();
    }
  });

  it('shows a declined project that was never noticed as nothing at all', () => {
    expect(publicView(fixtures.not_selected.project)).toBeNull();
  });

  it('discloses title, category, type, town, status, approved amount and dates only', () => {
    const { project } = fixtures.accepted;
    const view = publicView(project);
    expect(view).toEqual({
      id: project.id,
      pilotId: 'wuqing',
      title: '汽车零部件数字化车间改造',
      category: 'central_fund',
      demonstrationType: 'point',
      town: '120114001',
      status: 'accepted',
      approvedAmountWan: 500,
      noticeStart: '2025-03-18T02:00:00.000Z',
      noticeEnd: '2025-03-23',
      agreementSignedAt: '2025-03-28T02:00:00.000Z',
      fundPlanIssuedAt: '2025-04-10T02:00:00.000Z',
      acceptedAt: '2025-12-20T02:00:00.000Z',
      closedAt: null,
    });
    expect(PublicProject.strict().safeParse(view).success).toBe(true);
  });

  it.each(['public_notice', 'in_progress', 'rectification', 'accepted', 'terminated'] as const)(
    'leaks no private field or value of a %s project',
    (status) => {
      const { project, now } = fixtures[status];
      const noisy = status === 'in_progress'
        ? step(project, 'issue_warning', { category: 'untrue', reason: '发票号码 12345678 存疑' }, actor('bureau'), now)
        : project;
      const view = publicView(noisy);
      expect(view).not.toBeNull();
      for (const key of SECRET_KEYS) expect(view).not.toHaveProperty(key);
      const text = JSON.stringify(view);
      for (const secret of [noisy.uscc, 'ev-invoice', 'ev-voucher', 'ev-contract', '12345678', 'expert-1', '方案可行', '1200', 'bureau-1', 'ent-1']) {
        expect(text).not.toContain(secret);
      }
    },
  );

  it('shows a terminated project as closed and a withdrawn-in-notice one without an amount', () => {
    expect(publicView(fixtures.terminated.project)).toMatchObject({ status: 'terminated', closedAt: '2025-08-01T02:00:00.000Z' });
    const { project, now } = fixtures.public_notice;
    const declined = step(project, 'decline', { reason: '公示异议成立' }, actor('bureau'), now);
    expect(publicView(declined)).toMatchObject({ status: 'not_selected', approvedAmountWan: null });
  });
});

describe('when the public snapshot must be republished', () => {
  it('is when a step changes what the public sees, and not for steps it cannot see', async () => {
    const { disclosureChanged } = await import('../../../shared/projects/visibility');
    const { stateFixtures } = await import('./fixtures');
    const states = stateFixtures();
    // Before the public notice nothing is disclosed: reviews and scoring change nothing public.
    expect(disclosureChanged(states.submitted.project, states.recommended.project)).toBe(false);
    expect(disclosureChanged(states.recommended.project, states.expert_review.project)).toBe(false);
    // Selection opens the notice; later milestones and payments change the public record.
    expect(disclosureChanged(states.expert_review.project, states.public_notice.project)).toBe(true);
    expect(disclosureChanged(states.agreement_pending.project, states.agreement_signed.project)).toBe(true);
    expect(disclosureChanged(states.assessed.project, states.accepted.project)).toBe(true);
    // A progress report is not disclosed.
    const { decide } = await import('../../../shared/projects/decide');
    const { actor, at } = await import('./fixtures');
    const reported = decide(states.in_progress.project, 'report_progress', { period: '2025Q3', summary: '进展', percentComplete: 70, investedWan: 900, evidenceIds: ['ev-photo-2'] }, actor('enterprise'), at('2025-10-01T02:00:00Z')).project;
    expect(disclosureChanged(states.in_progress.project, reported)).toBe(false);
  });
});
