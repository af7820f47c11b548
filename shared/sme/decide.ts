import type { z } from 'zod';
import { DomainError } from '../errors';
import type { Principal, Role } from '../roles';
import { roleReaches } from '../scope';
import type { Participation } from '../enterprises/model';
import { scopeFromRegistration } from '../enterprises/register';
import { parseInput } from '../validation';
import {
  authorizeAction,
  availableActions,
  nextId,
  preconditionFailed,
  runAction,
  type AuditEvent,
  type EffectContext,
  type EffectResult,
  type Machine,
} from '../projects/machine';
import { Id } from '../projects/values';
import { EnrolInput, SME_ACTIONS, type SmeAction, type SmeActions } from './lifecycle';
import { MIN_ACCEPTED_LEVEL, SmePolicy, type SmeFirm, type SmeStatus } from './model';

/**
 * Changes to a pilot SME, with the same shape and the same order of checks as the key-project
 * `decide`: action, role (FORBIDDEN), scope (NOT_FOUND), state (ILLEGAL_TRANSITION), input
 * (VALIDATION_FAILED), preconditions (PRECONDITION_FAILED). Pure; time and policy are parameters.
 */

export interface SmeDecision {
  firm: SmeFirm;
  event: AuditEvent;
}

interface SmeEnv {
  policy: SmePolicy | undefined;
}

type SmeEffects = {
  readonly [K in SmeAction]: (context: EffectContext<SmeFirm, z.output<SmeActions[K]['input']>, SmeEnv>) => EffectResult<SmeFirm>;
};

/** Whether an actor acting in `role` may see this firm at all: the scope rule, and for a provider the firm it serves. */
export function smeScopeFits(role: Role, actor: Principal, firm: SmeFirm): boolean {
  switch (role) {
    case 'provider':
      // The comprehensive provider that diagnoses it, and the provider whose plan or product it adopted.
      return actor.roles.includes('provider') && actor.providerId !== undefined && (actor.providerId === firm.comprehensiveProviderId || actor.providerId === firm.plan?.details.providerId);
    case 'enterprise':
    case 'town':
    case 'bureau':
    case 'operator':
    case 'finance':
    case 'assessor':
    case 'supervisor':
      return roleReaches(role, actor, { pilotId: firm.pilotId, town: firm.town, uscc: firm.uscc });
    case 'expert':
    case 'data_unit':
      return false;
  }
}

export function canSeeFirm(actor: Principal, firm: SmeFirm): boolean {
  return actor.roles.some((role) => smeScopeFits(role, actor, firm));
}

const effects: SmeEffects = {
  record_diagnosis: ({ current, input, actor, at }) => {
    if (actor.providerId !== current.comprehensiveProviderId) preconditionFailed('诊断须由该企业的综合型服务商完成', 'not_comprehensive_provider');
    return {
      next: { ...current, diagnosis: { ...input, diagnosedAt: at, by: actor.subject, providerId: current.comprehensiveProviderId } },
      summary: '登记诊断报告',
    };
  },
  adopt_plan: ({ current, input, at }) => ({
    next: { ...current, plan: { details: input, adoptedAt: at } },
    summary: input.kind === 'custom' ? '确定"一企一策"定制化改造方案' : `选用"小快轻准"产品（${input.productIds.length} 项）`,
    data: { kind: input.kind, providerId: input.providerId },
  }),
  start_transformation: ({ current, at }) => ({
    next: { ...current, transformation: { startedAt: at, completions: [] } },
    summary: '开始数字化改造',
  }),
  complete_transformation: ({ current, input, at }) => {
    const transformation = current.transformation ?? { startedAt: at, completions: [] };
    return {
      next: { ...current, transformation: { ...transformation, completions: [...transformation.completions, { ...input, completedAt: at }] } },
      summary: '数字化改造完成，申请评测',
    };
  },
  assess_maturity: ({ current, input, actor, at }) => {
    const assessment = { id: nextId('M', current.assessments), ...input, assessedAt: at, by: actor.subject };
    return {
      next: { ...current, assessments: [...current.assessments, assessment] },
      summary: `数字化水平评测：${input.level} 级`,
      data: { assessmentId: assessment.id, level: input.level },
    };
  },
  resume_transformation: ({ current, input }) => ({ next: current, summary: `继续改造：${input.reason}` }),
  accept: ({ current, input, actor, at }) => {
    const latest = current.assessments.at(-1);
    if (latest === undefined || latest.level < MIN_ACCEPTED_LEVEL) {
      preconditionFailed(`数字化水平须达到 ${MIN_ACCEPTED_LEVEL} 级及以上方可验收`, 'level_below_minimum', { level: latest?.level ?? null });
    }
    return {
      next: { ...current, acceptance: { level: latest.level, assessmentId: latest.id, comments: input.comments, acceptedAt: at, by: actor.subject } },
      summary: `验收通过（数字化水平 ${latest.level} 级）`,
      data: { level: latest.level },
    };
  },
  grant_subsidy: ({ current, input, actor, at, env }) => {
    const acceptance = current.acceptance;
    if (acceptance === undefined) return preconditionFailed('尚未验收', 'not_accepted');
    if (env.policy === undefined) return preconditionFailed('试点尚未设定奖补标准', 'subsidy_policy_missing');
    const level = acceptance.level;
    if (level !== 2 && level !== 3 && level !== 4) return preconditionFailed('该等级无奖补', 'level_without_subsidy', { level });
    const amountWan = env.policy.subsidyWanByLevel[level];
    return {
      next: { ...current, subsidy: { level, amountWan, reference: input.reference, grantedAt: at, by: actor.subject } },
      summary: `按 ${level} 级拨付奖补资金 ${amountWan} 万元`,
      data: { level, amountWan },
    };
  },
  withdraw: ({ current, input, actor, at }) => ({
    next: { ...current, closure: { reason: input.reason, at, by: actor.subject } },
    summary: `退出试点：${input.reason}`,
  }),
};

