import { describe, expect, it } from 'vitest';
import { projectFunds, centralFundingOnPlatform, approvedFunding } from '../../../shared/funds/project';
import { decide } from '../../../shared/projects/decide';
import type { Project } from '../../../shared/projects/model';
import { actor, at, expectDomainError, scoreAll, stateFixtures, step } from '../projects/fixtures';

const fixtures = stateFixtures();
const scored = () => scoreAll(fixtures.expert_review.project, at('2025-03-12T02:00:00Z'));
const SELECT_AT = at('2025-03-18T02:00:00Z');

/** A central 300 (贷款贴息) + local 200 project through to its fund plan (pre-allocation 300). */
function twoSourceProject(): Project {
  const funding = [
    { source: 'central', supportMethod: 'loan_interest_subsidy', amountWan: 300 },
    { source: 'local', amountWan: 200 },
  ];
  const notice = step(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding }, actor('bureau'), SELECT_AT);
  const pending = step(notice, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at('2025-03-24T02:00:00Z'));
  const signed = step(pending, 'sign_agreement', { agreementEvidenceId: 'ev-agreement' }, actor('enterprise'), at('2025-03-28T02:00:00Z'));
  return step(signed, 'issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 400 }, actor('bureau'), at('2025-04-10T02:00:00Z'));
}

const PAY_AT = at('2025-04-15T02:00:00Z');
const pay = (project: Project, input: Record<string, unknown>) => step(project, 'record_tranche', { kind: 'pre_allocation', ...input }, actor('finance'), PAY_AT);
const order = (project: Project, input: Record<string, unknown>) =>
  step(project, 'order_funds', { measure: 'recovery', source: 'central', reason: 'untrue_material', documentRef: '工信发〔2025〕9号', ...input }, actor('bureau'), at('2025-06-01T02:00:00Z'));

describe('approved amounts carry their source (003 §二(五))', () => {
  it('reads a selection without sources as one line of its category: central funds as 投资补助', () => {
    const selected = step(scored(), 'select', { approvedAmountWan: 450, noticeDays: 5 }, actor('bureau'), SELECT_AT);
    expect(approvedFunding(selected)).toEqual([{ source: 'central', supportMethod: 'investment_subsidy', amountWan: 450 }]);
    expect(selected.selection).toMatchObject({ funding: [{ source: 'central', amountWan: 450 }] });
  });

  it('reads a local-fund category as local funds with no support method', () => {
    expect(approvedFunding({ category: 'municipal_fund', selection: { ...fixtures.public_notice.project.selection!, funding: undefined } as Project['selection'] })).toEqual([
      { source: 'local', amountWan: 500 },
    ]);
  });

  it('keeps the sources the bureau names and writes them into the fund plan', () => {
    const project = twoSourceProject();
    expect(project.fundPlan?.funding).toEqual(approvedFunding(project));
    expect(approvedFunding(project).map((line) => line.source)).toEqual(['central', 'local']);
  });

  it('refuses sources that do not add up to the approved amount', () => {
    const error = expectDomainError(() => decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding: [{ source: 'local', amountWan: 400 }] }, actor('bureau'), SELECT_AT), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toContain('funding');
  });

  it('requires a support method on central funds and refuses one on local funds', () => {
    const central = expectDomainError(() => decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding: [{ source: 'central', amountWan: 500 }] }, actor('bureau'), SELECT_AT), 'VALIDATION_FAILED');
    expect(central.issues.map((issue) => issue.path)).toContain('funding.0.supportMethod');
    const local = expectDomainError(
      () => decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding: [{ source: 'local', supportMethod: 'investment_subsidy', amountWan: 500 }] }, actor('bureau'), SELECT_AT),
      'VALIDATION_FAILED',
    );
    expect(local.issues.map((issue) => issue.path)).toContain('funding.0.supportMethod');
  });

  it('refuses the same source twice and the enterprise’s own money as an approval', () => {
    const twice = [{ source: 'local', amountWan: 250 }, { source: 'local', amountWan: 250 }];
    expectDomainError(() => decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding: twice }, actor('bureau'), SELECT_AT), 'VALIDATION_FAILED');
    expectDomainError(() => decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5, funding: [{ source: 'enterprise', amountWan: 500 }] }, actor('bureau'), SELECT_AT), 'VALIDATION_FAILED');
  });
});

