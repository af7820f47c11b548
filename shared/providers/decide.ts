import type { z } from 'zod';
import { DomainError } from '../errors';
import type { Principal, Role } from '../roles';
import { roleReaches } from '../scope';
import { parseInput } from '../validation';
import {
  authorizeAction,
  availableActions,
  nextId,
  preconditionFailed,
  runAction,
  unknownReference,
  type AuditEvent,
  type EffectContext,
  type EffectResult,
  type Machine,
} from '../projects/machine';
import { beijingDate, Id } from '../projects/values';
import { replaceById } from '../projects/effects-common';
import { PROVIDER_ACTIONS, type ProviderAction, type ProviderActions } from './lifecycle';
import { RegisterProviderInput, type Provider, type ProviderStatus } from './model';

/**
 * Changes to a provider in the pool, through the interpreter the project and SME lifecycles use, with
 * the same order of checks. Pure: time, and the project named by an engagement, are parameters.
 */
export interface ProviderDecision {
  provider: Provider;
  event: AuditEvent;
}

/** What the store looked up for the action: the project an engagement names, if it exists. */
export interface ProviderEnv {
  project?: { id: string; pilotId: string };
}

/** Whether an actor acting in `role` may see this provider's full record. */
export function providerScopeFits(role: Role, actor: Principal, provider: Pick<Provider, 'id' | 'pilotId'>): boolean {
  switch (role) {
    case 'provider':
      return actor.roles.includes('provider') && actor.providerId !== undefined && actor.providerId === provider.id;
    case 'bureau':
    case 'operator':
    case 'supervisor':
      return roleReaches(role, actor, { pilotId: provider.pilotId });
    default:
      return false;
  }
}

export function canSeeProvider(actor: Principal, provider: Pick<Provider, 'id' | 'pilotId'>): boolean {
  return actor.roles.some((role) => providerScopeFits(role, actor, provider));
}

type ProviderEffects = {
  readonly [K in ProviderAction]: (context: EffectContext<Provider, z.output<ProviderActions[K]['input']>, ProviderEnv>) => EffectResult<Provider>;
};

const review = (outcome: 'returned' | 'admitted' | 'rejected', comments: string, at: string, by: string) => ({ outcome, comments, at, by });

function openWarning(provider: Provider) {
  return provider.warnings.find((warning) => warning.clearedAt === undefined);
}

function clearOpenWarning(provider: Provider, note: string, at: string): Provider['warnings'] {
  const open = openWarning(provider);
  return open ? replaceById(provider.warnings, open.id, (warning) => ({ ...warning, clearedAt: at, clearNote: note })) : provider.warnings;
}

function findProduct(provider: Provider, productId: string) {
  const product = provider.products.find((candidate) => candidate.id === productId && candidate.withdrawnAt === undefined);
  return product ?? unknownReference('productId', '没有该在架产品');
}

