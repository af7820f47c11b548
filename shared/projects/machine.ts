import * as z from 'zod';
import { DomainError } from '../errors';
import { ROLES, type Principal, type Role } from '../roles';
import { parseInput } from '../validation';
import { IsoDateTime } from './values';

/**
 * The interpreter shared by the key-project and the SME lifecycles. A lifecycle is data — for each
 * action: the states it is allowed in, the roles that may take it, its input schema and the state it
 * leads to — plus one effect function per action that writes the new record and checks the
 * preconditions only the record can answer. Everything here is pure: time comes in as `now`.
 */

export interface ActionSpec<S extends string = string> {
  /** Chinese name of the step, used in audit summaries and the UI. */
  readonly label: string;
  readonly from: readonly S[];
  readonly roles: readonly Role[];
  readonly input: z.ZodType;
  /** The resulting state; absent when the action records something without moving the record. */
  readonly to?: S;
}

export type ActionTable<S extends string> = Readonly<Record<string, ActionSpec<S>>>;

export interface Aggregate<S extends string> {
  status: S;
  version: number;
  updatedAt: string;
}

export interface EffectContext<A, I, E> {
  current: A;
  input: I;
  actor: Principal;
  /** The role the actor acts in: the first of their roles that the action allows and whose scope fits. */
  role: Role;
  now: Date;
  /** `now` as an ISO instant, for the record. */
  at: string;
  env: E;
}

export interface EffectResult<A> {
  /** The new record; status, version and updatedAt are set by the interpreter. */
  next: A;
  summary: string;
  data?: Record<string, unknown>;
}

export type Effects<A, T extends ActionTable<string>, E> = {
  readonly [K in keyof T]: (context: EffectContext<A, z.output<T[K]['input']>, E>) => EffectResult<A>;
};

export interface Machine<S extends string, A extends Aggregate<S>, T extends ActionTable<S>, E> {
  table: T;
  effects: Effects<A, T, E>;
  /** Whether an actor acting in `role` may see this record at all; outside it they get NOT_FOUND. */
  inScope: (role: Role, actor: Principal, aggregate: A) => boolean;
}

export const AuditEvent = z.object({
  action: z.string(),
  actorSubject: z.string(),
  actorRole: z.enum(ROLES),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  at: IsoDateTime,
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * The checks that need no record: the action exists and the actor holds a role allowed to take it.
 * A handler may call this before loading, so that FORBIDDEN never reveals whether a record exists.
 */
export function authorizeAction<S extends string>(
  table: ActionTable<S>,
  action: string,
  actor: Principal,
): { spec: ActionSpec<S>; roles: Role[] } {
  const spec = Object.hasOwn(table, action) ? table[action] : undefined;
  if (spec === undefined) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'action', message: '不是允许的操作' }] });
  }
  const roles = actor.roles.filter((role) => spec.roles.includes(role));
  if (roles.length === 0) throw new DomainError('FORBIDDEN', { details: { action } });
  return { spec, roles };
}

/**
 * Runs one action, checking in a fixed order: action exists (VALIDATION_FAILED on `action`), role
 * (FORBIDDEN), scope (NOT_FOUND, as if the record did not exist), state (ILLEGAL_TRANSITION), input
 * (VALIDATION_FAILED), then the effect's own preconditions (PRECONDITION_FAILED). Never mutates.
 */
export function runAction<S extends string, A extends Aggregate<S>, T extends ActionTable<S>, E>(
  machine: Machine<S, A, T, E>,
  current: A,
  action: string,
  rawInput: unknown,
  actor: Principal,
  now: Date,
  env: E,
): { next: A; event: AuditEvent } {
  const { spec, roles } = authorizeAction(machine.table, action, actor);
  const role = roles.find((candidate) => machine.inScope(candidate, actor, current));
  if (role === undefined) throw new DomainError('NOT_FOUND');
  if (!spec.from.includes(current.status)) {
    throw new DomainError('ILLEGAL_TRANSITION', { details: { status: current.status, action } });
  }
  const input: unknown = parseInput(spec.input, rawInput);
  // The table and the effects are keyed alike, so the effect for `action` takes this spec's output.
  const effect = machine.effects[action] as (context: EffectContext<A, unknown, E>) => EffectResult<A>;
  const at = now.toISOString();
  const result = effect({ current, input, actor, role, now, at, env });
  const toStatus = spec.to ?? current.status;
  const next: A = { ...result.next, status: toStatus, version: current.version + 1, updatedAt: at };
  const event: AuditEvent = {
    action,
    actorSubject: actor.subject,
    actorRole: role,
    fromStatus: current.status,
    toStatus,
    at,
    summary: result.summary,
  };
  if (result.data !== undefined) event.data = result.data;
  return { next, event };
}

/**
 * The actions this actor could take on this record now, as far as role, scope and state go (input
 * and preconditions are checked when the action is taken). For the buttons a UI shows.
 */
export function availableActions<S extends string, A extends Aggregate<S>, T extends ActionTable<S>, E>(
  machine: Machine<S, A, T, E>,
  current: A,
  actor: Principal,
): (keyof T & string)[] {
  return Object.keys(machine.table).filter((name): name is keyof T & string => {
    const spec = machine.table[name];
    return (
      spec !== undefined &&
      spec.from.includes(current.status) &&
      actor.roles.some((role) => spec.roles.includes(role) && machine.inScope(role, actor, current))
    );
  });
}

/** A precondition only the record can answer is not met. `reason` is a stable key for clients. */
export function preconditionFailed(message: string, reason: string, details: Record<string, unknown> = {}): never {
  throw new DomainError('PRECONDITION_FAILED', { message, details: { reason, ...details } });
}

/** The input names a sub-record (objection, warning, change request) that the record does not hold. */
export function unknownReference(path: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', { issues: [{ path, message }] });
}

/** The next id in a per-record list: `W1`, `W2`, … Deterministic, so replays give the same ids. */
export function nextId(prefix: string, list: readonly unknown[]): string {
  return `${prefix}${list.length + 1}`;
}
