import { expect } from 'vitest';
import { DomainError, type ErrorCode } from '../../../shared/errors';
import { decide, createDraft } from '../../../shared/projects/decide';
import type { ProjectAction } from '../../../shared/projects/lifecycle';
import type { Application, Project, ProjectStatus, Rubric } from '../../../shared/projects/model';
import { addDays, beijingDate } from '../../../shared/projects/values';
import type { Principal, Role } from '../../../shared/roles';
import { withUsccCheck } from '../../../shared/uscc';

/** A project walked through the real `decide`, so every fixture is a state the domain can reach. */

export const PILOT = 'wuqing';
export const TOWN = '120114001';
export const USCC = withUsccCheck('91120114123456789');
export const OTHER_USCC = withUsccCheck('91120114987654321');

export const ACTORS = {
  enterprise: { subject: 'ent-1', name: '天津某汽车零部件有限公司', roles: ['enterprise'], uscc: USCC },
  town: { subject: 'town-1', name: '杨村街', roles: ['town'], town: TOWN, pilot: PILOT },
  bureau: { subject: 'bureau-1', name: '区工信局', roles: ['bureau'], pilot: PILOT },
  finance: { subject: 'finance-1', name: '区财政局', roles: ['finance'], pilot: PILOT },
  expert: { subject: 'expert-1', name: '专家一', roles: ['expert'], pilot: PILOT },
  operator: { subject: 'operator-1', name: '综合服务商', roles: ['operator'], pilot: PILOT },
  provider: { subject: 'provider-1', name: '服务商', roles: ['provider'], providerId: 'prov-1' },
  data_unit: { subject: 'stats-1', name: '区统计局', roles: ['data_unit'], dataUnit: 'stats', pilot: PILOT },
  assessor: { subject: 'assessor-1', name: '评测机构', roles: ['assessor'], pilot: PILOT },
  supervisor: { subject: 'ministry-1', name: '工信厅', roles: ['supervisor'], supervision: { level: 'ministry' } },
} as const satisfies Record<Role, Principal>;

export function actor(role: Role): Principal {
  const base = ACTORS[role];
  return { ...base, roles: [...base.roles] };
}

export const expertActor = (n: number): Principal => ({ subject: `expert-${n}`, name: `专家${n}`, roles: ['expert'], pilot: PILOT });

/** The enterprise's registration in the pilot: where a draft takes its pilot and town from (issue 12). */
export const REGISTRATION = { uscc: USCC, pilotId: PILOT, town: TOWN };

export const RUBRIC: Rubric = [
  { id: 'tech', name: '技术先进性', weight: 40 },
  { id: 'benefit', name: '预期效益', weight: 35 },
  { id: 'capacity', name: '实施能力', weight: 25 },
];

export const APPLICATION: Application = {
  implementationPlan: '建设数字化车间，部署工业机器人与MES系统。',
  milestones: [
    { name: '设备采购', due: '2025-06-30' },
    { name: '系统上线', due: '2025-11-30' },
  ],
  budget: [
    { kind: 'equipment', amountWan: 1200 },
    { kind: 'software', amountWan: 300.5 },
    { kind: 'service', amountWan: 99.5 },
  ],
  fundRequestedWan: 600,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
  evidenceIds: ['ev-plan-1'],
};

export const MATERIALS = {
  selfEvaluationIds: ['ev-self'],
  planIds: ['ev-plan'],
  contractIds: ['ev-contract'],
  invoiceIds: ['ev-invoice'],
  paymentVoucherIds: ['ev-voucher'],
};

export const at = (iso: string) => new Date(iso);

/** Runs one step, failing the test with the domain error if the step is refused. */
export function step(project: Project, action: ProjectAction, input: unknown, who: Principal, now: Date): Project {
  return decide(project, action, input, who, now).project;
}

export function draftProject(now = at('2025-03-03T02:00:00Z')): Project {
  const input = { pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '汽车零部件数字化车间改造', category: 'central_fund', demonstrationType: 'point', application: APPLICATION };
  return createDraft(input, actor('enterprise'), now, 'proj-1', REGISTRATION).project;
}

export function scoreAll(project: Project, now: Date, experts = [1, 2, 3], scores: Record<number, number> = {}): Project {
  let current = project;
  for (const n of experts) {
    current = step(current, 'declare_conflict', { hasConflict: false }, expertActor(n), now);
    const score = scores[n] ?? 80;
    const sheet = RUBRIC.map((criterion) => ({ criterionId: criterion.id, score }));
    current = step(current, 'submit_score', { scores: sheet, comments: '方案可行' }, expertActor(n), now);
  }
  return current;
}

export interface Fixture {
  project: Project;
  /** A moment at which the project sits in this state and its deadlines are still open. */
  now: Date;
}

