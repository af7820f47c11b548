import { describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../shared/projects/decide';
import type { Project } from '../../shared/projects/model';
import type { Principal } from '../../shared/roles';
import { obligationChanges } from '../../shared/obligations/lifecycle';
import type { Obligation } from '../../shared/obligations/model';
import { closed, fitWrites, planObligationWrites, type ObligationWrites } from '../../shared/obligations/reconcile';
import { actor, at, draftProject, expertActor, MATERIALS, RUBRIC } from './projects/fixtures';

/**
 * The lifecycle's obligations, decision by decision, applied to an in-memory table the way the store
 * applies them in the decision's transaction.
 */
class Table {
  readonly rows = new Map<string, Obligation>();

  apply(previous: Project | undefined, decision: Decision): ObligationWrites {
    const changes = obligationChanges(previous, decision.project, decision.event);
    const named = new Map([...changes.open, ...changes.fulfil].flatMap((item) => {
      const row = this.rows.get(item.id);
      return row ? [[item.id, row] as const] : [];
    }));
    const open = [...this.rows.values()].filter((row) => row.subjectId === decision.project.id && row.status === 'open');
    const writes = planObligationWrites(changes, named, open, decision.event.at);
    for (const created of writes.create) {
      expect(this.rows.has(created.id), `created twice: ${created.id}`).toBe(false);
      this.rows.set(created.id, created);
    }
    for (const close of writes.close) this.rows.set(close.obligation.id, closed(close, decision.event.at));
    return writes;
  }

  status(id: string): string | undefined {
    return this.rows.get(id)?.status;
  }

  get(id: string): Obligation {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no obligation ${id}`);
    return row;
  }
}

function walker(table: Table) {
  let project = draftProject();
  return {
    get project() {
      return project;
    },
    act(action: string, input: unknown, who: Principal, when: string): ObligationWrites {
      const decision = decide(project, action, input, who, at(when));
      const writes = table.apply(project, decision);
      project = decision.project;
      return writes;
    },
  };
}

const EXPERTS = [1, 2, 3].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` }));
const id = (kind: string, period: string) => `proj-1:${kind}:${period}`;

