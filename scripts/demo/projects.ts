import { DEMO_EXPERTS } from './experts';
import type { Principal } from '../../shared/roles';
import type { Project } from '../../shared/projects/model';
import { DEMO_ENTERPRISES } from './enterprises';
import { attachDemoEvidence, type DemoAttachment } from './evidence';

/**
 * Demo projects in every lifecycle stage: one script of the ten steps (滨海 §三(五)), and each demo
 * project stops at a different step. Every step goes through the real `decide`, so each demo state
 * is one the platform can reach.
 */
const PILOT = 'wuqing-tech';
const official = (subject: string, roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({ subject, name: subject, roles, pilot: PILOT, ...extra });
const BUREAU = official('gongxinju', ['bureau']);
const FINANCE = official('caizhengju', ['finance']);
const OPERATOR = official('yunying', ['operator']);
const EXPERTS = ['zhuanjia1', 'zhuanjia2', 'zhuanjia3'].map((subject) => official(subject, ['expert']));
const RUBRIC = [
  { id: 'tech', name: '技术先进性', weight: 40 },
  { id: 'benefit', name: '预期效益', weight: 35 },
  { id: 'capacity', name: '实施能力', weight: 25 },
];

/** Evidence ids by slot: a step's `attach` uploads real files (scripts/demo/evidence.ts) before it runs. */
type Slots = Record<string, string>;
type Step = {
  action: string;
  who: 'enterprise' | 'town' | Principal | Principal[];
  input: unknown | ((expert: number, evidence: Slots) => unknown);
  at: string;
  attach?: Record<string, DemoAttachment>;
};
const FUNDING = [
  { source: 'central', supportMethod: 'investment_subsidy', amountWan: 250 },
  { source: 'local', amountWan: 250 },
] as const;
/** A tranche step taken twice (one finance actor per source): the central half first, then the local. */
const bySource = (kind: 'pre_allocation' | 'remainder', amountWan: number) => (n: number, e: Slots) => ({
  kind,
  amountWan,
  source: n === 0 ? 'central' : 'local',
  voucherEvidenceIds: [slot(e, 'tranche')],
});
const slot = (evidence: Slots, name: string): string => {
  const id = evidence[name];
  if (id === undefined) throw new Error(`no demo evidence in slot ${name}`);
  return id;
};

const STEPS: Step[] = [
  { action: 'submit', who: 'enterprise', input: {}, at: '2025-03-04T02:00:00Z' },
  { action: 'recommend', who: 'town', input: { recommendation: '项目符合申报条件，同意推荐' }, at: '2025-03-06T02:00:00Z' },
  { action: 'assign_experts', who: BUREAU, input: { rubric: RUBRIC, experts: EXPERTS.map(({ subject }) => ({ subject, name: DEMO_EXPERTS.find((expert) => expert.account === subject)?.name ?? subject })) }, at: '2025-03-10T02:00:00Z' },
  { action: 'declare_conflict', who: EXPERTS, input: { hasConflict: false }, at: '2025-03-12T02:00:00Z' },
  { action: 'submit_score', who: EXPERTS, input: (n: number) => ({ scores: RUBRIC.map((c) => ({ criterionId: c.id, score: 78 + n * 3 })), comments: '方案可行，效益明确' }), at: '2025-03-12T03:00:00Z' },
  // 003 §二(五): the approval by source — central award funds as 投资补助, matched 1:1 by local funds (002 §五(二))
  { action: 'select', who: BUREAU, input: { approvedAmountWan: 500, noticeDays: 5, funding: FUNDING }, at: '2025-03-18T02:00:00Z' },
  { action: 'confirm_selection', who: BUREAU, input: { signingWindowDays: 15 }, at: '2025-03-24T02:00:00Z' },
  { action: 'sign_agreement', who: 'enterprise', input: (_n: number, e: Slots) => ({ agreementEvidenceId: slot(e, 'agreement') }), at: '2025-03-28T02:00:00Z', attach: { agreement: { category: 'agreement', label: '项目任务书（签章版）' } } },
  { action: 'issue_fund_plan', who: BUREAU, input: { meetingRef: '党组会〔2025〕5号', preAllocationWan: 300 }, at: '2025-04-10T02:00:00Z' },
  // The finance bureau pays each source apart (003 §二(五) 单独核算): one tranche per source, the same voucher.
  { action: 'record_tranche', who: [FINANCE, FINANCE], input: bySource('pre_allocation', 150), at: '2025-04-15T02:00:00Z', attach: { tranche: { category: 'fund_voucher', label: '预拨资金拨款凭证' } } },
  {
    action: 'report_progress', who: 'enterprise', at: '2025-07-01T02:00:00Z',
    input: (_n: number, e: Slots) => ({ period: '2025Q2', summary: '设备已到货并完成安装调试', percentComplete: 60, investedWan: 900, evidenceIds: [slot(e, 'photo')] }),
    attach: { photo: { category: 'site_photo', label: '设备安装调试现场' } },
  },
  {
    action: 'request_acceptance', who: 'enterprise', at: '2025-12-01T02:00:00Z',
    input: (_n: number, e: Slots) => ({
      summary: '改造全部完成，指标达成',
      materials: { selfEvaluationIds: [slot(e, 'self')], planIds: [slot(e, 'plan')], contractIds: [slot(e, 'contract')], invoiceIds: [slot(e, 'invoice')], paymentVoucherIds: [slot(e, 'voucher')] },
    }),
    attach: {
      self: { category: 'self_evaluation', label: '项目成效自评总结' },
      contract: { category: 'contract', label: '设备采购合同' },
      invoice: { category: 'invoice', label: '设备采购发票' },
      voucher: { category: 'payment_voucher', label: '银行付款回单' },
    },
  },
  { action: 'pass_formal_review', who: 'town', input: {}, at: '2025-12-05T02:00:00Z' },
  { action: 'assess', who: OPERATOR, input: (_n: number, e: Slots) => ({ conclusion: 'pass', summary: '绩效指标全部达成', reportEvidenceId: slot(e, 'report') }), at: '2025-12-15T02:00:00Z', attach: { report: { category: 'acceptance_report', label: '项目验收报告' } } },
  { action: 'accept', who: BUREAU, input: {}, at: '2025-12-20T02:00:00Z' },
  { action: 'record_tranche', who: [FINANCE, FINANCE], input: bySource('remainder', 100), at: '2025-12-28T02:00:00Z', attach: { tranche: { category: 'fund_voucher', label: '剩余资金拨款凭证' } } },
];

/**
 * 收回 (003 §三(三); 滨海 §三(五)8 项目不实): a spot check found part of one project's declared
 * investment untrue, so the bureau orders back 50 万元 of its local funds and the enterprise repays
 * 30 of them — the ledger shows the order, the repayment, the 20 still owed, and the pilot's
 * matching ratio falling below 1:1 on the net approvals.
 */
const RECOVERY: Step[] = [
  {
    action: 'order_funds', who: BUREAU, at: '2025-09-01T02:00:00Z',
    input: (_n: number, e: Slots) => ({ measure: 'recovery', source: 'local', amountWan: 50, reason: 'untrue_material', documentRef: '武工信〔2025〕31号', documentEvidenceIds: [slot(e, 'decision')] }),
    attach: { decision: { category: 'fund_decision', label: '收回部分地方财政资金的决定' } },
  },
  {
    action: 'record_repayment', who: FINANCE, at: '2025-09-20T02:00:00Z',
    input: (_n: number, e: Slots) => ({ orderId: 'F1', amountWan: 30, reference: '缴款书 2025-0920', voucherEvidenceIds: [slot(e, 'repayment')] }),
    attach: { repayment: { category: 'fund_voucher', label: '资金缴回凭证' } },
  },
];

/** Demo projects: title, enterprise and how many steps of the script each has taken. */
export const DEMO_PROJECTS = [
  { id: 'DEMO-001', enterprise: 0, title: '精密零部件数字化车间改造', steps: STEPS.length },
  { id: 'DEMO-002', enterprise: 1, title: '智能装备柔性产线与MES升级', steps: 11, after: RECOVERY },
  { id: 'DEMO-003', enterprise: 2, title: '新材料生产线“哑设备”联网改造', steps: 9 },
  { id: 'DEMO-004', enterprise: 0, title: '仓储物流智能化改造', steps: 6 },
  { id: 'DEMO-005', enterprise: 1, title: '工业互联网平台供应链协同（线）', steps: 3 },
  { id: 'DEMO-006', enterprise: 2, title: '绿色工厂能耗在线监测', steps: 1 },
  { id: 'DEMO-007', enterprise: 0, title: '质量追溯系统建设', steps: 0 },
] as const;

export interface DemoStepper {
  create(input: unknown, actor: Principal, at: Date, id: string): Promise<Project>;
  act(project: Project, action: string, input: unknown, actor: Principal, at: Date): Promise<Project>;
  /** uploads one file and returns its evidence id; by default through the real evidence store */
  attach?(project: Project, actor: Principal, attachment: DemoAttachment, at: Date): Promise<string>;
}

/** Walks one demo project through its steps with the given persistence. */
export async function walkDemoProject(demo: (typeof DEMO_PROJECTS)[number], stepper: DemoStepper): Promise<Project> {
  const enterprise = DEMO_ENTERPRISES[demo.enterprise];
  if (!enterprise) throw new Error(`no demo enterprise ${demo.enterprise}`);
  const owner: Principal = { subject: `demo-${enterprise.uscc}`, name: enterprise.name, roles: ['enterprise'], uscc: enterprise.uscc };
  const town: Principal = official(`town-${enterprise.town}`, ['town'], { town: enterprise.town });
  const application = {
    implementationPlan: `${demo.title}：购置智能装备，部署工业软件，实现关键工序数控化与数据采集。`,
    milestones: [{ name: '设备到货安装', due: '2025-08-31' }, { name: '系统上线验收', due: '2025-11-30' }],
    budget: [{ kind: 'equipment', amountWan: 1200 }, { kind: 'software', amountWan: 300 }, { kind: 'service', amountWan: 100 }],
    fundRequestedWan: 600,
    indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
    evidenceIds: [] as string[],
  };
  let project = await stepper.create(
    { pilotId: PILOT, guideId: 'guide-2025', town: enterprise.town, title: demo.title, category: 'central_fund', demonstrationType: demo.id === 'DEMO-005' ? 'line' : 'point', application },
    owner,
    new Date('2025-03-03T02:00:00Z'),
    demo.id,
  );
  // Evidence exists only once its project does: the plan is uploaded into the draft, then named by it.
  const attach = stepper.attach ?? attachDemoEvidence;
  // One invoice number per demo project, so the demo raises no duplicate-invoice flags.
  const invoiceNumber = `2512${demo.id.replace(/\D/g, '').padStart(16, '0')}`;
  const evidence: Slots = { plan: await attach(project, owner, { category: 'plan', label: `${demo.title}实施方案` }, new Date('2025-03-03T03:00:00Z')) };
  project = await stepper.act(project, 'save_draft', { ...application, evidenceIds: [slot(evidence, 'plan')] }, owner, new Date('2025-03-03T03:00:00Z'));
  const after: readonly Step[] = 'after' in demo ? demo.after : [];
  for (const step of [...STEPS.slice(0, demo.steps), ...after]) {
    const actors = step.who === 'enterprise' ? [owner] : step.who === 'town' ? [town] : Array.isArray(step.who) ? step.who : [step.who];
    for (const [name, attachment] of Object.entries(step.attach ?? {})) {
      const file = attachment.category === 'invoice' ? { ...attachment, invoiceNumber } : attachment;
      evidence[name] = await attach(project, actors[0] ?? owner, file, new Date(step.at));
    }
    for (const [n, who] of actors.entries()) {
      const input = typeof step.input === 'function' ? step.input(n, evidence) : step.input;
      project = await stepper.act(project, step.action, input, who, new Date(step.at));
    }
  }
  return project;
}