/** One reachable project per state, built by the real lifecycle. */
export function stateFixtures(): Record<ProjectStatus, Fixture> {
  const draft = draftProject();
  const submitted = step(draft, 'submit', {}, actor('enterprise'), at('2025-03-04T02:00:00Z'));
  const returned = step(submitted, 'return_for_revision', { comments: '请补充绩效指标' }, actor('town'), at('2025-03-05T02:00:00Z'));
  const withdrawn = step(submitted, 'withdraw', { reason: '企业决定暂缓' }, actor('enterprise'), at('2025-03-05T02:00:00Z'));
  const recommended = step(submitted, 'recommend', { recommendation: '同意推荐' }, actor('town'), at('2025-03-06T02:00:00Z'));
  const experts = [1, 2, 3].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` }));
  const review = step(recommended, 'assign_experts', { rubric: RUBRIC, experts }, actor('bureau'), at('2025-03-10T02:00:00Z'));
  const notSelected = step(review, 'decline', { reason: '不符合支持方向' }, actor('bureau'), at('2025-03-11T02:00:00Z'));
  const scored = scoreAll(review, at('2025-03-12T02:00:00Z'));
  const notice = step(scored, 'select', { approvedAmountWan: 500, noticeDays: 5 }, actor('bureau'), at('2025-03-18T02:00:00Z'));
  const pending = step(notice, 'confirm_selection', { signingWindowDays: 15 }, actor('bureau'), at('2025-03-24T02:00:00Z'));
  const signed = step(pending, 'sign_agreement', { agreementEvidenceId: 'ev-agreement' }, actor('enterprise'), at('2025-03-28T02:00:00Z'));
  const planned = step(signed, 'issue_fund_plan', { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, actor('bureau'), at('2025-04-10T02:00:00Z'));
  const funded = step(planned, 'record_tranche', { kind: 'pre_allocation', amountWan: 200 }, actor('finance'), at('2025-04-15T02:00:00Z'));
  const inProgress = step(
    funded,
    'report_progress',
    { period: '2025Q2', summary: '设备已到货', percentComplete: 40, investedWan: 800, evidenceIds: ['ev-photo'] },
    actor('enterprise'),
    at('2025-07-01T02:00:00Z'),
  );
  const terminated = step(inProgress, 'terminate', { reason: '抽查发现项目不实' }, actor('bureau'), at('2025-08-01T02:00:00Z'));
  const requested = step(inProgress, 'request_acceptance', { summary: '改造完成', materials: MATERIALS }, actor('enterprise'), at('2025-12-01T02:00:00Z'));
  const reviewed = step(requested, 'pass_formal_review', {}, actor('town'), at('2025-12-05T02:00:00Z'));
  const assessed = step(
    reviewed,
    'assess',
    { conclusion: 'pass', summary: '指标达成', reportEvidenceId: 'ev-report' },
    actor('operator'),
    at('2025-12-15T02:00:00Z'),
  );
  const accepted = step(assessed, 'accept', {}, actor('bureau'), at('2025-12-20T02:00:00Z'));
  const rectification = step(assessed, 'order_rectification', { deadline: '2026-02-28', reasons: '发票不全' }, actor('bureau'), at('2025-12-20T02:00:00Z'));
  const hourAfter = (project: Project): Fixture => ({ project, now: new Date(Date.parse(project.updatedAt) + 60 * 60 * 1000) });
  return {
    draft: hourAfter(draft),
    submitted: hourAfter(submitted),
    returned: hourAfter(returned),
    recommended: hourAfter(recommended),
    expert_review: hourAfter(review),
    public_notice: hourAfter(notice),
    agreement_pending: hourAfter(pending),
    agreement_signed: hourAfter(signed),
    in_progress: hourAfter(inProgress),
    acceptance_requested: hourAfter(requested),
    formally_reviewed: hourAfter(reviewed),
    assessed: hourAfter(assessed),
    rectification: hourAfter(rectification),
    accepted: hourAfter(accepted),
    not_selected: hourAfter(notSelected),
    terminated: hourAfter(terminated),
    withdrawn: hourAfter(withdrawn),
  };
}

/** A valid way to take each action from a fixture: its input, any earlier steps it needs, its time. */
export interface Sample {
  input: (project: Project, now: Date) => unknown;
  prepare?: (project: Project, now: Date) => Project;
  now?: (project: Project, now: Date) => Date;
}

const lastId = (list: readonly { id: string }[]) => list.at(-1)?.id ?? 'missing';

export const SAMPLES: Record<ProjectAction, Sample> = {
  save_draft: { input: () => ({ ...APPLICATION, fundRequestedWan: 550 }) },
  submit: { input: () => ({}) },
  withdraw: { input: () => ({ reason: '企业决定放弃' }) },
  recommend: { input: () => ({ recommendation: '同意推荐', comments: '材料齐全' }) },
  return_for_revision: { input: () => ({ comments: '预算需细化' }) },
  assign_experts: { input: () => ({ rubric: RUBRIC, experts: [1, 2, 3].map((n) => ({ subject: `expert-${n}`, name: `专家${n}` })) }) },
  add_experts: { input: () => ({ experts: [{ subject: 'expert-9', name: '专家9' }] }) },
  declare_conflict: { input: () => ({ hasConflict: false }) },
  submit_score: {
    prepare: (project, now) => step(project, 'declare_conflict', { hasConflict: false }, actor('expert'), now),
    input: () => ({ scores: RUBRIC.map((criterion) => ({ criterionId: criterion.id, score: 70 })), comments: '可行' }),
  },
  select: { prepare: (project, now) => scoreAll(project, now), input: () => ({ approvedAmountWan: 450, noticeDays: 7 }) },
  decline: { input: () => ({ reason: '资金有限' }) },
  record_objection: { input: () => ({ text: '对申报投资额有疑问' }) },
  answer_objection: {
    prepare: (project, now) => step(project, 'record_objection', { text: '异议' }, actor('operator'), now),
    input: (project) => ({ objectionId: lastId(project.publicNotice?.objections ?? []), answer: '经核实，投资额属实' }),
  },
  confirm_selection: {
    input: () => ({ signingWindowDays: 10 }),
    now: (project) => at(`${addDays(project.publicNotice?.end ?? '2025-01-01', 1)}T02:00:00Z`),
  },
  sign_agreement: { input: () => ({ agreementEvidenceId: 'ev-agreement-2' }) },
  issue_fund_plan: { input: () => ({ meetingRef: '党组会〔2025〕6号', preAllocationWan: 250 }) },
  report_progress: { input: () => ({ period: '2025Q4', summary: '系统调试中', percentComplete: 80, investedWan: 1400 }) },
  record_tranche: {
    input: (project) => ({ kind: project.status === 'accepted' ? 'remainder' : 'pre_allocation', amountWan: 50 }),
  },
  order_funds: {
    prepare: (project, now) => (project.tranches.length > 0 ? project : step(project, 'record_tranche', SAMPLES.record_tranche.input(project, now), actor('finance'), now)),
    input: () => ({ measure: 'recovery', source: 'central', amountWan: 20, reason: 'untrue_material', documentRef: '工信发〔2026〕3号' }),
  },
  record_repayment: {
    prepare: (project, now) => step(SAMPLES.order_funds.prepare!(project, now), 'order_funds', SAMPLES.order_funds.input(project, now), actor('bureau'), now),
    input: (project) => ({ orderId: lastId(project.fundOrders ?? []), amountWan: 20 }),
  },
  record_spot_check: {
    input: (_project, now) => ({ checkedOn: beijingDate(now), inspectors: ['专家甲'], outcome: 'conforming', findings: '与申报一致' }),
  },
  issue_warning: { input: () => ({ category: 'late', reason: '进度滞后' }) },
  clear_warning: {
    prepare: (project, now) => step(project, 'issue_warning', { category: 'late', reason: '进度滞后' }, actor('bureau'), now),
    input: (project) => ({ warningId: lastId(project.warnings), note: '已整改到位' }),
  },
  request_change: { input: () => ({ reason: '设备延期到货', details: { kind: 'schedule', milestones: [{ name: '系统上线', due: '2026-03-31' }] } }) },
  approve_change: {
    prepare: (project, now) => step(project, 'request_change', SAMPLES.request_change.input(project, now), actor('enterprise'), now),
    input: (project) => ({ changeRequestId: lastId(project.changeRequests), comments: '同意' }),
  },
  reject_change: {
    prepare: (project, now) => step(project, 'request_change', SAMPLES.request_change.input(project, now), actor('enterprise'), now),
    input: (project) => ({ changeRequestId: lastId(project.changeRequests), comments: '理由不充分' }),
  },
  approve_termination: {
    prepare: (project, now) =>
      step(project, 'request_change', { reason: '企业经营困难', details: { kind: 'termination' } }, actor('enterprise'), now),
    input: (project) => ({ changeRequestId: lastId(project.changeRequests), comments: '同意终止' }),
  },
  terminate: { input: () => ({ reason: '项目不实' }) },
  request_acceptance: { input: () => ({ summary: '改造完成', materials: MATERIALS }) },
  pass_formal_review: { input: () => ({ comments: '材料齐全' }) },
  return_formal_review: { input: () => ({ comments: '发票不清晰' }) },
  assess: { input: () => ({ conclusion: 'pass', summary: '达到预期', reportEvidenceId: 'ev-report-2' }) },
  accept: { input: () => ({}) },
  order_rectification: { input: (_project, now) => ({ deadline: addDays(beijingDate(now), 30), reasons: '付款凭证缺失' }) },
};

/** Asserts that `run` throws a DomainError with this code, and returns it for closer checks. */
export function expectDomainError(run: () => unknown, code: ErrorCode): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code, domainError.message).toBe(code);
    return domainError;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