const effects: ProviderEffects = {
  return_materials: ({ current, input, actor, at }) => ({
    next: { ...current, reviews: [...current.reviews, review('returned', input.comments, at, actor.subject)] },
    summary: `申报材料退回补正：${input.comments}`,
  }),
  resubmit: ({ current, input }) => {
    const next = { ...current, materials: input.materials, summary: input.summary ?? current.summary };
    // The same completeness rules as at registration (002 §三(一)2(2)).
    parseInput(RegisterProviderInput, { ...profileOf(next), materials: next.materials });
    return { next, summary: '补正材料后重新申报' };
  },
  admit: ({ current, input, actor, at }) => ({
    next: { ...current, admittedAt: current.admittedAt ?? at, reviews: [...current.reviews, review('admitted', input.comments, at, actor.subject)] },
    summary: '审核通过，进入服务商资源池',
  }),
  reject: ({ current, input, actor, at }) => ({
    next: { ...current, reviews: [...current.reviews, review('rejected', input.comments, at, actor.subject)] },
    summary: `审核不通过：${input.comments}`,
  }),
  issue_warning: ({ current, input, actor, at }) => {
    const warning = { id: nextId('W', current.warnings), reason: input.reason, issuedAt: at, issuedBy: actor.subject };
    return { next: { ...current, warnings: [...current.warnings, warning] }, summary: `警示：${input.reason}`, data: { warningId: warning.id } };
  },
  clear_warning: ({ current, input, at }) => ({
    next: { ...current, warnings: clearOpenWarning(current, input.comments, at) },
    summary: `解除警示：${input.comments}`,
  }),
  order_rectification: ({ current, input, actor, at, now }) => {
    if (input.deadline <= beijingDate(now)) preconditionFailed('整改期限须晚于今天', 'deadline_not_in_future', { deadline: input.deadline });
    const warning = openWarning(current);
    if (!warning) return preconditionFailed('没有未解除的警示', 'no_open_warning');
    const rectification = { id: nextId('R', current.rectifications), warningId: warning.id, requirements: input.requirements, deadline: input.deadline, orderedAt: at, orderedBy: actor.subject, reports: [] };
    return {
      next: { ...current, rectifications: [...current.rectifications, rectification] },
      summary: `责令限期整改，期限 ${input.deadline}`,
      data: { rectificationId: rectification.id, deadline: input.deadline },
    };
  },
  report_rectification: ({ current, input, actor, at }) => {
    const open = current.rectifications.at(-1);
    if (!open) return preconditionFailed('没有进行中的整改', 'no_rectification');
    const report = { summary: input.summary, evidenceIds: input.evidenceIds, at, by: actor.subject };
    return { next: { ...current, rectifications: replaceById(current.rectifications, open.id, (item) => ({ ...item, reports: [...item.reports, report] })) }, summary: '报送整改情况' };
  },
  accept_rectification: ({ current, input, actor, at }) => {
    const open = current.rectifications.at(-1);
    if (!open || open.reports.length === 0) preconditionFailed('服务商尚未报送整改情况', 'no_rectification_report');
    const outcome = { accepted: true, comments: input.comments, at, by: actor.subject };
    return {
      next: {
        ...current,
        rectifications: replaceById(current.rectifications, open.id, (item) => ({ ...item, outcome })),
        warnings: clearOpenWarning(current, `整改验收通过${input.comments ? `：${input.comments}` : ''}`, at),
      },
      summary: '整改验收通过，恢复正常入库状态',
    };
  },
  eliminate: ({ current, input, actor, at }) => {
    const open = current.rectifications.at(-1);
    const rectifications =
      open && open.outcome === undefined ? replaceById(current.rectifications, open.id, (item) => ({ ...item, outcome: { accepted: false, comments: input.reason, at, by: actor.subject } })) : current.rectifications;
    return { next: { ...current, rectifications, elimination: { reason: input.reason, at, by: actor.subject } }, summary: `淘汰出库：${input.reason}` };
  },
  publish_product: ({ current, input, at }) => {
    // Product ids are unique across the pool: the provider's id and a per-provider sequence.
    const product = { ...input, id: `${current.id}-P${current.products.length + 1}`, listedAt: at };
    return { next: { ...current, products: [...current.products, product] }, summary: `发布${input.kind === 'product' ? '产品' : '解决方案'}：${input.name}`, data: { productId: product.id } };
  },
  withdraw_product: ({ current, input, at }) => {
    const product = findProduct(current, input.productId);
    return { next: { ...current, products: replaceById(current.products, product.id, (item) => ({ ...item, withdrawnAt: at })) }, summary: `下架：${product.name}` };
  },
  record_engagement: ({ current, input, actor, at, env }) => {
    if (env.project === undefined || env.project.id !== input.projectId || env.project.pilotId !== current.pilotId) {
      return unknownReference('projectId', '本试点没有该项目');
    }
    if (current.engagements.some((engagement) => engagement.projectId === input.projectId)) {
      return preconditionFailed('已登记为该项目的服务商', 'already_engaged');
    }
    return { next: { ...current, engagements: [...current.engagements, { projectId: input.projectId, note: input.note, at, by: actor.subject }] }, summary: `登记服务项目 ${input.projectId}` };
  },
};

export const providerMachine: Machine<ProviderStatus, Provider, ProviderActions, ProviderEnv> = { table: PROVIDER_ACTIONS, effects, inScope: providerScopeFits };

function profileOf(provider: Provider) {
  const { name, uscc, kind, industries, scenarios, summary, hasLocalOffice, foundedWithinTwoYears, contact } = provider;
  return { name, uscc, kind, industries, scenarios, summary, hasLocalOffice, foundedWithinTwoYears, contact };
}

export function decideProvider(provider: Provider, action: string, input: unknown, actor: Principal, now: Date, env: ProviderEnv = {}): ProviderDecision {
  const { next, event } = runAction(providerMachine, provider, action, input, actor, now, env);
  return { provider: next, event };
}

export function availableProviderActions(provider: Provider, actor: Principal): ProviderAction[] {
  return availableActions(providerMachine, provider, actor);
}

export function authorizeProviderAction(action: string, actor: Principal): void {
  authorizeAction(PROVIDER_ACTIONS, action, actor);
}

/**
 * 002 §三(一)2(2): 服务商在公共服务平台上申报注册. The provider registers itself into one pilot's pool; its
 * id is its verified `custom:provider` claim, never a field of the body.
 */
export function registerProvider(pilotId: string, input: unknown, actor: Principal, now: Date): ProviderDecision {
  if (!actor.roles.includes('provider')) throw new DomainError('FORBIDDEN', { details: { action: 'register' } });
  if (actor.providerId === undefined) throw new DomainError('FORBIDDEN', { details: { action: 'register', reason: 'no_provider_id' } });
  const parsed = parseInput(RegisterProviderInput, input);
  const at = now.toISOString();
  const provider: Provider = {
    ...parsed,
    id: parseInput(Id, actor.providerId),
    pilotId: parseInput(Id, pilotId),
    status: 'applied',
    version: 1,
    reviews: [],
    warnings: [],
    rectifications: [],
    products: [],
    engagements: [],
    createdAt: at,
    updatedAt: at,
  };
  const event: AuditEvent = {
    action: 'register',
    actorSubject: actor.subject,
    actorRole: 'provider',
    fromStatus: null,
    toStatus: 'applied',
    at,
    summary: `${parsed.name} 申报${parsed.kind === 'comprehensive' ? '综合型' : parsed.kind === 'industry' ? '行业型' : '场景型'}服务商`,
    data: { kind: parsed.kind },
  };
  return { provider, event };
}
