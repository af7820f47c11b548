import { DomainError } from '../errors';
import { fundingSummary } from '../funds/model';
import { approvedFunding, defaultLine } from '../funds/project';
import { formatWan, replaceById, type ProjectEffectsFor } from './effects-common';
import { MIN_SCORING_EXPERTS } from './lifecycle';
import { nextId, preconditionFailed, unknownReference } from './machine';
import { applicationIssues, type ExpertAssignment, type Project } from './model';
import { activeAssignments, projectPanelResult, scoreSheetProblems, weightedTotal } from './scoring';
import { addDays, beijingDate, toCents } from './values';

/** Effects from the draft to the issued fund plan (滨海 §三(五)2–6). */

function ownAssignment(project: Project, subject: string): ExpertAssignment {
  const assignment = project.experts?.assignments.find((candidate) => candidate.subject === subject);
  // Scope already required an active assignment; this only satisfies the type checker.
  if (assignment === undefined) throw new DomainError('NOT_FOUND');
  return assignment;
}

function withAssignment(project: Project, subject: string, change: (assignment: ExpertAssignment) => ExpertAssignment): Project {
  const experts = project.experts;
  if (experts === undefined) return project;
  const assignments = experts.assignments.map((assignment) => (assignment.subject === subject ? change(assignment) : assignment));
  return { ...project, experts: { ...experts, assignments } };
}

type SelectionAction =
  | 'save_draft'
  | 'submit'
  | 'withdraw'
  | 'recommend'
  | 'return_for_revision'
  | 'assign_experts'
  | 'add_experts'
  | 'declare_conflict'
  | 'submit_score'
  | 'select'
  | 'decline'
  | 'record_objection'
  | 'answer_objection'
  | 'confirm_selection'
  | 'sign_agreement'
  | 'issue_fund_plan';

