import type { z } from 'zod';
import { DomainError } from '../errors';
import type { Indicator, Pilot } from '../pilots/model';
import type { Principal, Role } from '../roles';
import { parseInput } from '../validation';
import { authorizeAction, availableActions, preconditionFailed, runAction, type AuditEvent, type EffectContext, type EffectResult, type Machine } from '../projects/machine';
import { beijingDate } from '../projects/values';
import { figuresFrom, SaveValueInput } from './figures';
import { VALUE_ACTIONS, type ReportedValue, type ValueAction, type ValueActions, type ValueStatus } from './model';
import { periodStart } from './period';

/**
 * Changes to a reported indicator value, through the same interpreter as the project and SME
 * lifecycles: action, role (FORBIDDEN), scope (NOT_FOUND), state (ILLEGAL_TRANSITION), input
 * (VALIDATION_FAILED), preconditions (PRECONDITION_FAILED). Pure; time is a parameter.
 */
export interface ValueDecision {
  value: ReportedValue;
  event: AuditEvent;
}

/** Whether the actor, acting in `role`, may see and change this value. */
export function valueScopeFits(role: Role, actor: Principal, value: Pick<ReportedValue, 'pilotId' | 'responsibleUnit'>): boolean {
  if (actor.pilot !== value.pilotId) return false;
  switch (role) {
    case 'data_unit':
      // 000 主要指标表: each figure comes from the unit the plan makes responsible for it.
      return actor.dataUnit !== undefined && actor.dataUnit === value.responsibleUnit;
    case 'operator':
    case 'bureau':
      return true;
    default:
      return false;
  }
}

type ValueEffects = {
  readonly [K in ValueAction]: (context: EffectContext<ReportedValue, z.output<ValueActions[K]['input']>, undefined>) => EffectResult<ReportedValue>;
};

const effects: ValueEffects = {
  save: ({ current, input }) => {
    const working = figuresFrom(input, current.unit);
    return { next: { ...current, working }, summary: `填报 ${current.period} 指标值 ${working.value}`, data: { value: working.value } };
  },
  submit: ({ current }) => {
    // A figure without its source cannot be checked: the return needs at least one supporting file.
    if (current.working.evidenceIds.length === 0) preconditionFailed('报送前须上传数据来源佐证材料', 'evidence_missing');
    return { next: current, summary: `报送 ${current.period} 指标值 ${current.working.value}` };
  },
  approve: ({ current, input, actor, at }) => ({
    next: {
      ...current,
      approved: { ...current.working, approvedAt: at, by: actor.subject },
      reviews: [...current.reviews, { outcome: 'approved', comments: input.comments, at, by: actor.subject }],
    },
    summary: `审核通过 ${current.period} 指标值 ${current.working.value}`,
    data: { value: current.working.value },
  }),
  return: ({ current, input, actor, at }) => ({
    next: { ...current, reviews: [...current.reviews, { outcome: 'returned', comments: input.comments, at, by: actor.subject }] },
    summary: `退回 ${current.period} 指标值：${input.comments}`,
  }),
  lock: ({ current, actor, at }) => ({ next: { ...current, lockedAt: at, lockedBy: actor.subject }, summary: `锁定 ${current.period} 统计期` }),
};

export const valueMachine: Machine<ValueStatus, ReportedValue, ValueActions, undefined> = { table: VALUE_ACTIONS, effects, inScope: valueScopeFits };

/**
 * A value is reported for a period that lies within the pilot's own period, or in the year before it
 * (the base year, 基期, that targets are measured from) — a pilot of 2025–2027 has no 2019 and no
 * 2031 to report (issue 12) — and that has begun.
 */
function checkReportable(pilot: Pilot, indicator: Indicator, period: string, now: Date): void {
  if (indicator.source !== 'reported') preconditionFailed('该指标由平台数据自动计算，无需填报', 'derived_indicator');
  const baseYearStart = `${String(Number(pilot.periodStart.slice(0, 4)) - 1)}-01-01`;
  if (periodStart(period) < baseYearStart || periodStart(period) > pilot.periodEnd) {
    throw new DomainError('IMPLAUSIBLE_DATE', {
      issues: [{ path: 'period', message: `统计期应在试点期内（${pilot.periodStart} 至 ${pilot.periodEnd}，可含前一年基期）` }],
      details: { period, earliest: baseYearStart, periodEnd: pilot.periodEnd },
    });
  }
  // A period that has not begun has nothing to measure yet.
  if (periodStart(period) > beijingDate(now)) preconditionFailed('统计期尚未开始', 'period_not_started', { period });
}

/**
 * Takes `action` on the value of `indicator` for `period`. Without a stored value only `save` is
 * possible: it creates the draft (version 1). The responsible unit is read from the indicator each
 * time, so reassigning an indicator moves who may report it.
 */
export function decideValue(
  current: ReportedValue | undefined,
  pilot: Pilot,
  indicator: Indicator,
  period: string,
  action: string,
  input: unknown,
  actor: Principal,
  now: Date,
): ValueDecision {
  const scoped = { pilotId: pilot.id, responsibleUnit: indicator.responsibleUnit };
  if (current === undefined) {
    const { roles } = authorizeAction(VALUE_ACTIONS, action, actor);
    const role = roles.find((candidate) => valueScopeFits(candidate, actor, scoped));
    if (role === undefined) throw new DomainError('NOT_FOUND');
    if (action !== 'save') throw new DomainError('ILLEGAL_TRANSITION', { details: { status: null, action } });
    const parsed = parseInput(SaveValueInput, input);
    checkReportable(pilot, indicator, period, now);
    const at = now.toISOString();
    const working = figuresFrom(parsed, indicator.unit);
    const value: ReportedValue = {
      pilotId: pilot.id,
      code: indicator.code,
      period,
      ...(indicator.responsibleUnit ? { responsibleUnit: indicator.responsibleUnit } : {}),
      unit: indicator.unit,
      status: 'draft',
      version: 1,
      working,
      reviews: [],
      createdAt: at,
      updatedAt: at,
    };
    const event: AuditEvent = { action, actorSubject: actor.subject, actorRole: role, fromStatus: null, toStatus: 'draft', at, summary: `填报 ${period} 指标值 ${working.value}`, data: { value: working.value } };
    return { value, event };
  }
  const { responsibleUnit: _previous, ...rest } = current;
  const refreshed: ReportedValue = { ...rest, ...(indicator.responsibleUnit ? { responsibleUnit: indicator.responsibleUnit } : {}), unit: indicator.unit };
  const { next, event } = runAction(valueMachine, refreshed, action, input, actor, now, undefined);
  return { value: next, event };
}

export function availableValueActions(value: ReportedValue, actor: Principal): ValueAction[] {
  return availableActions(valueMachine, value, actor);
}

/** The record-free check: call it before loading, so FORBIDDEN never depends on existence. */
export function authorizeValueAction(action: string, actor: Principal): void {
  authorizeAction(VALUE_ACTIONS, action, actor);
}
