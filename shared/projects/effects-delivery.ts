import { DomainError, type FieldIssue } from '../errors';
import { formatWan, openChangeRequest, openWarnings, replaceById, type ProjectEffectsFor } from './effects-common';
import { nextId, preconditionFailed, unknownReference } from './machine';
import type { AcceptanceMaterials, AcceptanceRound, Application, BudgetMove, ChangeRequest, Project } from './model';
import { beijingDate, sumWan, toCents } from './values';

/** Effects while the project is delivered and accepted (滨海 §三(五)7–10). */

/** 滨海 §三(五)9: 自评总结材料、方案、合同、发票和银行付款凭证 — each must be there. */
export const REQUIRED_MATERIALS: readonly { key: keyof AcceptanceMaterials; label: string }[] = [
  { key: 'selfEvaluationIds', label: '项目成效自评总结材料' },
  { key: 'planIds', label: '方案' },
  { key: 'contractIds', label: '合同' },
  { key: 'invoiceIds', label: '发票' },
  { key: 'paymentVoucherIds', label: '银行付款凭证' },
];

function applyBudgetMoves(application: Application, moves: readonly BudgetMove[]): Application {
  const cents = new Map(application.budget.map((item) => [item.kind, toCents(item.amountWan)]));
  for (const move of moves) {
    const available = cents.get(move.from) ?? 0;
    if (toCents(move.amountWan) > available) {
      preconditionFailed('调出科目预算不足', 'budget_move_exceeds_line', { from: move.from, availableWan: available / 100 });
    }
    cents.set(move.from, available - toCents(move.amountWan));
    cents.set(move.to, (cents.get(move.to) ?? 0) + toCents(move.amountWan));
  }
  const budget = [...cents.entries()].map(([kind, amount]) => ({ kind, amountWan: amount / 100 }));
  return { ...application, budget };
}

function applyChange(application: Application, request: ChangeRequest): Application {
  const details = request.details;
  switch (details.kind) {
    case 'schedule':
      return { ...application, milestones: details.milestones };
    case 'scope':
      return { ...application, implementationPlan: details.implementationPlan, indicators: details.indicators ?? application.indicators };
    case 'budget':
      return applyBudgetMoves(application, details.moves);
    case 'termination':
      return application;
  }
}

function findChangeRequest(project: Project, id: string): ChangeRequest {
  const request = project.changeRequests.find((candidate) => candidate.id === id);
  if (request === undefined) return unknownReference('changeRequestId', '未找到该变更申请');
  if (request.decision !== undefined) preconditionFailed('该变更申请已处理', 'already_decided');
  return request;
}

function decideChange(project: Project, request: ChangeRequest, outcome: 'approved' | 'rejected', comments: string, by: string, at: string): ChangeRequest[] {
  return replaceById(project.changeRequests, request.id, (item) => ({ ...item, decision: { outcome, comments, decidedAt: at, by } }));
}

function currentRound(project: Project): AcceptanceRound {
  const round = project.acceptanceRounds.at(-1);
  // Every acceptance state is entered by request_acceptance, which opens a round.
  if (round === undefined) throw new DomainError('PRECONDITION_FAILED', { details: { reason: 'no_acceptance_round' } });
  return round;
}

function withRound(project: Project, change: (round: AcceptanceRound) => AcceptanceRound): Project {
  const round = currentRound(project);
  return { ...project, acceptanceRounds: replaceById(project.acceptanceRounds, round.id, change) };
}

const CHANGE_KIND_LABELS = { schedule: '进度调整', scope: '内容调整', budget: '预算调剂', termination: '终止项目' } as const;

type DeliveryAction =
  | 'report_progress'
  | 'record_spot_check'
  | 'issue_warning'
  | 'clear_warning'
  | 'request_change'
  | 'approve_change'
  | 'reject_change'
  | 'approve_termination'
  | 'terminate'
  | 'request_acceptance'
  | 'pass_formal_review'
  | 'return_formal_review'
  | 'assess'
  | 'accept'
  | 'order_rectification';

