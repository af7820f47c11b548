import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/projects/decide';
import type { ProjectAction } from '../../../shared/projects/lifecycle';
import type { Project } from '../../../shared/projects/model';
import type { Principal } from '../../../shared/roles';
import { APPLICATION, MATERIALS, RUBRIC, actor, at, expectDomainError, expertActor, scoreAll, stateFixtures, step } from './fixtures';

/** Rules only the record can answer: each refusal is PRECONDITION_FAILED with a stable reason. */

const fixtures = stateFixtures();

function refused(project: Project, action: ProjectAction, input: unknown, who: Principal, now: Date, reason: string) {
  const error = expectDomainError(() => decide(project, action, input, who, now), 'PRECONDITION_FAILED');
  expect(error.details).toMatchObject({ reason });
  return error;
}

describe('submitting an application', () => {
  it('is refused while the plan, schedule, budget or indicators are missing, naming each field', () => {
    const { project, now } = fixtures.draft;
    const empty = step(project, 'save_draft', { ...APPLICATION, implementationPlan: ' ', milestones: [], indicators: [] }, actor('enterprise'), now);
    const error = refused(empty, 'submit', {}, actor('enterprise'), now, 'application_incomplete');
    expect(error.issues.map((issue) => issue.path)).toEqual(['application.implementationPlan', 'application.milestones', 'application.indicators']);
  });

  it('is refused when the requested support exceeds the total investment', () => {
    const { project, now } = fixtures.draft;
    const greedy = step(project, 'save_draft', { ...APPLICATION, fundRequestedWan: 1600.01 }, actor('enterprise'), now);
    const error = refused(greedy, 'submit', {}, actor('enterprise'), now, 'application_incomplete');
    expect(error.issues).toEqual([{ path: 'application.fundRequestedWan', message: '申请支持金额不能超过总投资' }]);
  });

  it('keeps the application version on a first submission and raises it on a resubmission', () => {
    expect(fixtures.submitted.project.applicationVersion).toBe(1);
    const { project, now } = fixtures.returned;
    expect(step(project, 'submit', {}, actor('enterprise'), now).applicationVersion).toBe(2);
  });
});

