import type { ActionSpec } from './machine';
import { OrderFundsInput, RecordRepaymentInput } from '../funds/model';
import { Application, type ProjectStatus } from './model';
import {
  AddExpertsInput,
  AnswerObjectionInput,
  AssessInput,
  AssignExpertsInput,
  ClearWarningInput,
  Comments,
  ConfirmSelectionInput,
  DeclareConflictInput,
  DecideChangeInput,
  IssueFundPlanInput,
  IssueWarningInput,
  NoInput,
  OptionalComments,
  OrderRectificationInput,
  Reason,
  RecommendInput,
  RecordObjectionInput,
  RecordSpotCheckInput,
  RecordTrancheInput,
  ReportProgressInput,
  RequestAcceptanceInput,
  RequestChangeInput,
  SelectInput,
  SignAgreementInput,
  SubmitScoreInput,
} from './inputs';

/**
 * The central-fund key project's lifecycle as data (滨海 §三(五)1–10; 武清 §二(一)2). Each project is
 * accepted as soon as it is ready — 武清 §二(一)2 「成熟一个，验收一个」 — so nothing here waits for a
 * batch. Step 1 (the bureau publishes the 申报指南) happens before a project exists: `guideId`.
 */

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '草稿',
  submitted: '已提交（待街镇初审）',
  returned: '已退回修改',
  recommended: '街镇已推荐',
  expert_review: '专家评审中',
  public_notice: '公示中',
  agreement_pending: '待签署任务书',
  agreement_signed: '已签署任务书',
  in_progress: '实施中',
  acceptance_requested: '已申请验收（待形式审查）',
  formally_reviewed: '形式审查通过（待验收测评）',
  assessed: '已测评（待审定）',
  rectification: '限期整改中',
  accepted: '已通过验收',
  not_selected: '未入选',
  terminated: '已终止',
  withdrawn: '已撤回',
};

/** No further change of state; `accepted` still takes the remaining tranche (滨海 §三(五)10). */
export const TERMINAL_STATUSES = ['accepted', 'not_selected', 'terminated', 'withdrawn'] as const satisfies readonly ProjectStatus[];

/** While the project is being delivered: progress, funds, checks, warnings. */
const DELIVERY = ['in_progress', 'acceptance_requested', 'formally_reviewed', 'assessed', 'rectification'] as const;

/** Fewest experts who must score before the bureau may select (a panel, not one opinion). */
export const MIN_SCORING_EXPERTS = 3;