function throughSelection(table: Table) {
  const walk = walker(table);
  walk.act('submit', {}, actor('enterprise'), '2025-03-04T02:00:00Z');
  walk.act('recommend', { recommendation: '同意推荐' }, actor('town'), '2025-03-06T02:00:00Z');
  walk.act('assign_experts', { rubric: RUBRIC, experts: EXPERTS }, actor('bureau'), '2025-03-10T02:00:00Z');
  for (const n of [1, 2, 3]) {
    walk.act('declare_conflict', { hasConflict: false }, expertActor(n), '2025-03-12T02:00:00Z');
    walk.act('submit_score', { scores: RUBRIC.map((c) => ({ criterionId: c.id, score: 80 })), comments: '可行' }, expertActor(n), '2025-03-12T03:00:00Z');
  }
  walk.act('select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), '2025-03-18T02:00:00Z');
  return walk;
}

function intoDelivery(table: Table) {
  const walk = throughSelection(table);
  walk.act('confirm_selection', { signingWindowDays: 15 }, actor('bureau'), '2025-03-24T02:00:00Z');
  walk.act('sign_agreement', { agreementEvidenceId: 'ev-agreement' }, actor('enterprise'), '2025-03-28T02:00:00Z');
  walk.act('issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, actor('bureau'), '2025-04-10T02:00:00Z');
  return walk;
}

describe('review stages open and close with the project (working-day windows)', () => {
  it('opens the town’s window on submission and closes it when the town decides, per application version', () => {
    const table = new Table();
    const walk = walker(table);
    walk.act('submit', {}, actor('enterprise'), '2025-03-04T02:00:00Z');
    // 10 working days after Tue 4 March 2025
    expect(table.get(id('review_stage', 'preliminary_review.v1'))).toMatchObject({ status: 'open', dueDay: '2025-03-18', responsible: 'town', stage: 'preliminary_review' });
    walk.act('return_for_revision', { comments: '请补充' }, actor('town'), '2025-03-05T02:00:00Z');
    expect(table.status(id('review_stage', 'preliminary_review.v1'))).toBe('fulfilled');
    walk.act('submit', {}, actor('enterprise'), '2025-03-07T02:00:00Z');
    expect(table.get(id('review_stage', 'preliminary_review.v2'))).toMatchObject({ status: 'open', dueDay: '2025-03-21' });
  });

  it('hands the window to the bureau, then to the experts, who are done when the last one scores', () => {
    const table = new Table();
    throughSelection(table);
    expect(table.status(id('review_stage', 'preliminary_review.v1'))).toBe('fulfilled');
    expect(table.get(id('review_stage', 'expert_organisation'))).toMatchObject({ status: 'fulfilled', responsible: 'bureau' });
    expect(table.get(id('review_stage', 'expert_scoring'))).toMatchObject({
      status: 'fulfilled',
      responsible: 'expert',
      holders: ['expert-1', 'expert-2', 'expert-3'],
      fulfilledAt: '2025-03-12T03:00:00.000Z',
    });
  });
});

describe('delivery obligations', () => {
  it('opens the signing window on confirmation with the agreement deadline, and signing fulfils it', () => {
    const table = new Table();
    const walk = throughSelection(table);
    walk.act('confirm_selection', { signingWindowDays: 15 }, actor('bureau'), '2025-03-24T02:00:00Z');
    expect(table.get(id('agreement_signing', 'agreement'))).toMatchObject({ status: 'open', dueDay: walk.project.agreement?.deadline, responsible: 'enterprise' });
    walk.act('sign_agreement', { agreementEvidenceId: 'ev' }, actor('enterprise'), '2025-03-28T02:00:00Z');
    expect(table.status(id('agreement_signing', 'agreement'))).toBe('fulfilled');
  });

  it('opens the quarter’s report and visit and the year’s review when the fund plan puts the project in progress', () => {
    const table = new Table();
    intoDelivery(table);
    expect(table.get(id('quarterly_report', '2025Q2'))).toMatchObject({ status: 'open', dueDay: '2025-07-15', responsible: 'enterprise', uscc: expect.any(String), town: expect.any(String) });
    expect(table.get(id('quarterly_visit', '2025Q2'))).toMatchObject({ status: 'open', dueDay: '2025-06-30', responsible: 'operator' });
    expect(table.get(id('yearly_review', '2025'))).toMatchObject({ status: 'open', dueDay: '2025-12-31' });
  });

  it('fulfils the reported quarter, also late, keeping the miss', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    const missedAt = '2025-07-16T01:00:00.000Z';
    table.rows.set(id('quarterly_report', '2025Q2'), { ...table.get(id('quarterly_report', '2025Q2')), status: 'missed', missedAt });
    const writes = walk.act('report_progress', { period: '2025Q2', summary: '设备已到货', percentComplete: 40, investedWan: 800 }, actor('enterprise'), '2025-07-20T02:00:00Z');
    expect(writes.close).toEqual([expect.objectContaining({ expected: 'missed', to: 'fulfilled' })]);
    expect(table.get(id('quarterly_report', '2025Q2'))).toMatchObject({ status: 'fulfilled', missedAt, fulfilledAt: '2025-07-20T02:00:00.000Z' });
  });

  it('records a report for a quarter the timer has not opened yet as fulfilled, so the timer cannot open it after', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    walk.act('report_progress', { period: '2025Q3', summary: '调试', percentComplete: 70, investedWan: 1000 }, actor('enterprise'), '2025-09-20T02:00:00Z');
    expect(table.get(id('quarterly_report', '2025Q3'))).toMatchObject({ status: 'fulfilled', dueDay: '2025-10-15' });
    // a future quarter and a quarter before the fund plan are never owed, so nothing is recorded
    walk.act('report_progress', { period: '2026Q1', summary: '提前', percentComplete: 70, investedWan: 1000 }, actor('enterprise'), '2025-09-21T02:00:00Z');
    walk.act('report_progress', { period: '2025Q1', summary: '补报', percentComplete: 70, investedWan: 1000 }, actor('enterprise'), '2025-09-22T02:00:00Z');
    expect(table.rows.has(id('quarterly_report', '2026Q1'))).toBe(false);
    expect(table.rows.has(id('quarterly_report', '2025Q1'))).toBe(false);
  });

  it('fulfils the quarter’s visit with a spot check by the bureau or the operator', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    walk.act('record_spot_check', { checkedOn: '2025-05-20', inspectors: ['专家甲'], outcome: 'conforming', findings: '一致' }, actor('operator'), '2025-05-20T08:00:00Z');
    expect(table.status(id('quarterly_visit', '2025Q2'))).toBe('fulfilled');
  });

  it('ends quarterly reporting on an acceptance request, opens the town’s formal review window, and a rectification deadline after', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    walk.act('request_acceptance', { summary: '完成', materials: MATERIALS }, actor('enterprise'), '2025-05-06T02:00:00Z');
    expect(table.get(id('quarterly_report', '2025Q2'))).toMatchObject({ status: 'cancelled', cancelReason: expect.stringContaining('验收') });
    expect(table.status(id('quarterly_visit', '2025Q2'))).toBe('cancelled');
    expect(table.status(id('yearly_review', '2025'))).toBe('open');
    expect(table.get(id('review_stage', 'formal_review.A1'))).toMatchObject({ status: 'open', dueDay: '2025-05-13', responsible: 'town' });

    walk.act('pass_formal_review', {}, actor('town'), '2025-05-08T02:00:00Z');
    walk.act('assess', { conclusion: 'fail', summary: '发票不全', reportEvidenceId: 'ev-r' }, actor('operator'), '2025-05-20T02:00:00Z');
    walk.act('order_rectification', { deadline: '2025-08-29', reasons: '补齐发票' }, actor('bureau'), '2025-05-22T02:00:00Z');
    expect(table.status(id('review_stage', 'formal_review.A1'))).toBe('fulfilled');
    expect(table.get(id('rectification', 'R1'))).toMatchObject({ status: 'open', dueDay: '2025-08-29', responsible: 'enterprise' });
    // rectification is delivery again: the quarter's report is owed (the cancelled one stays cancelled)
    expect(table.status(id('quarterly_report', '2025Q2'))).toBe('cancelled');

    walk.act('request_acceptance', { summary: '已整改', materials: MATERIALS }, actor('enterprise'), '2025-08-01T02:00:00Z');
    expect(table.status(id('rectification', 'R1'))).toBe('fulfilled');
    expect(table.status(id('review_stage', 'formal_review.A2'))).toBe('open');
  });

  it('opens the current quarter when delivery resumes after a returned formal review', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    walk.act('request_acceptance', { summary: '完成', materials: MATERIALS }, actor('enterprise'), '2025-06-20T02:00:00Z');
    walk.act('return_formal_review', { comments: '材料不全' }, actor('town'), '2025-07-03T02:00:00Z');
    expect(table.get(id('quarterly_report', '2025Q3'))).toMatchObject({ status: 'open', dueDay: '2025-10-15' });
  });
});

