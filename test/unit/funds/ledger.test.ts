import { describe, expect, it } from 'vitest';
import { matchingRatio, pilotLedger } from '../../../shared/funds/ledger';
import { ledgerSheets } from '../../../shared/funds/sheets';
import type { Project } from '../../../shared/projects/model';
import { actor, at, scoreAll, stateFixtures, step } from '../projects/fixtures';
import { readWorkbook, workbookBytes } from '../../../shared/evaluation/xlsx';

const fixtures = stateFixtures();
const NOW = at('2026-01-10T00:00:00Z');

/** The fixture's central project (500 approved, 200 paid on 2025-04-15, 800 invested), plus a local one. */
function localProject(amountWan: number, paidWan: number): Project {
  const scored = scoreAll({ ...fixtures.expert_review.project, id: 'proj-local', category: 'municipal_fund' }, at('2025-03-12T02:00:00Z'));
  const notice = step(scored, 'select', { approvedAmountWan: amountWan, noticeDays: 5 }, actor('bureau'), at('2025-03-18T02:00:00Z'));
  const pending = step(notice, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at('2025-03-24T02:00:00Z'));
  const signed = step(pending, 'sign_agreement', { agreementEvidenceId: 'ev-a' }, actor('enterprise'), at('2025-03-28T02:00:00Z'));
  const planned = step(signed, 'issue_fund_plan', { meetingRef: '党组会', preAllocationWan: paidWan }, actor('bureau'), at('2025-04-10T02:00:00Z'));
  return step(planned, 'record_tranche', { kind: 'pre_allocation', amountWan: paidWan, voucherEvidenceIds: ['ev-v'] }, actor('finance'), at('2025-05-20T02:00:00Z'));
}

describe('a pilot’s ledger (003 §二(五) 专款专用、单独核算)', () => {
  it('lists every payment, order, repayment and reported investment with its project, date, source and vouchers, oldest first', () => {
    const central = step(fixtures.in_progress.project, 'order_funds', { measure: 'recovery', source: 'central', amountWan: 50, reason: 'untrue_material', documentRef: '工信发〔2025〕9号', documentEvidenceIds: ['ev-decision'] }, actor('bureau'), at('2025-08-01T02:00:00Z'));
    const repaid = step(central, 'record_repayment', { orderId: 'F1', amountWan: 20, reference: '缴款书 001', voucherEvidenceIds: ['ev-back'] }, actor('finance'), at('2025-08-20T02:00:00Z'));
    const ledger = pilotLedger('wuqing', [repaid, localProject(600, 300)], NOW);
    expect(ledger.entries.map((entry) => [entry.at.slice(0, 10), entry.projectId, entry.kind, entry.source, entry.amountWan, entry.evidenceIds])).toEqual([
      ['2025-04-15', 'proj-1', 'disbursement', 'central', 200, []],
      ['2025-05-20', 'proj-local', 'disbursement', 'local', 300, ['ev-v']],
      ['2025-07-01', 'proj-1', 'investment', 'enterprise', 800, ['ev-photo']],
      ['2025-08-01', 'proj-1', 'recovery_order', 'central', 50, ['ev-decision']],
      ['2025-08-20', 'proj-1', 'repayment', 'central', 20, ['ev-back']],
    ]);
    expect(ledger.entries[0]).toMatchObject({ projectTitle: '汽车零部件数字化车间改造', supportMethod: 'investment_subsidy' });
    expect(ledger.recoveries).toEqual([expect.objectContaining({ projectId: 'proj-1', orderId: 'F1', measure: 'recovery', amountWan: 50, outstandingWan: 30, documentRef: '工信发〔2025〕9号' })]);
  });

  it('nets orders and repayments out of the pilot’s totals', () => {
    const central = step(fixtures.in_progress.project, 'order_funds', { measure: 'recovery', source: 'central', amountWan: 50, reason: 'untrue_material', documentRef: 'x' }, actor('bureau'), at('2025-08-01T02:00:00Z'));
    const repaid = step(central, 'record_repayment', { orderId: 'F1', amountWan: 20 }, actor('finance'), at('2025-08-20T02:00:00Z'));
    const { totals } = pilotLedger('wuqing', [repaid], NOW);
    expect(totals.central).toMatchObject({ approvedWan: 500, paidWan: 200, recoveryOrderedWan: 50, repaidWan: 20, netApprovedWan: 450, netPaidWan: 180, outstandingWan: 30 });
    // 企业自筹: the 800 invested less the 180 of government money it holds
    expect(totals.enterprise).toEqual({ investedWan: 800, ownInvestmentWan: 620 });
  });

  it('reads only the pilot’s own selected projects, as of the instant asked', () => {
    const elsewhere = { ...localProject(600, 300), pilotId: 'binhai' };
    const ledger = pilotLedger('wuqing', [fixtures.in_progress.project, elsewhere, fixtures.not_selected.project, fixtures.submitted.project], NOW);
    expect(ledger.projects.map((line) => line.projectId)).toEqual(['proj-1']);
    const early = pilotLedger('wuqing', [fixtures.in_progress.project], at('2025-04-01T00:00:00Z'));
    expect(early.entries).toEqual([]);
    expect(early.totals.central).toMatchObject({ approvedWan: 500, paidWan: 0 });
    expect(pilotLedger('wuqing', [fixtures.in_progress.project], at('2025-03-01T00:00:00Z')).projects).toEqual([]);
  });

  it('counts a progress report’s investment as its increase, never twice', () => {
    const again = step(fixtures.in_progress.project, 'report_progress', { period: '2025Q3', summary: '调试', percentComplete: 70, investedWan: 1000 }, actor('enterprise'), at('2025-10-01T02:00:00Z'));
    const investment = pilotLedger('wuqing', [again], NOW).entries.filter((entry) => entry.kind === 'investment');
    expect(investment.map((entry) => entry.amountWan)).toEqual([800, 200]);
  });
});