export const selectionEffects: ProjectEffectsFor<SelectionAction> = {
  save_draft: ({ current, input }) => ({ next: { ...current, application: input }, summary: '保存申报草稿' }),

  submit: ({ current, at }) => {
    const issues = applicationIssues(current.application, new Date(at));
    if (issues.length > 0) {
      throw new DomainError('PRECONDITION_FAILED', {
        message: '申报材料不完整，请补充后再提交',
        issues,
        details: { reason: 'application_incomplete' },
      });
    }
    // A resubmission after 退回修改 is a new version of the application; reviews name the version they saw.
    const applicationVersion = current.status === 'returned' ? current.applicationVersion + 1 : current.applicationVersion;
    return {
      next: { ...current, applicationVersion, submittedAt: at },
      summary: `提交申报（第 ${applicationVersion} 版）`,
      data: { applicationVersion, application: current.application },
    };
  },

  withdraw: ({ current, input, actor, at }) => ({
    next: { ...current, closure: { reason: input.reason, at, by: actor.subject } },
    summary: `撤回申报：${input.reason}`,
  }),

  // 滨海 §三(五)3: 街镇初审并提出推荐意见
  recommend: ({ current, input, actor, at }) => ({
    next: {
      ...current,
      preliminaryReviews: [
        ...current.preliminaryReviews,
        {
          applicationVersion: current.applicationVersion,
          outcome: 'recommended',
          recommendation: input.recommendation,
          comments: input.comments,
          reviewedAt: at,
          by: actor.subject,
        },
      ],
    },
    summary: `街镇初审推荐：${input.recommendation}`,
  }),

  return_for_revision: ({ current, input, actor, at }) => ({
    next: {
      ...current,
      preliminaryReviews: [
        ...current.preliminaryReviews,
        { applicationVersion: current.applicationVersion, outcome: 'returned', comments: input.comments, reviewedAt: at, by: actor.subject },
      ],
    },
    summary: `街镇初审退回修改：${input.comments}`,
  }),

  assign_experts: ({ current, input, at }) => ({
    next: {
      ...current,
      experts: {
        rubric: input.rubric,
        assignments: input.experts.map((expert) => ({ ...expert, assignedAt: at })),
        ...(input.draw ? { draws: [recordedDraw(input.draw, at)] } : {}),
      },
    },
    summary: `组织专家评审（${input.experts.length} 名专家）`,
    data: { experts: input.experts.map((expert) => expert.subject) },
  }),

  add_experts: ({ current, input, at }) => {
    const panel = current.experts;
    if (panel === undefined) return preconditionFailed('尚未组织专家评审', 'no_panel');
    const already = input.experts.filter((expert) => panel.assignments.some((assignment) => assignment.subject === expert.subject));
    if (already.length > 0) {
      preconditionFailed('专家已在评审组中', 'expert_already_assigned', { experts: already.map((expert) => expert.subject) });
    }
    const added = input.experts.map((expert) => ({ ...expert, assignedAt: at }));
    return {
      next: {
        ...current,
        experts: { ...panel, assignments: [...panel.assignments, ...added], ...(input.draw ? { draws: [...(panel.draws ?? []), recordedDraw(input.draw, at)] } : {}) },
      },
      summary: `增补评审专家（${input.experts.length} 名）`,
      data: { experts: input.experts.map((expert) => expert.subject) },
    };
  },

  declare_conflict: ({ current, input, actor, at }) => {
    if (ownAssignment(current, actor.subject).declaration !== undefined) {
      preconditionFailed('已提交过利益冲突声明', 'already_declared');
    }
    const declaration = { hasConflict: input.hasConflict, statement: input.statement, declaredAt: at };
    return {
      next: withAssignment(current, actor.subject, (assignment) => ({ ...assignment, declaration })),
      summary: input.hasConflict ? '专家声明存在利益冲突，回避评审' : '专家声明无利益冲突',
    };
  },

  // Independent scoring: a sheet is final once submitted, and only after a no-conflict declaration.
  submit_score: ({ current, input, actor, at }) => {
    const assignment = ownAssignment(current, actor.subject);
    if (assignment.declaration === undefined) preconditionFailed('请先声明有无利益冲突', 'declaration_required');
    if (assignment.score !== undefined) preconditionFailed('已提交评分，不能重复提交', 'already_scored');
    const rubric = current.experts?.rubric ?? [];
    const problems = scoreSheetProblems(rubric, input.scores);
    if (problems.missing.length > 0 || problems.unexpected.length > 0) {
      preconditionFailed('评分项与评分标准不一致', 'score_sheet_mismatch', { ...problems });
    }
    const score = {
      criterionScores: input.scores,
      total: weightedTotal(rubric, input.scores),
      comments: input.comments,
      submittedAt: at,
    };
    return { next: withAssignment(current, actor.subject, (own) => ({ ...own, score })), summary: '专家提交评分' };
  },

  // 滨海 §三(五)4: 择优确定专项资金支持的项目和金额 — then 公示 before it is final
  select: ({ current, input, actor, now, at, env }) => {
    const panel = activeAssignments(current);
    const pending = panel.filter((assignment) => assignment.score === undefined).map((assignment) => assignment.subject);
    if (pending.length > 0) preconditionFailed('尚有专家未完成评分', 'scores_pending', { experts: pending });
    if (panel.length < MIN_SCORING_EXPERTS) {
      preconditionFailed(`至少需要 ${MIN_SCORING_EXPERTS} 名专家评分`, 'panel_too_small', { scorers: panel.length });
    }
    if (toCents(input.approvedAmountWan) > toCents(current.application.fundRequestedWan)) {
      preconditionFailed('支持金额不能超过申请金额', 'amount_exceeds_request', { fundRequestedWan: current.application.fundRequestedWan });
    }
    const result = projectPanelResult(current, { moderationThreshold: env.moderationThreshold });
    const end = addDays(beijingDate(now), input.noticeDays);
    // 003 §二(五): the approved amount carries its source; 003 §二(二): central funds held elsewhere are flagged, not refused
    const funding = input.funding ?? [defaultLine(current.category, input.approvedAmountWan)];
    const centralFundingElsewhere = funding.some((line) => line.source === 'central') ? [...input.centralFundingElsewhere, ...env.centralFundingOnPlatform] : [];
    const flag = centralFundingElsewhere.length > 0 ? `；注意：该企业已获其他中央财政资金支持（${centralFundingElsewhere.map((held) => held.programme).join('、')}），请核实不属同一项目重复安排` : '';
    return {
      next: {
        ...current,
        selection: {
          outcome: 'selected',
          approvedAmountWan: input.approvedAmountWan,
          panelScore: result.score ?? 0,
          needsModeration: result.needsModeration,
          comments: input.comments,
          decidedAt: at,
          by: actor.subject,
          funding,
          ...(centralFundingElsewhere.length > 0 ? { centralFundingElsewhere } : {}),
        },
        publicNotice: { start: at, end, days: input.noticeDays, objections: [] },
      },
      summary: `拟支持 ${formatWan(input.approvedAmountWan)}（${fundingSummary(funding)}），公示至 ${end}${flag}`,
      data: { approvedAmountWan: input.approvedAmountWan, panelScore: result.score, noticeEnd: end, funding, centralFundingElsewhere },
    };
  },

  decline: ({ current, input, actor, at }) => ({
    next: {
      ...current,
      selection: { outcome: 'declined', reason: input.reason, decidedAt: at, by: actor.subject },
      closure: { reason: input.reason, at, by: actor.subject },
    },
    summary: `不予支持：${input.reason}`,
  }),

  record_objection: ({ current, input, actor, now, at }) => {
    const notice = current.publicNotice;
    if (notice === undefined) return preconditionFailed('未在公示期', 'no_notice');
    const receivedAt = input.receivedAt ?? at;
    const received = new Date(receivedAt);
    if (received.getTime() > now.getTime() || received < new Date(notice.start) || beijingDate(received) > notice.end) {
      preconditionFailed('异议须在公示期内收到', 'objection_outside_notice', { start: notice.start, end: notice.end });
    }
    const objection = { id: nextId('O', notice.objections), text: input.text, receivedAt, recordedBy: actor.subject };
    return {
      next: { ...current, publicNotice: { ...notice, objections: [...notice.objections, objection] } },
      summary: '登记公示异议',
      data: { objectionId: objection.id },
    };
  },

  answer_objection: ({ current, input, actor, at }) => {
    const notice = current.publicNotice;
    const objection = notice?.objections.find((candidate) => candidate.id === input.objectionId);
    if (notice === undefined || objection === undefined) return unknownReference('objectionId', '未找到该异议');
    if (objection.answer !== undefined) preconditionFailed('该异议已答复', 'already_answered');
    const objections = replaceById(notice.objections, objection.id, (item) => ({
      ...item,
      answer: input.answer,
      answeredAt: at,
      answeredBy: actor.subject,
    }));
    return { next: { ...current, publicNotice: { ...notice, objections } }, summary: '答复公示异议', data: { objectionId: objection.id } };
  },

  confirm_selection: ({ current, input, now, at }) => {
    const notice = current.publicNotice;
    const selection = current.selection;
    if (notice === undefined || selection?.outcome !== 'selected') return preconditionFailed('未在公示期', 'no_notice');
    if (beijingDate(now) <= notice.end) preconditionFailed(`公示期至 ${notice.end}，期满后方可确认`, 'notice_not_ended', { end: notice.end });
    const unanswered = notice.objections.filter((objection) => objection.answer === undefined).map((objection) => objection.id);
    if (unanswered.length > 0) preconditionFailed('尚有异议未答复', 'objections_unanswered', { objections: unanswered });
    const deadline = addDays(beijingDate(now), input.signingWindowDays);
    return {
      next: { ...current, selection: { ...selection, confirmedAt: at }, agreement: { deadline } },
      summary: `公示期满，确认支持；任务书须于 ${deadline} 前签署`,
      data: { agreementDeadline: deadline },
    };
  },

  // 滨海 §三(五)5: 在规定的时间内签署项目任务书
  sign_agreement: ({ current, input, now, at }) => {
    const agreement = current.agreement;
    if (agreement === undefined) return preconditionFailed('尚未确认支持', 'no_agreement');
    if (beijingDate(now) > agreement.deadline) {
      preconditionFailed(`任务书签署期限（${agreement.deadline}）已过`, 'agreement_deadline_passed', { deadline: agreement.deadline });
    }
    return {
      next: { ...current, agreement: { ...agreement, signedAt: at, evidenceId: input.agreementEvidenceId } },
      summary: '签署项目任务书',
    };
  },

  issue_fund_plan: ({ current, input, actor, at }) => {
    const selection = current.selection;
    if (selection?.outcome !== 'selected') return preconditionFailed('项目未获支持', 'not_selected');
    const approved = toCents(selection.approvedAmountWan);
    if (toCents(input.preAllocationWan) > approved) {
      preconditionFailed('预拨资金不能超过支持金额', 'pre_allocation_exceeds_approved', { approvedAmountWan: selection.approvedAmountWan });
    }
    const remainderWan = (approved - toCents(input.preAllocationWan)) / 100;
    return {
      next: {
        ...current,
        fundPlan: { issuedAt: at, meetingRef: input.meetingRef, preAllocationWan: input.preAllocationWan, remainderWan, by: actor.subject, funding: approvedFunding(current) },
      },
      summary: `下达资金计划：预拨 ${formatWan(input.preAllocationWan)}，验收后拨付 ${formatWan(remainderWan)}`,
    };
  },
};

/** The draw as recorded on the panel; the handler has filled candidates and result from the registry. */
function recordedDraw(draw: { seed: string; count: number; field?: string | undefined; candidates?: string[] | undefined; drawn?: string[] | undefined }, at: string) {
  return { seed: draw.seed, count: draw.count, ...(draw.field ? { field: draw.field } : {}), candidates: draw.candidates ?? [], drawn: draw.drawn ?? [], drawnAt: at };
}