describe('terminal states and retries', () => {
  it('cancels everything open when the project ends, and leaves what was fulfilled or missed', () => {
    const table = new Table();
    const walk = intoDelivery(table);
    table.rows.set(id('quarterly_visit', '2025Q2'), { ...table.get(id('quarterly_visit', '2025Q2')), status: 'missed', missedAt: '2025-07-01T01:00:00.000Z' });
    walk.act('terminate', { reason: '抽查发现项目不实' }, actor('bureau'), '2025-07-10T02:00:00Z');
    expect(table.status(id('quarterly_report', '2025Q2'))).toBe('cancelled');
    expect(table.status(id('yearly_review', '2025'))).toBe('cancelled');
    expect(table.status(id('quarterly_visit', '2025Q2'))).toBe('missed');
    expect(table.status(id('agreement_signing', 'agreement'))).toBe('fulfilled');
  });

  it('cancels the town’s open window when the enterprise withdraws', () => {
    const table = new Table();
    const walk = walker(table);
    walk.act('submit', {}, actor('enterprise'), '2025-03-04T02:00:00Z');
    walk.act('withdraw', { reason: '暂缓' }, actor('enterprise'), '2025-03-05T02:00:00Z');
    expect(table.get(id('review_stage', 'preliminary_review.v1'))).toMatchObject({ status: 'cancelled', cancelReason: '项目已撤回' });
  });

  it('plans nothing twice for a decision replayed against what it already wrote', () => {
    const table = new Table();
    const walk = throughSelection(table);
    const before = walk.project;
    const decision = decide(before, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at('2025-03-24T02:00:00Z'));
    table.apply(before, decision);
    const replay = planObligationWrites(obligationChanges(before, decision.project, decision.event), table.rows, [], decision.event.at);
    expect(replay).toEqual({ create: [], close: [] });
  });

  it('keeps a transaction under 100 items by leaving surplus cancellations to the sweep', () => {
    const open = Array.from({ length: 120 }, (_, n): Obligation => ({
      id: `p:quarterly_report:2020Q${(n % 4) + 1}-${n}`, kind: 'quarterly_report', subjectType: 'project', subjectId: 'p', pilotId: 'x', period: `P${n}`,
      responsible: 'enterprise', dueDay: '2030-01-01', status: 'open', openedAt: '2025-01-01T00:00:00.000Z',
    }));
    const writes = planObligationWrites({ open: [], fulfil: [], cancelOpen: { kinds: 'all', reason: 'x' } }, new Map(), open, '2025-01-02T00:00:00.000Z');
    const fitted = fitWrites(writes, 90);
    expect(fitted.writes.close).toHaveLength(90);
    expect(fitted.deferred).toBe(30);
    expect(() => fitWrites({ create: open, close: [] }, 90)).toThrow(RangeError);
  });
});