describe('the matching ratio (002 §五(二): 地方配套资金与奖补资金比例原则上不低于 1:1)', () => {
  it('warns when local funds fall below central funds', () => {
    const ledger = pilotLedger('wuqing', [fixtures.in_progress.project, localProject(400, 150)], NOW);
    expect(ledger.matching.approved).toEqual({ centralWan: 500, localWan: 400, ratio: 0.8, belowOneToOne: true });
    expect(ledger.matching.paid).toEqual({ centralWan: 200, localWan: 150, ratio: 0.75, belowOneToOne: true });
    expect(ledger.matching.warning).toBe(true);
  });

  it('does not warn at exactly 1:1 or above', () => {
    const ledger = pilotLedger('wuqing', [fixtures.in_progress.project, localProject(500, 200)], NOW);
    expect(ledger.matching.approved).toMatchObject({ ratio: 1, belowOneToOne: false });
    expect(ledger.matching.paid).toMatchObject({ ratio: 1, belowOneToOne: false });
    expect(ledger.matching.warning).toBe(false);
  });

  it('has no ratio and no warning while there are no central funds', () => {
    const zero = { approvedWan: 0, deductedWan: 0, recoveryOrderedWan: 0, paidWan: 0, repaidWan: 0, netApprovedWan: 0, netPaidWan: 0, outstandingWan: 0 };
    expect(matchingRatio({ central: zero, local: { ...zero, netApprovedWan: 100, netPaidWan: 50 } })).toEqual({
      approved: { centralWan: 0, localWan: 100, ratio: null, belowOneToOne: false },
      paid: { centralWan: 0, localWan: 50, ratio: null, belowOneToOne: false },
      warning: false,
    });
  });

  it('reads the ratio net of what was taken back: a recovery of local funds can push it below 1:1', () => {
    const local = step(localProject(500, 200), 'order_funds', { measure: 'recovery', source: 'local', amountWan: 100, reason: 'untrue_material', documentRef: 'x' }, actor('bureau'), at('2025-09-01T02:00:00Z'));
    const ledger = pilotLedger('wuqing', [fixtures.in_progress.project, local], NOW);
    expect(ledger.matching.approved).toMatchObject({ localWan: 400, belowOneToOne: true });
    // not repaid yet: the enterprise still holds the 200
    expect(ledger.matching.paid).toMatchObject({ localWan: 200, belowOneToOne: false });
  });
});

describe('the ledger workbook', () => {
  it('writes the entries, projects, totals with the ratio, and the orders as sheets an auditor reads', async () => {
    const ledger = pilotLedger('wuqing', [fixtures.in_progress.project, localProject(400, 150)], NOW);
    const sheets = ledgerSheets(ledger, '武清区试点');
    expect(sheets.map((sheet) => sheet.name)).toEqual(['资金台账', '分项目资金', '资金汇总', '收回扣减']);
    expect(sheets[0]!.rows[0]).toEqual(['2025-04-15T02:00:00.000Z', '汽车零部件数字化车间改造', fixtures.in_progress.project.uscc, '拨付', '中央奖补资金', '投资补助', 200, '', '缺凭证']);
    expect(sheets[2]!.rows).toContainEqual(['地方配套比例（按净批复）', '0.80 : 1', '低于 1:1']);
    const back = await readWorkbook(await workbookBytes(sheets, { creator: 'test', created: NOW }));
    expect(back.map((sheet) => sheet.name)).toEqual(['资金台账', '分项目资金', '资金汇总', '收回扣减']);
    expect(back[0]!.rows[1]).toEqual(['日期', '项目', '统一社会信用代码', '类型', '资金来源', '支持方式', '金额（万元）', '文号/凭证号', '凭证材料']);
  });
});
