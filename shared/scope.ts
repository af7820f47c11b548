import { DomainError } from './errors';
import type { Principal, Role } from './roles';

/**
 * The one scope rule per role (issue 12). A role is scoped by a claim of the verified token:
 * the pilot for the pilot's offices, the pilot and the town for a town, the 统一社会信用代码 for an
 * enterprise, the provider id for a provider, the supervision claim for a supervisor. A token whose
 * role lacks its claim is refused on every route (fail closed: never "no claim, so everything").
 * Every read and write that asks "is this within the caller's reach?" asks it here.
 */
export type ScopeClaim = 'pilot' | 'town' | 'uscc' | 'providerId' | 'supervision';

export const SCOPE_CLAIMS_OF_ROLE = {
  enterprise: ['uscc'],
  town: ['pilot', 'town'],
  bureau: ['pilot'],
  finance: ['pilot'],
  expert: ['pilot'],
  operator: ['pilot'],
  provider: ['providerId'],
  data_unit: ['pilot'],
  assessor: ['pilot'],
  supervisor: ['supervision'],
} as const satisfies Record<Role, readonly ScopeClaim[]>;

/** The roles of the principal that lack a claim their scope needs. */
export function unscopedRoles(principal: Principal): Role[] {
  return principal.roles.filter((role) => SCOPE_CLAIMS_OF_ROLE[role].some((claim) => principal[claim] === undefined));
}

/** Fail closed: any role of the token without its scoping claim refuses the whole request. */
export function assertScopeClaims(principal: Principal): void {
  const unscoped = unscopedRoles(principal);
  if (unscoped.length > 0) {
    throw new DomainError('SCOPE_CLAIM_MISSING', { details: { roles: unscoped, claims: [...new Set(unscoped.flatMap((role) => SCOPE_CLAIMS_OF_ROLE[role]))] } });
  }
}

/** A pilot record's province: the first two digits of its GB/T 2260 division code, then `0000`. */
export function provinceOf(division: string): string {
  return `${division.slice(0, 2)}0000`;
}

/** Whether the principal supervises this pilot: the ministry every one, a province the pilots looked up as its own. */
export function supervisesPilot(actor: Principal, pilotId: string): boolean {
  if (!actor.roles.includes('supervisor') || actor.supervision === undefined) return false;
  if (actor.supervision.level === 'ministry') return true;
  return actor.supervision.pilotIds?.includes(pilotId) ?? false;
}

/** The pilots a supervisor oversees: every pilot for the ministry, else those its supervision names. */
export function supervisedPilotIds(actor: Principal, allPilotIds: readonly string[]): string[] {
  return allPilotIds.filter((pilotId) => supervisesPilot(actor, pilotId));
}

/** What a record is scoped by: its pilot, and for records of a firm its town and enterprise. */
export interface ScopeTarget {
  pilotId: string;
  town?: string;
  uscc?: string;
}

/**
 * Whether the actor, acting in `role`, reaches a record by its scope claims alone. An expert, a
 * provider and a data unit need more than that (an assignment, an engagement, the responsible
 * unit): their callers add it; this rule is the outer bound and never widens.
 */
export function roleReaches(role: Role, actor: Principal, target: ScopeTarget): boolean {
  if (!actor.roles.includes(role)) return false;
  switch (role) {
    case 'enterprise':
      return actor.uscc !== undefined && actor.uscc === target.uscc;
    case 'town':
      return actor.pilot !== undefined && actor.pilot === target.pilotId && actor.town !== undefined && actor.town === target.town;
    case 'bureau':
    case 'finance':
    case 'operator':
    case 'expert':
    case 'data_unit':
    case 'assessor':
      return actor.pilot !== undefined && actor.pilot === target.pilotId;
    case 'supervisor':
      return supervisesPilot(actor, target.pilotId);
    case 'provider':
      // A provider reaches what names it (its pool record, a firm it serves): decided by the caller.
      return false;
  }
}

/** Whether any of the actor's roles reaches the record by its scope claims (experts and providers excluded: see roleReaches). */
export function reaches(actor: Principal, target: ScopeTarget): boolean {
  return actor.roles.some((role) => roleReaches(role, actor, target));
}

/** Whether the actor works in this pilot in any role a pilot claim scopes, or supervises it. */
export function worksInPilot(actor: Principal, pilotId: string, roles: readonly Role[] = ['town', 'bureau', 'finance', 'operator', 'expert', 'data_unit', 'assessor']): boolean {
  if (supervisesPilot(actor, pilotId)) return true;
  return actor.pilot !== undefined && actor.pilot === pilotId && actor.roles.some((role) => roles.includes(role));
}