export const smeMachine: Machine<SmeStatus, SmeFirm, SmeActions, SmeEnv> = { table: SME_ACTIONS, effects, inScope: smeScopeFits };

/** Takes `action` on a pilot SME. `policy` carries the pilot's subsidy amounts, needed by grant_subsidy. */
export function decideSme(firm: SmeFirm, action: string, input: unknown, actor: Principal, now: Date, policy?: SmePolicy): SmeDecision {
  const env: SmeEnv = { policy: policy === undefined ? undefined : parseInput(SmePolicy, policy) };
  const { next, event } = runAction(smeMachine, firm, action, input, actor, now, env);
  return { firm: next, event };
}

export function availableSmeActions(firm: SmeFirm, actor: Principal): SmeAction[] {
  return availableActions(smeMachine, firm, actor);
}

export function authorizeSmeAction(action: string, actor: Principal): void {
  authorizeAction(SME_ACTIONS, action, actor);
}

/**
 * 004 §四(一)3: 区工业和信息化局围绕细分行业分批次征集试点企业，建立试点企业库. The bureau or the operator
 * enrols a firm into a batch of its own pilot.
 */
export function createEnrolment(
  input: unknown,
  actor: Principal,
  now: Date,
  id: string,
  registered: { participation: Pick<Participation, 'uscc' | 'pilotId' | 'town'> | undefined; name: string | undefined },
): SmeDecision {
  const role = actor.roles.find((candidate): candidate is 'bureau' | 'operator' => candidate === 'bureau' || candidate === 'operator');
  if (role === undefined) throw new DomainError('FORBIDDEN', { details: { action: 'enrol' } });
  const parsed = parseInput(EnrolInput, input);
  if (!roleReaches(role, actor, { pilotId: parsed.pilotId })) throw new DomainError('FORBIDDEN', { details: { action: 'enrol', pilotId: parsed.pilotId } });
  // The firm's town and name come from its registration in this pilot, never from the request.
  const participation = registered.participation?.uscc === parsed.uscc ? registered.participation : undefined;
  const scope = scopeFromRegistration(participation, parsed, { pilotId: 'uscc', town: 'town' });
  const enterpriseName = registered.name ?? '';
  if (parsed.enterpriseName !== undefined && parsed.enterpriseName !== enterpriseName) {
    throw new DomainError('SCOPE_CONTRADICTS_REGISTRATION', { issues: [{ path: 'enterpriseName', message: '与企业登记的名称不一致' }] });
  }
  const at = now.toISOString();
  const firm: SmeFirm = {
    id: parseInput(Id, id),
    ...parsed,
    enterpriseName,
    town: scope.town,
    status: 'enrolled',
    version: 1,
    assessments: [],
    createdAt: at,
    updatedAt: at,
  };
  const event: AuditEvent = {
    action: 'enrol',
    actorSubject: actor.subject,
    actorRole: role,
    fromStatus: null,
    toStatus: 'enrolled',
    at,
    summary: `${enterpriseName} 入选第 ${parsed.batch} 批试点企业`,
    data: { batch: parsed.batch, comprehensiveProviderId: parsed.comprehensiveProviderId },
  };
  return { firm, event };
}