export const deliveryEffects: ProjectEffectsFor<DeliveryAction> = {
  report_progress: ({ current, input, actor, at }) => {
    const report = { id: nextId('P', current.progressReports), ...input, reportedAt: at, by: actor.subject };
    return {
      next: { ...current, progressReports: [...current.progressReports, report] },
      summary: `报送 ${input.period} 建设进度（完成 ${input.percentComplete}%）`,
      data: { reportId: report.id },
    };
  },

  record_spot_check: ({ current, input, actor, now, at }) => {
    if (input.checkedOn > beijingDate(now)) preconditionFailed('抽查日期不能晚于今天', 'spot_check_in_future');
    const check = { id: nextId('S', current.spotChecks), ...input, recordedAt: at, by: actor.subject };
    return {
      next: { ...current, spotChecks: [...current.spotChecks, check] },
      summary: input.outcome === 'conforming' ? '现场抽查：未发现问题' : '现场抽查：发现问题',
      data: { spotCheckId: check.id },
    };
  },

  issue_warning: ({ current, input, actor, at }) => {
    const warning = { id: nextId('W', current.warnings), ...input, issuedAt: at, issuedBy: actor.subject };
    return {
      next: { ...current, warnings: [...current.warnings, warning] },
      summary: `发出警示：${input.reason}`,
      data: { warningId: warning.id, category: input.category },
    };
  },

  clear_warning: ({ current, input, actor, at }) => {
    const warning = current.warnings.find((candidate) => candidate.id === input.warningId);
    if (warning === undefined) return unknownReference('warningId', '未找到该警示');
    if (warning.clearedAt !== undefined) preconditionFailed('该警示已解除', 'already_cleared');
    const warnings = replaceById(current.warnings, warning.id, (item) => ({ ...item, clearedAt: at, clearNote: input.note, clearedBy: actor.subject }));
    return { next: { ...current, warnings }, summary: `解除警示：${input.note}`, data: { warningId: warning.id } };
  },

  request_change: ({ current, input, actor, at }) => {
    const open = openChangeRequest(current);
    if (open !== undefined) preconditionFailed('已有待处理的变更申请', 'change_request_open', { changeRequestId: open.id });
    // A budget move that cannot be applied now is refused at once rather than at approval.
    if (input.details.kind === 'budget') applyBudgetMoves(current.application, input.details.moves);
    const request = { id: nextId('C', current.changeRequests), ...input, requestedAt: at, requestedBy: actor.subject };
    return {
      next: { ...current, changeRequests: [...current.changeRequests, request] },
      summary: `申请项目变更（${CHANGE_KIND_LABELS[input.details.kind]}）：${input.reason}`,
      data: { changeRequestId: request.id, kind: input.details.kind },
    };
  },

  approve_change: ({ current, input, actor, at }) => {
    const request = findChangeRequest(current, input.changeRequestId);
    if (request.details.kind === 'termination') preconditionFailed('终止申请须以“批准终止项目”办理', 'use_approve_termination');
    const application = applyChange(current.application, request);
    return {
      next: {
        ...current,
        application,
        applicationVersion: current.applicationVersion + 1,
        changeRequests: decideChange(current, request, 'approved', input.comments, actor.subject, at),
      },
      summary: `批准项目变更（${CHANGE_KIND_LABELS[request.details.kind]}）`,
      data: { changeRequestId: request.id, applicationVersion: current.applicationVersion + 1 },
    };
  },

  reject_change: ({ current, input, actor, at }) => {
    const request = findChangeRequest(current, input.changeRequestId);
    return {
      next: { ...current, changeRequests: decideChange(current, request, 'rejected', input.comments, actor.subject, at) },
      summary: `不予变更：${input.comments}`,
      data: { changeRequestId: request.id },
    };
  },

  approve_termination: ({ current, input, actor, at }) => {
    const request = findChangeRequest(current, input.changeRequestId);
    if (request.details.kind !== 'termination') preconditionFailed('该申请不是终止申请', 'not_a_termination');
    return {
      next: {
        ...current,
        changeRequests: decideChange(current, request, 'approved', input.comments, actor.subject, at),
        closure: { reason: request.reason, at, by: actor.subject },
      },
      summary: `批准终止项目：${request.reason}`,
      data: { changeRequestId: request.id },
    };
  },

  terminate: ({ current, input, actor, at }) => ({
    next: { ...current, closure: { reason: input.reason, at, by: actor.subject } },
    summary: `终止项目：${input.reason}`,
  }),

  // 滨海 §三(五)9: 完成改造后提交验收材料，发起验收申请 — 武清 §二(一)2: 成熟一个，验收一个
  request_acceptance: ({ current, input, actor, at }) => {
    const open = openChangeRequest(current);
    if (open !== undefined) preconditionFailed('变更申请处理完毕后方可申请验收', 'change_request_open', { changeRequestId: open.id });
    const issues: FieldIssue[] = REQUIRED_MATERIALS.flatMap(({ key, label }) =>
      input.materials[key].length === 0 ? [{ path: `materials.${key}`, message: `缺少${label}` }] : [],
    );
    if (issues.length > 0) {
      throw new DomainError('PRECONDITION_FAILED', {
        message: '验收材料不完整',
        issues,
        details: { reason: 'materials_missing', missing: issues.map((issue) => issue.path.slice('materials.'.length)) },
      });
    }
    const round = { id: nextId('A', current.acceptanceRounds), ...input, requestedAt: at, requestedBy: actor.subject };
    return {
      next: { ...current, acceptanceRounds: [...current.acceptanceRounds, round] },
      summary: `申请验收（第 ${current.acceptanceRounds.length + 1} 次）`,
      data: { roundId: round.id },
    };
  },

  pass_formal_review: ({ current, input, actor, at }) => ({
    next: withRound(current, (round) => ({ ...round, formalReview: { outcome: 'passed', comments: input.comments, reviewedAt: at, by: actor.subject } })),
    summary: '验收材料形式审查通过',
  }),

  return_formal_review: ({ current, input, actor, at }) => ({
    next: withRound(current, (round) => ({ ...round, formalReview: { outcome: 'returned', comments: input.comments, reviewedAt: at, by: actor.subject } })),
    summary: `验收材料形式审查退回：${input.comments}`,
  }),

  assess: ({ current, input, actor, at }) => ({
    next: withRound(current, (round) => ({ ...round, assessment: { ...input, assessedAt: at, by: actor.subject } })),
    summary: input.conclusion === 'pass' ? '验收测评：建议通过' : '验收测评：建议不通过',
    data: { conclusion: input.conclusion },
  }),

  accept: ({ current, input, actor, at }) => {
    if (currentRound(current).assessment?.conclusion !== 'pass') {
      preconditionFailed('验收测评结论为不通过，不能审定通过', 'assessment_not_passed');
    }
    return {
      next: withRound(current, (round) => ({ ...round, decision: { outcome: 'accepted', comments: input.comments, decidedAt: at, by: actor.subject } })),
      summary: '审定通过验收',
    };
  },

  // 滨海 §三(五)10: 验收不通过的，通知项目实施主体限期整改
  order_rectification: ({ current, input, actor, now, at }) => {
    if (input.deadline <= beijingDate(now)) preconditionFailed('整改期限须晚于今天', 'deadline_not_in_future');
    const round = currentRound(current);
    const rectification = { id: nextId('R', current.rectifications), roundId: round.id, reasons: input.reasons, orderedAt: at, deadline: input.deadline, by: actor.subject };
    const decided = withRound(current, (item) => ({ ...item, decision: { outcome: 'rectification', comments: input.reasons, decidedAt: at, by: actor.subject } }));
    return {
      next: { ...decided, rectifications: [...current.rectifications, rectification] },
      summary: `验收不通过，限期于 ${input.deadline} 前整改`,
      data: { rectificationId: rectification.id, deadline: input.deadline },
    };
  },
};
