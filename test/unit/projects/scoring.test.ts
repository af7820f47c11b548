import { describe, expect, it } from 'vitest';
import { DEFAULT_MODERATION_THRESHOLD, panelResult, projectPanelResult, scoresVisibleTo, weightedTotal } from '../../../shared/projects/scoring';
import type { Principal } from '../../../shared/roles';
import { RUBRIC, actor, expectDomainError, expertActor, scoreAll, stateFixtures, step } from './fixtures';

/** The panel score, the moderation flag, and who may read whose score sheet. */

const totals = (...values: number[]) => values.map((total, index) => ({ subject: `e${index + 1}`, total }));

describe('weightedTotal', () => {
  it('weights each criterion by its percentage', () => {
    const scores = [{ criterionId: 'tech', score: 100 }, { criterionId: 'benefit', score: 50 }, { criterionId: 'capacity', score: 0 }];
    expect(weightedTotal(RUBRIC, scores)).toBe(57.5);
  });

  it('rounds to two decimals', () => {
    const scores = RUBRIC.map((criterion) => ({ criterionId: criterion.id, score: 77.777 }));
    expect(weightedTotal(RUBRIC, scores)).toBe(77.78);
  });
});

describe('panelResult', () => {
  it('takes the plain mean with fewer than five experts', () => {
    expect(panelResult(totals(90, 60, 75, 95))).toMatchObject({ scorers: 4, score: 80, dropped: [], counted: ['e2', 'e3', 'e1', 'e4'] });
  });

  it('drops the single highest and lowest totals with five or more experts', () => {
    const result = panelResult(totals(90, 10, 80, 70, 60));
    expect(result).toMatchObject({ scorers: 5, score: 70, dropped: ['e1', 'e2'] });
    expect(result.counted.sort()).toEqual(['e3', 'e4', 'e5']);
  });

  it('drops only one of two equal extremes, the same one every time', () => {
    expect(panelResult(totals(90, 90, 50, 50, 70, 70))).toMatchObject({ score: 70, dropped: ['e2', 'e3'] });
  });

  it('flags moderation when the spread exceeds the threshold, not when it equals it', () => {
    expect(panelResult(totals(80, 60), { moderationThreshold: 20 })).toMatchObject({ spread: 20, needsModeration: false });
    expect(panelResult(totals(80.01, 60), { moderationThreshold: 20 })).toMatchObject({ needsModeration: true });
    expect(panelResult(totals(80, 60), { moderationThreshold: 19.99 }).needsModeration).toBe(true);
  });

  it('measures the spread on all totals, including the dropped extremes', () => {
    expect(panelResult(totals(99, 70, 71, 72, 40))).toMatchObject({ score: 71, spread: 59, needsModeration: true });
  });

  it('uses the default threshold when none is given', () => {
    expect(DEFAULT_MODERATION_THRESHOLD).toBe(20);
    expect(panelResult(totals(85, 64)).needsModeration).toBe(true);
  });

  it('has no score before anyone has scored', () => {
    expect(panelResult([])).toMatchObject({ scorers: 0, score: null, needsModeration: false });
  });

  it('rejects totals outside 0–100 and a negative threshold', () => {
    expectDomainError(() => panelResult(totals(101)), 'VALIDATION_FAILED');
    expectDomainError(() => panelResult(totals(50), { moderationThreshold: -1 }), 'VALIDATION_FAILED');
  });

  it('counts only experts who did not step aside for a conflict', () => {
    const { project, now } = stateFixtures().expert_review;
    const stepped = step(project, 'declare_conflict', { hasConflict: true, statement: '回避' }, expertActor(3), now);
    const scored = scoreAll(stepped, now, [1, 2], { 1: 90, 2: 70 });
    expect(projectPanelResult(scored)).toMatchObject({ scorers: 2, score: 80 });
  });
});

describe('scoresVisibleTo', () => {
  const { project: review, now } = stateFixtures().expert_review;
  const twoScored = scoreAll(review, now, [2, 3]);

  it('shows an expert nobody’s scores before they submit their own', () => {
    expect(scoresVisibleTo(expertActor(1), twoScored)).toEqual([]);
  });

  it('shows an expert only their own sheet while the panel sits, even once every sheet is in (issue 12)', () => {
    const all = scoreAll(twoScored, now, [1]);
    expect(all.status).toBe('expert_review');
    expect(scoresVisibleTo(expertActor(1), all).map((sheet) => sheet.subject)).toEqual(['expert-1']);
  });

  it('shows an expert the panel’s sheets once the panel has closed', () => {
    const closed = { ...scoreAll(twoScored, now, [1]), status: 'public_notice' as const };
    expect(scoresVisibleTo(expertActor(1), closed).map((sheet) => sheet.subject)).toEqual(['expert-1', 'expert-2', 'expert-3']);
  });

  it('shows an expert from another project nothing', () => {
    expect(scoresVisibleTo(expertActor(9), twoScored)).toEqual([]);
  });

  it('shows the bureau and the operator of the pilot, and a supervisor, every sheet', () => {
    for (const role of ['bureau', 'operator', 'supervisor'] as const) {
      expect(scoresVisibleTo(actor(role), twoScored)).toHaveLength(2);
    }
    expect(scoresVisibleTo({ ...actor('bureau'), pilot: 'binhai' }, twoScored)).toEqual([]);
  });

  it.each(['enterprise', 'town', 'finance', 'provider', 'data_unit', 'assessor'] as const)('shows the %s no scores', (role) => {
    const principal: Principal = actor(role);
    expect(scoresVisibleTo(principal, twoScored)).toEqual([]);
  });
});
