import { describe, expect, it } from 'vitest';
import { applicationChanges, applicationReviewFor, applicationTotals, materialsChecklist, type SubmittedApplication } from '../../../shared/projects/application-review';
import { EMPTY_APPLICATION, type Application, type Project } from '../../../shared/projects/model';
import { APPLICATION, actor, at, draftProject, step } from './fixtures';

const REVISED: Application = {
  ...APPLICATION,
  implementationPlan: `${APPLICATION.implementationPlan}增加能耗在线监测。`,
  milestones: [
    { name: '设备采购', due: '2025-07-31' },
    { name: '系统上线', due: '2025-11-30' },
    { name: '试运行', due: '2025-12-20' },
  ],
  budget: [
    { kind: 'equipment', amountWan: 1100 },
    { kind: 'software', amountWan: 300.5 },
  ],
  fundRequestedWan: 500,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 90 }],
  evidenceIds: ['ev-plan-2'],
};

function snapshot(project: Project, submittedAt: string): SubmittedApplication {
  return { applicationVersion: project.applicationVersion, submittedAt, application: project.application };
}

/** Draft → submitted (v1) → returned → revised draft → resubmitted (v2), with the stored snapshots. */
function resubmitted() {
  const submitted = step(draftProject(), 'submit', {}, actor('enterprise'), at('2025-03-04T02:00:00Z'));
  const v1 = snapshot(submitted, '2025-03-04T02:00:00Z');
  const returned = step(submitted, 'return_for_revision', { comments: '预算偏高' }, actor('town'), at('2025-03-05T02:00:00Z'));
  const revising = step(returned, 'save_draft', REVISED, actor('enterprise'), at('2025-03-06T02:00:00Z'));
  const again = step(revising, 'submit', {}, actor('enterprise'), at('2025-03-07T02:00:00Z'));
  const v2 = snapshot(again, '2025-03-07T02:00:00Z');
  return { submitted, returned, revising, again, versions: [v1, v2] };
}

describe('application totals and checklist', () => {
  it('sums the budget lines in 万元 and gives the requested share of the total', () => {
    const totals = applicationTotals(APPLICATION);
    expect(totals.budgetTotalWan).toBe(1600);
    expect(totals.fundRequestedWan).toBe(600);
    expect(totals.fundShare).toBeCloseTo(0.375);
  });

  it('gives a share of 0 when there is no budget yet', () => {
    expect(applicationTotals(EMPTY_APPLICATION).fundShare).toBe(0);
  });

  it('ticks every part a complete application holds, with its row count', () => {
    const checklist = materialsChecklist(APPLICATION);
    expect(checklist.every((entry) => entry.present)).toBe(true);
    expect(checklist.find((entry) => entry.item === 'budget')?.count).toBe(3);
  });

  it('marks missing parts of an empty draft, and a request above the total as not present', () => {
    expect(materialsChecklist(EMPTY_APPLICATION).filter((entry) => entry.present)).toEqual([]);
    const tooMuch = materialsChecklist({ ...APPLICATION, fundRequestedWan: 5000 });
    expect(tooMuch.find((entry) => entry.item === 'fundRequestedWan')?.present).toBe(false);
  });
});

describe('what changed between two versions', () => {
  it('names each changed, added and removed row and file', () => {
    const changes = applicationChanges(APPLICATION, REVISED);
    expect(changes).toEqual(
      expect.arrayContaining([
        { part: 'implementationPlan', kind: 'changed' },
        { part: 'milestones', kind: 'changed', name: '设备采购', before: '2025-06-30', after: '2025-07-31' },
        { part: 'milestones', kind: 'added', name: '试运行', due: '2025-12-20' },
        { part: 'budget', kind: 'changed', budgetKind: 'equipment', before: 1200, after: 1100 },
        { part: 'budget', kind: 'removed', budgetKind: 'service', amountWan: 99.5 },
        { part: 'fundRequestedWan', kind: 'changed', before: 600, after: 500 },
        { part: 'indicators', kind: 'changed', name: '关键工序数控化率', unit: '%', before: 85, after: 90 },
        { part: 'evidenceIds', kind: 'added', evidenceId: 'ev-plan-2' },
        { part: 'evidenceIds', kind: 'removed', evidenceId: 'ev-plan-1' },
      ]),
    );
    expect(changes).toHaveLength(9);
  });

  it('finds nothing between equal versions', () => {
    expect(applicationChanges(APPLICATION, structuredClone(APPLICATION))).toEqual([]);
  });
});

describe('the application each reader sees', () => {
  it('shows a reviewer the resubmitted version and what changed since the version the town returned', () => {
    const { again, versions } = resubmitted();
    for (const role of ['town', 'bureau', 'expert', 'enterprise'] as const) {
      const review = applicationReviewFor([role], again, versions);
      expect(review.applicationVersion).toBe(2);
      expect(review.application).toEqual(REVISED);
      expect(review.since?.applicationVersion).toBe(1);
      expect(review.since?.changes).toContainEqual({ part: 'fundRequestedWan', kind: 'changed', before: 600, after: 500 });
    }
  });

  it('shows officials the returned version, not the draft the enterprise is still revising', () => {
    const { revising, versions } = resubmitted();
    const review = applicationReviewFor(['town'], revising, versions.slice(0, 1));
    expect(review.application).toEqual(APPLICATION);
    expect(review.applicationVersion).toBe(1);
    expect(review.draft).toBe(false);
    expect(review.since).toBeNull();
  });

  it('shows the enterprise its own draft while revising, compared with the version returned', () => {
    const { revising, versions } = resubmitted();
    const review = applicationReviewFor(['enterprise'], revising, versions.slice(0, 1));
    expect(review.draft).toBe(true);
    expect(review.application).toEqual(REVISED);
    expect(review.since?.applicationVersion).toBe(1);
  });

  it('calls a first submission version 1 with nothing to compare', () => {
    const { submitted, versions } = resubmitted();
    const review = applicationReviewFor(['bureau'], submitted, versions.slice(0, 1));
    expect(review.applicationVersion).toBe(1);
    expect(review.since).toBeNull();
    expect(review.totals.budgetTotalWan).toBe(1600);
  });

  it('calls a draft never submitted version 0', () => {
    const review = applicationReviewFor(['enterprise'], draftProject(), []);
    expect(review.applicationVersion).toBe(0);
    expect(review.submittedAt).toBeNull();
    expect(review.draft).toBe(true);
  });
});