describe('expert review', () => {
  const { project: review, now } = fixtures.expert_review;

  it('refuses to add an expert who is already on the panel', () => {
    refused(review, 'add_experts', { experts: [{ subject: 'expert-2', name: '专家2' }] }, actor('bureau'), now, 'expert_already_assigned');
  });

  it('takes one conflict-of-interest declaration per expert', () => {
    const declared = step(review, 'declare_conflict', { hasConflict: false }, expertActor(1), now);
    refused(declared, 'declare_conflict', { hasConflict: false }, expertActor(1), now, 'already_declared');
  });

  it('requires a statement when an expert declares a conflict', () => {
    const error = expectDomainError(() => decide(review, 'declare_conflict', { hasConflict: true }, expertActor(1), now), 'VALIDATION_FAILED');
    expect(error.issues).toEqual([{ path: 'statement', message: '存在利益冲突时须说明情况' }]);
  });

  it('takes a score only after a no-conflict declaration', () => {
    const sheet = { scores: RUBRIC.map((criterion) => ({ criterionId: criterion.id, score: 60 })), comments: '意见' };
    refused(review, 'submit_score', sheet, expertActor(1), now, 'declaration_required');
  });

  it('keeps a submitted score final', () => {
    const scored = scoreAll(review, now, [1]);
    const sheet = { scores: RUBRIC.map((criterion) => ({ criterionId: criterion.id, score: 99 })), comments: '改分' };
    refused(scored, 'submit_score', sheet, expertActor(1), now, 'already_scored');
  });

  it('refuses a score sheet that leaves out or repeats a criterion of the rubric', () => {
    const declared = step(review, 'declare_conflict', { hasConflict: false }, expertActor(1), now);
    const partial = { scores: [{ criterionId: 'tech', score: 80 }, { criterionId: 'tech', score: 70 }, { criterionId: 'luck', score: 1 }], comments: '意见' };
    const error = refused(declared, 'submit_score', partial, expertActor(1), now, 'score_sheet_mismatch');
    expect(error.details).toMatchObject({ missing: ['benefit', 'capacity'], unexpected: ['tech', 'luck'] });
  });

  it('weights each criterion when it totals an expert’s sheet', () => {
    const declared = step(review, 'declare_conflict', { hasConflict: false }, expertActor(1), now);
    const sheet = { scores: [{ criterionId: 'tech', score: 90 }, { criterionId: 'benefit', score: 80 }, { criterionId: 'capacity', score: 70 }], comments: '意见' };
    const scored = step(declared, 'submit_score', sheet, expertActor(1), now);
    expect(scored.experts?.assignments[0]?.score?.total).toBe(81.5);
  });

  it('does not select before every expert on the panel has scored', () => {
    const error = refused(scoreAll(review, now, [1, 2]), 'select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), now, 'scores_pending');
    expect(error.details).toMatchObject({ experts: ['expert-3'] });
  });

  it('leaves an expert who declared a conflict out of the panel, and needs three scorers', () => {
    const stepped = step(review, 'declare_conflict', { hasConflict: true, statement: '曾任该企业顾问' }, expertActor(3), now);
    const twoScored = scoreAll(stepped, now, [1, 2]);
    refused(twoScored, 'select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), now, 'panel_too_small');
    const replaced = step(twoScored, 'add_experts', { experts: [{ subject: 'expert-4', name: '专家4' }] }, actor('bureau'), now);
    const selected = step(scoreAll(replaced, now, [4]), 'select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), now);
    expect(selected.status).toBe('public_notice');
  });

  it('does not approve more than the enterprise asked for', () => {
    refused(scoreAll(review, now), 'select', { approvedAmountWan: 600.01, noticeDays: 5 }, actor('bureau'), now, 'amount_exceeds_request');
  });
});

describe('public notice and the task agreement', () => {
  const { project: notice, now } = fixtures.public_notice;
  const end = notice.publicNotice?.end ?? '';

  it('records only objections received during the notice', () => {
    refused(notice, 'record_objection', { text: '晚到的异议', receivedAt: `${end}T16:00:00Z` }, actor('bureau'), at(`${end}T17:00:00Z`), 'objection_outside_notice');
    refused(notice, 'record_objection', { text: '提前的异议', receivedAt: '2025-03-01T00:00:00Z' }, actor('bureau'), now, 'objection_outside_notice');
  });

  it('answers an objection once, and only one that exists', () => {
    const error = expectDomainError(() => decide(notice, 'answer_objection', { objectionId: 'O9', answer: '答复' }, actor('bureau'), now), 'VALIDATION_FAILED');
    expect(error.issues).toEqual([{ path: 'objectionId', message: '未找到该异议' }]);
    const answered = step(step(notice, 'record_objection', { text: '异议' }, actor('bureau'), now), 'answer_objection', { objectionId: 'O1', answer: '答复' }, actor('bureau'), now);
    refused(answered, 'answer_objection', { objectionId: 'O1', answer: '再答复' }, actor('bureau'), now, 'already_answered');
  });

  it('confirms the selection only after the last day of the notice', () => {
    refused(notice, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at(`${end}T15:59:59Z`), 'notice_not_ended');
    expect(step(notice, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at(`${end}T16:00:00Z`)).status).toBe('agreement_pending');
  });

  it('confirms the selection only when every objection has been answered', () => {
    const objected = step(notice, 'record_objection', { text: '异议' }, actor('bureau'), now);
    refused(objected, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at(`${end}T16:00:00Z`), 'objections_unanswered');
  });

  it('refuses a signature after the signing deadline', () => {
    const { project: pending } = fixtures.agreement_pending;
    const deadline = pending.agreement?.deadline ?? '';
    refused(pending, 'sign_agreement', { agreementEvidenceId: 'ev' }, actor('enterprise'), at(`${deadline}T16:00:00Z`), 'agreement_deadline_passed');
  });

  it('does not plan a pre-allocation above the approved amount', () => {
    const { project, now: later } = fixtures.agreement_signed;
    refused(project, 'issue_fund_plan', { meetingRef: '党组会', preAllocationWan: 500.01 }, actor('bureau'), later, 'pre_allocation_exceeds_approved');
  });
});

describe('funds in tranches', () => {
  const { project: running, now } = fixtures.in_progress;
  const tranche = (kind: string, amountWan: number) => ({ kind, amountWan });

  it('holds the next tranche while a warning is open, and releases it when cleared', () => {
    const warned = step(running, 'issue_warning', { category: 'untrue', reason: '发票存疑' }, actor('bureau'), now);
    const error = refused(warned, 'record_tranche', tranche('pre_allocation', 10), actor('finance'), now, 'warning_holds_tranche');
    expect(error.details).toMatchObject({ warnings: ['W1'] });
    const cleared = step(warned, 'clear_warning', { warningId: 'W1', note: '已核实' }, actor('bureau'), now);
    expect(step(cleared, 'record_tranche', tranche('pre_allocation', 10), actor('finance'), now).tranches).toHaveLength(2);
  });

  it('never pre-allocates beyond the fund plan', () => {
    refused(running, 'record_tranche', tranche('pre_allocation', 100.01), actor('finance'), now, 'exceeds_pre_allocation');
  });

  it('sums amounts in hundredths so that decimals never slip past the cap', () => {
    let project = running;
    for (let i = 0; i < 10; i += 1) project = step(project, 'record_tranche', tranche('pre_allocation', 9.99), actor('finance'), now);
    project = step(project, 'record_tranche', tranche('pre_allocation', 0.1), actor('finance'), now);
    refused(project, 'record_tranche', tranche('pre_allocation', 0.01), actor('finance'), now, 'exceeds_pre_allocation');
  });

  it('pays the remainder only after acceptance, and pre-allocations only before', () => {
    refused(running, 'record_tranche', tranche('remainder', 10), actor('finance'), now, 'remainder_before_acceptance');
    const { project: accepted, now: later } = fixtures.accepted;
    refused(accepted, 'record_tranche', tranche('pre_allocation', 10), actor('finance'), later, 'pre_allocation_after_acceptance');
  });

  it('never pays more in total than the approved amount', () => {
    const { project: accepted, now: later } = fixtures.accepted;
    const error = refused(accepted, 'record_tranche', tranche('remainder', 300.01), actor('finance'), later, 'exceeds_approved');
    expect(error.details).toMatchObject({ approvedAmountWan: 500, paidWan: 200 });
    expect(step(accepted, 'record_tranche', tranche('remainder', 300), actor('finance'), later).tranches).toHaveLength(2);
  });
});

describe('supervision and changes while in progress', () => {
  const { project: running, now } = fixtures.in_progress;

  it('refuses a spot check dated in the future', () => {
    refused(running, 'record_spot_check', { checkedOn: '2030-01-01', inspectors: ['甲'], outcome: 'conforming', findings: '无' }, actor('operator'), now, 'spot_check_in_future');
  });

  it('clears a warning once, and only one that exists', () => {
    expectDomainError(() => decide(running, 'clear_warning', { warningId: 'W7', note: '无' }, actor('bureau'), now), 'VALIDATION_FAILED');
    const warned = step(running, 'issue_warning', { category: 'late', reason: '滞后' }, actor('bureau'), now);
    const cleared = step(warned, 'clear_warning', { warningId: 'W1', note: '已整改' }, actor('bureau'), now);
    refused(cleared, 'clear_warning', { warningId: 'W1', note: '再解除' }, actor('bureau'), now, 'already_cleared');
  });

  it('takes one open change request at a time', () => {
    const change = { reason: '延期', details: { kind: 'schedule', milestones: [{ name: '上线', due: '2026-06-30' }] } };
    const open = step(running, 'request_change', change, actor('enterprise'), now);
    refused(open, 'request_change', change, actor('enterprise'), now, 'change_request_open');
  });

  it('refuses a budget move larger than the line it comes from', () => {
    const move = { reason: '调剂', details: { kind: 'budget', moves: [{ from: 'service', to: 'software', amountWan: 99.51 }] } };
    refused(running, 'request_change', move, actor('enterprise'), now, 'budget_move_exceeds_line');
  });

  it('applies an approved schedule change to the application', () => {
    const milestones = [{ name: '系统上线', due: '2026-03-31' }];
    const open = step(running, 'request_change', { reason: '延期', details: { kind: 'schedule', milestones } }, actor('enterprise'), now);
    const approved = step(open, 'approve_change', { changeRequestId: 'C1', comments: '同意' }, actor('bureau'), now);
    expect(approved.application.milestones).toEqual(milestones);
    expect(approved.changeRequests[0]?.decision).toMatchObject({ outcome: 'approved', by: 'bureau-1' });
  });

  it('keeps termination and ordinary changes apart, and decides each request once', () => {
    const ending = step(running, 'request_change', { reason: '停产', details: { kind: 'termination' } }, actor('enterprise'), now);
    refused(ending, 'approve_change', { changeRequestId: 'C1', comments: '同意' }, actor('bureau'), now, 'use_approve_termination');
    const rejected = step(ending, 'reject_change', { changeRequestId: 'C1', comments: '继续实施' }, actor('bureau'), now);
    refused(rejected, 'approve_termination', { changeRequestId: 'C1', comments: '同意' }, actor('bureau'), now, 'already_decided');
    const scoped = step(rejected, 'request_change', { reason: '调整', details: { kind: 'scope', implementationPlan: '新方案' } }, actor('enterprise'), now);
    refused(scoped, 'approve_termination', { changeRequestId: 'C2', comments: '同意' }, actor('bureau'), now, 'not_a_termination');
  });
});

describe('acceptance', () => {
  const { project: running, now } = fixtures.in_progress;

  it('refuses a request that lacks any required material, naming each', () => {
    const materials = { ...MATERIALS, contractIds: [], paymentVoucherIds: [] };
    const error = refused(running, 'request_acceptance', { summary: '完成', materials }, actor('enterprise'), now, 'materials_missing');
    expect(error.details).toMatchObject({ missing: ['contractIds', 'paymentVoucherIds'] });
    expect(error.issues).toEqual([
      { path: 'materials.contractIds', message: '缺少合同' },
      { path: 'materials.paymentVoucherIds', message: '缺少银行付款凭证' },
    ]);
  });

  it('waits for an open change request to be decided', () => {
    const open = step(running, 'request_change', { reason: '延期', details: { kind: 'schedule', milestones: [{ name: '上线', due: '2026-06-30' }] } }, actor('enterprise'), now);
    refused(open, 'request_acceptance', { summary: '完成', materials: MATERIALS }, actor('enterprise'), now, 'change_request_open');
  });

  it('does not accept a project whose assessment recommends failing it', () => {
    const { project: reviewed, now: later } = fixtures.formally_reviewed;
    const failed = step(reviewed, 'assess', { conclusion: 'fail', summary: '未达标', reportEvidenceId: 'ev' }, actor('operator'), later);
    refused(failed, 'accept', {}, actor('bureau'), later, 'assessment_not_passed');
    expect(step(failed, 'order_rectification', { deadline: '2026-03-31', reasons: '未达标' }, actor('bureau'), later).status).toBe('rectification');
  });

  it('sets a rectification deadline only in the future', () => {
    const { project: assessed, now: later } = fixtures.assessed;
    refused(assessed, 'order_rectification', { deadline: '2025-12-15', reasons: '不全' }, actor('bureau'), later, 'deadline_not_in_future');
  });
});