describe('tranches are paid from one approved source', () => {
  it('takes the only source when the approval has one, with its support method and vouchers', () => {
    const paid = step(fixtures.agreement_signed.project, 'issue_fund_plan', { meetingRef: '党组会', preAllocationWan: 300 }, actor('bureau'), at('2025-04-10T02:00:00Z'));
    const tranche = pay(paid, { amountWan: 100, voucherEvidenceIds: ['ev-voucher-1'] }).tranches.at(-1);
    expect(tranche).toMatchObject({ source: 'central', supportMethod: 'investment_subsidy', voucherEvidenceIds: ['ev-voucher-1'] });
  });

  it('asks which source when the approval has two', () => {
    const error = expectDomainError(() => decide(twoSourceProject(), 'record_tranche', { kind: 'pre_allocation', amountWan: 100 }, actor('finance'), PAY_AT), 'VALIDATION_FAILED');
    expect(error.issues).toEqual([{ path: 'source', message: expect.stringContaining('资金来源') }]);
  });

  it('refuses a source the approval does not hold', () => {
    const single = step(fixtures.agreement_signed.project, 'issue_fund_plan', { meetingRef: '党组会', preAllocationWan: 300 }, actor('bureau'), at('2025-04-10T02:00:00Z'));
    const error = expectDomainError(() => pay(single, { amountWan: 10, source: 'local' }), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'source_not_approved' });
  });

  it('caps each source at its own approval (专款专用): local 200 cannot take 250 though 500 are approved in all', () => {
    const error = expectDomainError(() => pay(twoSourceProject(), { amountWan: 250, source: 'local' }), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'exceeds_approved', source: 'local', approvedAmountWan: 200 });
    expect(projectFunds(pay(twoSourceProject(), { amountWan: 200, source: 'local' })).local).toMatchObject({ paidWan: 200, netPaidWan: 200 });
  });
});

describe('收回 and 扣减 (003 §三(三); 滨海 §三(五)8–10)', () => {
  const paidProject = () => pay(pay(twoSourceProject(), { amountWan: 250, source: 'central' }), { amountWan: 100, source: 'local' });

  it('orders back at most what was paid from the source', () => {
    const error = expectDomainError(() => order(paidProject(), { amountWan: 260 }), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'exceeds_recoverable', availableWan: 250 });
    const ordered = order(paidProject(), { amountWan: 250 });
    expectDomainError(() => order(ordered, { amountWan: 1 }), 'PRECONDITION_FAILED');
  });

  it('cuts at most what is still unpaid', () => {
    const error = expectDomainError(() => order(paidProject(), { measure: 'deduction', amountWan: 60 }), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'exceeds_payable', availableWan: 50 });
  });

  it('lowers what may still be paid by the cut', () => {
    const cut = order(paidProject(), { measure: 'deduction', amountWan: 50 });
    const error = expectDomainError(() => pay(cut, { amountWan: 1, source: 'central' }), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'exceeds_approved', deductedWan: 50 });
  });

  it('nets orders and repayments out of the project’s figures', () => {
    const ordered = order(paidProject(), { amountWan: 150 });
    const repaid = step(ordered, 'record_repayment', { orderId: 'F1', amountWan: 100, voucherEvidenceIds: ['ev-back'] }, actor('finance'), at('2025-06-10T02:00:00Z'));
    expect(projectFunds(repaid).central).toEqual({
      approvedWan: 300,
      deductedWan: 0,
      recoveryOrderedWan: 150,
      paidWan: 250,
      repaidWan: 100,
      netApprovedWan: 150,
      netPaidWan: 150,
      outstandingWan: 50,
    });
    expect(projectFunds(repaid).local).toMatchObject({ paidWan: 100, netPaidWan: 100, outstandingWan: 0 });
    // as of a moment before the repayment, it is not netted out yet
    expect(projectFunds(repaid, at('2025-06-05T00:00:00Z')).central).toMatchObject({ repaidWan: 0, netPaidWan: 250, outstandingWan: 150 });
  });

  it('takes repayments up to what the order still awaits, and none against a cut', () => {
    const ordered = order(paidProject(), { amountWan: 150 });
    const error = expectDomainError(() => step(ordered, 'record_repayment', { orderId: 'F1', amountWan: 151 }, actor('finance'), at('2025-06-10T02:00:00Z')), 'PRECONDITION_FAILED');
    expect(error.details).toMatchObject({ reason: 'exceeds_outstanding', outstandingWan: 150 });
    const cut = order(paidProject(), { measure: 'deduction', amountWan: 10 });
    const refused = expectDomainError(() => step(cut, 'record_repayment', { orderId: 'F1', amountWan: 10 }, actor('finance'), at('2025-06-10T02:00:00Z')), 'PRECONDITION_FAILED');
    expect(refused.details).toMatchObject({ reason: 'deduction_needs_no_repayment' });
    expectDomainError(() => step(cut, 'record_repayment', { orderId: 'F9', amountWan: 10 }, actor('finance'), at('2025-06-10T02:00:00Z')), 'VALIDATION_FAILED');
  });

  it('names termination as the reason only for a terminated project, and a failed acceptance only after one', () => {
    const notTerminated = expectDomainError(() => order(paidProject(), { amountWan: 10, reason: 'terminated' }), 'PRECONDITION_FAILED');
    expect(notTerminated.details).toMatchObject({ reason: 'not_terminated' });
    const terminated = fixtures.terminated.project;
    expect(order(terminated, { amountWan: 200, reason: 'terminated' }).fundOrders).toHaveLength(1);
    const noFail = expectDomainError(() => order(paidProject(), { amountWan: 10, reason: 'failed_acceptance' }), 'PRECONDITION_FAILED');
    expect(noFail.details).toMatchObject({ reason: 'no_failed_acceptance' });
  });

  it('lets only the bureau order and only finance record a repayment', () => {
    expectDomainError(() => decide(paidProject(), 'order_funds', { measure: 'recovery', source: 'central', amountWan: 1, reason: 'untrue_material', documentRef: 'x' }, actor('finance'), PAY_AT), 'FORBIDDEN');
    expectDomainError(() => decide(order(paidProject(), { amountWan: 10 }), 'record_repayment', { orderId: 'F1', amountWan: 1 }, actor('bureau'), PAY_AT), 'FORBIDDEN');
  });
});

