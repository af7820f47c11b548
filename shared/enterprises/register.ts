import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { roleReaches } from '../scope';
import { parseInput } from '../validation';
import { RegisterEnterpriseInput, type Enterprise, type EnterpriseProfile, type Participation } from './model';
import type { Pilot } from '../pilots/model';

/**
 * An enterprise account registers the enterprise its sign-in is bound to (the `custom:uscc`
 * attribute): one account cannot register another firm's code. Registering names one pilot and
 * one of that pilot's towns; a firm already known keeps its profile and gains a registration in
 * another pilot (issue 12). A second registration in the same pilot is ALREADY_EXISTS.
 */
export function registerEnterprise(
  actor: Principal,
  input: unknown,
  pilot: Pilot | undefined,
  existing: { profile: EnterpriseProfile | undefined; participations: readonly Participation[] },
  now: Date,
): { profile: EnterpriseProfile; participation: Participation; newProfile: boolean } {
  const data = parseInput(RegisterEnterpriseInput, input);
  if (!actor.roles.includes('enterprise')) throw new DomainError('FORBIDDEN');
  if (actor.uscc !== data.uscc) {
    throw new DomainError('FORBIDDEN', { message: '只能登记本账号绑定的统一社会信用代码', issues: [{ path: 'uscc', message: '与账号绑定的代码不一致' }] });
  }
  if (!pilot) throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'pilotId', message: '试点不存在' }] });
  assertTownOfPilot(pilot, data.town, 'town');
  if (existing.participations.some((participation) => participation.pilotId === pilot.id)) throw new DomainError('ALREADY_EXISTS', { details: { pilotId: pilot.id } });
  const at = now.toISOString();
  const { pilotId, town, ...profileInput } = data;
  const participation: Participation = { uscc: data.uscc, pilotId, town, registeredAt: at, registeredBy: actor.subject };
  if (existing.profile) return { profile: existing.profile, participation, newProfile: false };
  return { profile: { ...profileInput, registeredAt: at, registeredBy: actor.subject, version: 1 }, participation, newProfile: true };
}

/** A town or park can only be named if it is one of the pilot's (TOWN_NOT_IN_PILOT, with the field path). */
export function assertTownOfPilot(pilot: Pick<Pilot, 'towns'>, town: string, path: string): void {
  if (!pilot.towns.some((candidate) => candidate.code === town)) {
    throw new DomainError('TOWN_NOT_IN_PILOT', { issues: [{ path, message: '不是该试点的街镇或园区' }] });
  }
}

/**
 * The scope of a record the firm creates in a pilot (a project, an SME enrolment): the pilot and the
 * town of its registration there, never what a request says. A firm not registered in the pilot is
 * NOT_REGISTERED_IN_PILOT; a request naming another town or firm name is SCOPE_CONTRADICTS_REGISTRATION.
 */
export function scopeFromRegistration(
  participation: Pick<Participation, 'uscc' | 'pilotId' | 'town'> | undefined,
  claimed: { pilotId: string; town?: string | undefined },
  paths: { pilotId: string; town: string },
): { pilotId: string; town: string; uscc: string } {
  if (!participation || participation.pilotId !== claimed.pilotId) {
    throw new DomainError('NOT_REGISTERED_IN_PILOT', { issues: [{ path: paths.pilotId, message: '企业未在该试点登记' }] });
  }
  if (claimed.town !== undefined && claimed.town !== participation.town) {
    throw new DomainError('SCOPE_CONTRADICTS_REGISTRATION', { issues: [{ path: paths.town, message: '与企业在该试点登记的街镇或园区不一致' }], details: { registeredTown: participation.town } });
  }
  return { pilotId: participation.pilotId, town: participation.town, uscc: participation.uscc };
}

/** The registrations a reader may see: its own firm's, and those in its pilot (a town: its area; a supervisor: pilots it supervises). */
export function visibleParticipations(actor: Principal, participations: readonly Participation[]): Participation[] {
  return participations.filter((participation) => ENTERPRISE_READERS.some((role) => roleReaches(role, actor, participation)));
}

// An expert sees a firm only through the projects assigned to them; a provider through the firms it serves.
const ENTERPRISE_READERS = ['enterprise', 'town', 'bureau', 'operator', 'finance', 'supervisor'] as const;

/** Who may read an enterprise's profile and dossier: its own account, and the offices of a pilot it is registered in. */
export function canSeeEnterprise(actor: Principal, participations: readonly Participation[]): boolean {
  return visibleParticipations(actor, participations).length > 0;
}

/** The enterprise as the reader sees it, or undefined when the reader may not see it at all (answered as 404). */
export function enterpriseFor(actor: Principal, profile: EnterpriseProfile | undefined, participations: readonly Participation[]): Enterprise | undefined {
  if (!profile) return undefined;
  const visible = visibleParticipations(actor, participations);
  // The firm's own account sees it even before it registers in any pilot.
  if (visible.length === 0 && !(actor.roles.includes('enterprise') && actor.uscc === profile.uscc)) return undefined;
  return { ...profile, participations: visible };
}
