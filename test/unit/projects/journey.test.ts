import { describe, expect, it } from 'vitest';
import { createDraft, decide, saveDraft } from '../../../shared/projects/decide';
import type { ProjectAction } from '../../../shared/projects/lifecycle';
import type { AuditEvent } from '../../../shared/projects/machine';
import { Project } from '../../../shared/projects/model';
import type { Principal } from '../../../shared/roles';
import { APPLICATION, MATERIALS, PILOT, RUBRIC, TOWN, USCC, actor, at, REGISTRATION, expertActor, stateFixtures } from './fixtures';

/** The ten steps of 滨海 §三(五), one project, start to finish, with every event kept. */

class Journey {
  readonly events: AuditEvent[] = [];
  constructor(public project: Project) {}

  take(action: ProjectAction, input: unknown, who: Principal, when: string): this {
    const before = this.project;
    const decision = decide(before, action, input, who, at(when));
    expect(decision.project.version).toBe(before.version + 1);
    expect(Project.safeParse(decision.project).error).toBeUndefined();
    this.project = decision.project;
    this.events.push(decision.event);
    return this;
  }
}

describe('a central-fund key project, step by step', () => {
  it('goes from draft to accepted and final payment through all ten steps', () => {
    // Step 1–2: under a published guide the enterprise fills the plan, schedule, budget and indicators.
    const created = createDraft(
      { pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '数字化车间', category: 'central_fund', demonstrationType: 'line' },
      actor('enterprise'),
      at('2025-03-01T01:00:00Z'),
      'proj-9',
      REGISTRATION,
    );
    expect(created.project).toMatchObject({ status: 'draft', version: 1, applicationVersion: 1, uscc: USCC });
    expect(created.event).toMatchObject({ action: 'create_draft', fromStatus: null, toStatus: 'draft' });
    const saved = saveDraft(created.project, APPLICATION, actor('enterprise'), at('2025-03-02T01:00:00Z'));
    const journey = new Journey(saved.project);
    expect(journey.project.version).toBe(2);

    journey.take('submit', {}, actor('enterprise'), '2025-03-03T01:00:00Z');
    // Step 3: the town returns it once; the enterprise revises and resubmits a new version.
    journey.take('return_for_revision', { comments: '请细化经费使用计划' }, actor('town'), '2025-03-04T01:00:00Z');
    expect(journey.project.status).toBe('returned');
    journey.take('save_draft', { ...APPLICATION, fundRequestedWan: 580 }, actor('enterprise'), '2025-03-05T01:00:00Z');
    journey.take('submit', {}, actor('enterprise'), '2025-03-05T02:00:00Z');
    expect(journey.project.applicationVersion).toBe(2);
    journey.take('recommend', { recommendation: '同意推荐' }, actor('town'), '2025-03-06T01:00:00Z');
    expect(journey.project.preliminaryReviews.map((review) => [review.applicationVersion, review.outcome])).toEqual([
      [1, 'returned'],
      [2, 'recommended'],
    ]);

    // Step 4: expert review — each expert declares no conflict and scores alone — then selection.
    const experts = [1, 2, 3, 4, 5].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` }));
    journey.take('assign_experts', { rubric: RUBRIC, experts }, actor('bureau'), '2025-03-10T01:00:00Z');
    [90, 80, 82, 78, 40].forEach((score, index) => {
      const expert = expertActor(index + 1);
      journey.take('declare_conflict', { hasConflict: false }, expert, '2025-03-11T01:00:00Z');
      const sheet = RUBRIC.map((criterion) => ({ criterionId: criterion.id, score }));
      journey.take('submit_score', { scores: sheet, comments: '意见' }, expert, '2025-03-12T01:00:00Z');
    });
    journey.take('select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), '2025-03-14T01:00:00Z');
    expect(journey.project.selection).toMatchObject({ outcome: 'selected', approvedAmountWan: 500, panelScore: 80, needsModeration: true });
    expect(journey.project.publicNotice).toMatchObject({ start: '2025-03-14T01:00:00.000Z', end: '2025-03-19', objections: [] });

    // 公示: an objection is recorded and answered; the bureau confirms once the notice has ended.
    journey.take('record_objection', { text: '投资额是否属实？' }, actor('operator'), '2025-03-15T01:00:00Z');
    journey.take('answer_objection', { objectionId: 'O1', answer: '经核实属实' }, actor('bureau'), '2025-03-17T01:00:00Z');
    journey.take('confirm_selection', { signingWindowDays: 15 }, actor('bureau'), '2025-03-20T01:00:00Z');
    expect(journey.project.agreement).toEqual({ deadline: '2025-04-04' });

    // Step 5–6: the task agreement within its window, then the fund plan.
    journey.take('sign_agreement', { agreementEvidenceId: 'ev-agreement' }, actor('enterprise'), '2025-04-04T15:00:00Z');
    journey.take('issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, actor('bureau'), '2025-04-10T01:00:00Z');
    expect(journey.project.fundPlan).toMatchObject({ preAllocationWan: 300, remainderWan: 200 });

    // Step 7–8: progress, pre-allocation, a spot check, a warning that holds money until cleared, a change.
    journey.take('record_tranche', { kind: 'pre_allocation', amountWan: 300 }, actor('finance'), '2025-04-15T01:00:00Z');
    journey.take('report_progress', { period: '2025Q2', summary: '设备到货', percentComplete: 40, investedWan: 700 }, actor('enterprise'), '2025-07-01T01:00:00Z');
    journey.take(
      'record_spot_check',
      { checkedOn: '2025-07-20', inspectors: ['专家甲', '专家乙'], outcome: 'issues_found', findings: '进度滞后', drawSeed: '2025Q3' },
      actor('operator'),
      '2025-07-21T01:00:00Z',
    );
    journey.take('issue_warning', { category: 'late', reason: '实施进度滞后' }, actor('bureau'), '2025-07-22T01:00:00Z');
    journey.take('clear_warning', { warningId: 'W1', note: '已追回进度' }, actor('bureau'), '2025-09-01T01:00:00Z');
    journey.take(
      'request_change',
      { reason: '软件改为云服务', details: { kind: 'budget', moves: [{ from: 'equipment', to: 'software', amountWan: 100 }] } },
      actor('enterprise'),
      '2025-09-02T01:00:00Z',
    );
    journey.take('approve_change', { changeRequestId: 'C1', comments: '同意' }, actor('bureau'), '2025-09-05T01:00:00Z');
    expect(journey.project.application.budget).toEqual([
      { kind: 'equipment', amountWan: 1100 },
      { kind: 'software', amountWan: 400.5 },
      { kind: 'service', amountWan: 99.5 },
    ]);
    expect(journey.project.applicationVersion).toBe(3);

    // Step 9: acceptance request, the town's formal review, the operator's assessment, the bureau's decision.
    journey.take('request_acceptance', { summary: '全部完成', materials: MATERIALS }, actor('enterprise'), '2025-11-20T01:00:00Z');
    journey.take('pass_formal_review', {}, actor('town'), '2025-11-25T01:00:00Z');
    journey.take('assess', { conclusion: 'pass', summary: '指标全部达成', reportEvidenceId: 'ev-report' }, actor('operator'), '2025-12-01T01:00:00Z');
    journey.take('accept', { comments: '同意通过' }, actor('bureau'), '2025-12-05T01:00:00Z');

    // Step 10: accepted — the remainder is paid, and the total equals the approved amount.
    journey.take('record_tranche', { kind: 'remainder', amountWan: 200 }, actor('finance'), '2025-12-10T01:00:00Z');
    expect(journey.project.status).toBe('accepted');
    expect(journey.project.tranches.map((tranche) => [tranche.id, tranche.kind, tranche.amountWan])).toEqual([
      ['T1', 'pre_allocation', 300],
      ['T2', 'remainder', 200],
    ]);
    expect(journey.events.map((event) => event.toStatus)).toContain('accepted');
    expect(journey.project.version).toBe(2 + journey.events.length);
    expect(journey.events.every((event) => event.summary.length > 0)).toBe(true);
  });

  it('loops through rectification until the project passes acceptance', () => {
    const journey = new Journey(stateFixtures().assessed.project);
    journey.take('order_rectification', { deadline: '2026-02-28', reasons: '付款凭证不全' }, actor('bureau'), '2025-12-20T01:00:00Z');
    expect(journey.project.status).toBe('rectification');
    expect(journey.project.rectifications).toEqual([
      { id: 'R1', roundId: 'A1', reasons: '付款凭证不全', orderedAt: '2025-12-20T01:00:00.000Z', deadline: '2026-02-28', by: 'bureau-1' },
    ]);
    journey.take('report_progress', { period: '2026Q1', summary: '补齐凭证', percentComplete: 100, investedWan: 1600 }, actor('enterprise'), '2026-01-10T01:00:00Z');
    journey.take('request_acceptance', { summary: '整改完成', materials: MATERIALS }, actor('enterprise'), '2026-01-15T01:00:00Z');
    journey.take('return_formal_review', { comments: '凭证扫描件不清晰' }, actor('town'), '2026-01-18T01:00:00Z');
    expect(journey.project.status).toBe('in_progress');
    journey.take('request_acceptance', { summary: '重新提交', materials: MATERIALS }, actor('enterprise'), '2026-01-20T01:00:00Z');
    journey.take('pass_formal_review', {}, actor('town'), '2026-01-22T01:00:00Z');
    journey.take('assess', { conclusion: 'pass', summary: '整改到位', reportEvidenceId: 'ev-report-2' }, actor('operator'), '2026-02-01T01:00:00Z');
    journey.take('accept', {}, actor('bureau'), '2026-02-05T01:00:00Z');
    expect(journey.project.status).toBe('accepted');
    expect(
      journey.project.acceptanceRounds.map((round) => [round.id, round.formalReview?.outcome, round.decision?.outcome ?? null]),
    ).toEqual([
      ['A1', 'passed', 'rectification'],
      ['A2', 'returned', null],
      ['A3', 'passed', 'accepted'],
    ]);
  });

  it('accepts each project when it is ready, whatever the state of other projects', () => {
    const fixtures = stateFixtures();
    const early = fixtures.assessed.project;
    const late = { ...fixtures.in_progress.project, id: 'proj-2' };
    const accepted = decide(early, 'accept', {}, actor('bureau'), fixtures.assessed.now).project;
    expect(accepted.status).toBe('accepted');
    expect(late.status).toBe('in_progress');
  });

  it('ends a project when the bureau approves an enterprise’s request to terminate', () => {
    const { project, now } = stateFixtures().in_progress;
    const journey = new Journey(project);
    journey.take('request_change', { reason: '企业经营困难', details: { kind: 'termination' } }, actor('enterprise'), now.toISOString());
    journey.take('approve_termination', { changeRequestId: 'C1', comments: '同意终止' }, actor('bureau'), now.toISOString());
    expect(journey.project.status).toBe('terminated');
    expect(journey.project.closure).toMatchObject({ reason: '企业经营困难', by: 'bureau-1' });
  });
});