export const PROJECT_ACTIONS = {
  // 滨海 §三(五)2: 项目实施单位填报项目实施方案及计划、经费使用计划、绩效指标表等，上传项目材料
  save_draft: { label: '保存申报草稿', from: ['draft', 'returned'], roles: ['enterprise'], input: Application },
  submit: { label: '提交申报', from: ['draft', 'returned'], roles: ['enterprise'], input: NoInput, to: 'submitted' },
  withdraw: {
    label: '撤回申报',
    from: ['draft', 'submitted', 'returned', 'recommended', 'expert_review'],
    roles: ['enterprise'],
    input: Reason,
    to: 'withdrawn',
  },
  // 滨海 §三(五)3: 各开发区、各街镇对本区域企业的项目申报材料进行初审，提出推荐意见
  recommend: { label: '初审推荐', from: ['submitted'], roles: ['town'], input: RecommendInput, to: 'recommended' },
  return_for_revision: { label: '初审退回修改', from: ['submitted'], roles: ['town'], input: Comments, to: 'returned' },
  // 滨海 §三(五)4: 区工业和信息化局牵头，综合管理服务商配合支撑，对项目进行评审
  assign_experts: { label: '组织专家评审', from: ['recommended'], roles: ['bureau'], input: AssignExpertsInput, to: 'expert_review' },
  add_experts: { label: '增补评审专家', from: ['expert_review'], roles: ['bureau'], input: AddExpertsInput },
  declare_conflict: { label: '专家利益冲突声明', from: ['expert_review'], roles: ['expert'], input: DeclareConflictInput },
  submit_score: { label: '专家独立评分', from: ['expert_review'], roles: ['expert'], input: SubmitScoreInput },
  // 滨海 §三(五)4: 择优确定专项资金支持的项目和金额
  select: { label: '拟支持并公示', from: ['expert_review'], roles: ['bureau'], input: SelectInput, to: 'public_notice' },
  decline: { label: '不予支持', from: ['expert_review', 'public_notice'], roles: ['bureau'], input: Reason, to: 'not_selected' },
  record_objection: { label: '登记公示异议', from: ['public_notice'], roles: ['bureau', 'operator'], input: RecordObjectionInput },
  answer_objection: { label: '答复公示异议', from: ['public_notice'], roles: ['bureau'], input: AnswerObjectionInput },
  confirm_selection: {
    label: '公示期满确认支持',
    from: ['public_notice'],
    roles: ['bureau'],
    input: ConfirmSelectionInput,
    to: 'agreement_pending',
  },
  // 滨海 §三(五)5: 在规定的时间内与区工业和信息化局签署项目任务书
  sign_agreement: { label: '签署项目任务书', from: ['agreement_pending'], roles: ['enterprise'], input: SignAgreementInput, to: 'agreement_signed' },
  // 滨海 §三(五)6: 经区工业和信息化局党组会审议后，下达项目资金计划
  issue_fund_plan: { label: '下达资金计划', from: ['agreement_signed'], roles: ['bureau'], input: IssueFundPlanInput, to: 'in_progress' },
  // 滨海 §三(五)7: 及时上传项目现场图片、发票等佐证材料，并反馈项目建设进度
  report_progress: { label: '报送建设进度', from: ['in_progress', 'rectification'], roles: ['enterprise'], input: ReportProgressInput },
  // 滨海 §三(二)3: 区财政局办理资金拨付; §三(五)10: 验收通过后拨付剩余资金
  record_tranche: { label: '登记资金拨付', from: [...DELIVERY, 'accepted'], roles: ['finance'], input: RecordTrancheInput },
  // 003 §三(三) 扣减或收回奖补资金; 滨海 §三(五)8–10: a terminated, failed or untrue project's funds (issue 13)
  order_funds: { label: '收回或扣减资金', from: [...DELIVERY, 'accepted', 'terminated'], roles: ['bureau'], input: OrderFundsInput },
  record_repayment: { label: '登记资金缴回', from: [...DELIVERY, 'accepted', 'terminated'], roles: ['finance'], input: RecordRepaymentInput },
  // 滨海 §三(五)8: 不定期组织专家现场抽查核验
  record_spot_check: { label: '登记现场抽查', from: ['in_progress', 'rectification'], roles: ['bureau', 'operator'], input: RecordSpotCheckInput },
  // 滨海 §三(五)8: 对项目不实、实施进度滞后、成效不佳的改造项目提出警示
  issue_warning: { label: '发出警示', from: ['agreement_signed', ...DELIVERY], roles: ['bureau'], input: IssueWarningInput },
  clear_warning: { label: '解除警示', from: ['agreement_signed', ...DELIVERY], roles: ['bureau'], input: ClearWarningInput },
  // 108号 §二(四): 避免项目频繁调整 — every change is requested and decided, one at a time
  request_change: { label: '申请项目变更', from: ['in_progress'], roles: ['enterprise'], input: RequestChangeInput },
  approve_change: { label: '批准项目变更', from: ['in_progress'], roles: ['bureau'], input: DecideChangeInput },
  reject_change: { label: '不予变更', from: ['in_progress'], roles: ['bureau'], input: DecideChangeInput },
  approve_termination: { label: '批准终止项目', from: ['in_progress'], roles: ['bureau'], input: DecideChangeInput, to: 'terminated' },
  // 滨海 §三(五)8: 根据问题严重情况，动态调整技术改造重点项目清单
  terminate: {
    label: '调出重点项目清单（终止）',
    from: ['agreement_pending', 'agreement_signed', 'in_progress', 'rectification'],
    roles: ['bureau'],
    input: Reason,
    to: 'terminated',
  },
  // 滨海 §三(五)9: 提交验收材料，发起验收申请
  request_acceptance: {
    label: '申请验收',
    from: ['in_progress', 'rectification'],
    roles: ['enterprise'],
    input: RequestAcceptanceInput,
    to: 'acceptance_requested',
  },
  // 滨海 §三(五)9: 各开发区、各街镇负责申请材料的形式审查，核查是否完整、真实有效
  pass_formal_review: {
    label: '形式审查通过',
    from: ['acceptance_requested'],
    roles: ['town'],
    input: OptionalComments,
    to: 'formally_reviewed',
  },
  return_formal_review: { label: '形式审查退回', from: ['acceptance_requested'], roles: ['town'], input: Comments, to: 'in_progress' },
  // 滨海 §三(五)9: 综合管理服务商组织开展项目验收工作，测评企业技术改造成效
  assess: { label: '验收测评', from: ['formally_reviewed'], roles: ['operator'], input: AssessInput, to: 'assessed' },
  // 滨海 §三(五)9–10: 区工业和信息化局根据项目验收报告，审定项目是否通过验收
  accept: { label: '审定通过验收', from: ['assessed'], roles: ['bureau'], input: OptionalComments, to: 'accepted' },
  order_rectification: {
    label: '验收不通过，限期整改',
    from: ['assessed'],
    roles: ['bureau'],
    input: OrderRectificationInput,
    to: 'rectification',
  },
} as const satisfies Record<string, ActionSpec<ProjectStatus>>;

export type ProjectActions = typeof PROJECT_ACTIONS;
export type ProjectAction = keyof ProjectActions;

export const PROJECT_ACTION_NAMES = Object.keys(PROJECT_ACTIONS) as ProjectAction[];

export function isProjectAction(name: string): name is ProjectAction {
  return Object.hasOwn(PROJECT_ACTIONS, name);
}