describe('no double central funding (003 §二(二))', () => {
  const otherCentral = (): Project => ({ ...fixtures.in_progress.project, id: 'proj-other', pilotId: 'binhai', title: '另一试点的中央资金项目' });

  it('finds the enterprise’s other projects that hold central funds, in any pilot', () => {
    expect(centralFundingOnPlatform({ id: 'proj-1', uscc: fixtures.in_progress.project.uscc }, [otherCentral(), fixtures.in_progress.project])).toEqual([
      { programme: '试点项目：另一试点的中央资金项目', projectId: 'proj-other', pilotId: 'binhai', amountWan: 500 },
    ]);
  });

  it('ignores the project itself, other enterprises, declined projects and central funds wholly taken back', () => {
    const declined = { ...fixtures.not_selected.project, id: 'proj-declined' };
    const otherFirm = { ...otherCentral(), uscc: '91120114MA0000000X' };
    const cut = { ...otherCentral(), fundOrders: [{ id: 'F1', measure: 'deduction' as const, source: 'central' as const, amountWan: 500, reason: 'evaluation' as const, documentRef: 'x', documentEvidenceIds: [], orderedAt: '2025-05-01T00:00:00Z', by: 'b' }] };
    expect(centralFundingOnPlatform({ id: 'proj-1', uscc: fixtures.in_progress.project.uscc }, [fixtures.in_progress.project, declined, otherFirm, cut])).toEqual([]);
  });

  it('flags, without refusing, a central selection of an enterprise that holds central funds elsewhere', () => {
    const { project, event } = decide(scored(), 'select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), SELECT_AT, { enterpriseProjects: [otherCentral()] });
    expect(project.status).toBe('public_notice');
    expect(project.selection).toMatchObject({ centralFundingElsewhere: [{ projectId: 'proj-other', pilotId: 'binhai' }] });
    expect(event.summary).toContain('请核实不属同一项目重复安排');
  });

  it('flags central funds the enterprise declared from another programme', () => {
    const input = { approvedAmountWan: 500, noticeDays: 5, centralFundingElsewhere: [{ programme: '超长期特别国债设备更新', amountWan: 80 }] };
    expect(step(scored(), 'select', input, actor('bureau'), SELECT_AT).selection).toMatchObject({ centralFundingElsewhere: [{ programme: '超长期特别国债设备更新' }] });
  });

  it('does not flag a selection that gives no central funds', () => {
    const input = { approvedAmountWan: 500, noticeDays: 5, funding: [{ source: 'local', amountWan: 500 }] };
    const { project } = decide(scored(), 'select', input, actor('bureau'), SELECT_AT, { enterpriseProjects: [otherCentral()] });
    expect(project.selection).not.toHaveProperty('centralFundingElsewhere');
  });
});
