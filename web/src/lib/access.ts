import type { Principal, Role } from '../../../shared/roles';
import { ROUTES, type RouteDefinition } from '../../../shared/routes';

/**
 * Who may open which page, read from the API's own route table (shared/routes.ts) so that a page is
 * offered exactly to the roles whose calls behind it would succeed.
 */
export function rolesAllowed(method: RouteDefinition['method'], path: string): readonly Role[] | 'public' | 'authenticated' {
  const route = (ROUTES as readonly RouteDefinition[]).find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`no API route ${method} ${path}`);
  return route.access;
}

function asRoles(access: ReturnType<typeof rolesAllowed>): readonly Role[] | undefined {
  return typeof access === 'string' ? undefined : access;
}

/** Roles that may read a dossier (一企一档); undefined means any signed-in user. */
export const DOSSIER_ROLES = asRoles(rolesAllowed('GET', '/enterprises/{uscc}/dossier'));
export const REGISTER_ROLES = asRoles(rolesAllowed('POST', '/enterprises'));
export const CREATE_PROJECT_ROLES = asRoles(rolesAllowed('POST', '/projects'));
export const EVIDENCE_UPLOAD_ROLES = asRoles(rolesAllowed('POST', '/projects/{projectId}/evidence/uploads'));

/** Roles that read and enter indicator values, and those that change them (shared/routes.ts). */
export const INDICATOR_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/indicators'));
export const VALUE_ENTRY_ROLES = asRoles(rolesAllowed('POST', '/pilots/{pilotId}/indicators/{code}/periods/{period}/actions/{action}'));
/** The provider pool: who reads it, the catalogue's; the self-evaluation's readers. */
export const PROVIDER_POOL_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/providers'));
/** Who registers a provider into a pool (the provider itself), and who reads a provider's materials. */
export const PROVIDER_REGISTER_ROLES = asRoles(rolesAllowed('POST', '/pilots/{pilotId}/providers'));
export const PROVIDER_MATERIALS_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/providers/{providerId}/evidence'));
/** Who hands in an indicator period's data sources, and who reads them. */
export const SOURCE_UPLOAD_ROLES = asRoles(rolesAllowed('POST', '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/uploads'));
export const SOURCE_READ_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence'));
export const CATALOGUE_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/catalogue'));
export const SELF_EVALUATION_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/self-evaluations/{year}'));
/** Who reads every pilot side by side (108号): the cross-pilot view's readers, offered the pilot picker too. */
export const CROSS_PILOT_ROLES = asRoles(rolesAllowed('GET', '/evaluations/cross-pilot'));
export const FULFIL_ROLES = asRoles(rolesAllowed('POST', '/obligations/{obligationId}/fulfil'));
/**
 * The SME path (004): who lists pilot SMEs and opens one, who enrols a firm, who hands in a firm's
 * files, who reads the pilot's digital-maturity counts and who sets its subsidy amounts.
 */
export const SME_LIST_ROLES = asRoles(rolesAllowed('GET', '/sme-firms'));
export const SME_FIRM_ROLES = asRoles(rolesAllowed('GET', '/sme-firms/{firmId}'));
export const SME_ENROL_ROLES = asRoles(rolesAllowed('POST', '/sme-firms'));
export const SME_UPLOAD_ROLES = asRoles(rolesAllowed('POST', '/sme-firms/{firmId}/evidence/uploads'));
export const SME_MATURITY_ROLES = asRoles(rolesAllowed('GET', '/pilots/{pilotId}/sme-maturity'));
export const SME_POLICY_ROLES = asRoles(rolesAllowed('PUT', '/pilots/{pilotId}/sme-policy'));

/**
 * Roles whose office has an inbox (shared/obligations/inbox.ts `boxesOf`; a unit test keeps the two
 * equal). Copied, not imported, so the header does not pull zod into the first paint.
 */
export const INBOX_ROLES = ['enterprise', 'town', 'bureau', 'finance', 'operator', 'expert', 'provider', 'data_unit', 'assessor', 'supervisor'] as const satisfies readonly Role[];

/** The offices that review, decide, fund, score or supervise projects (DOMAIN.md "Who uses it"). */
export const OFFICIAL_ROLES = ['town', 'bureau', 'finance', 'expert', 'operator', 'supervisor'] as const satisfies readonly Role[];

export function hasAnyRole(principal: Pick<Principal, 'roles'> | null | undefined, roles: readonly Role[] | undefined): boolean {
  if (roles === undefined) return principal !== null && principal !== undefined;
  return principal?.roles.some((role) => roles.includes(role)) ?? false;
}

export function isOfficial(principal: Pick<Principal, 'roles'> | null | undefined): boolean {
  return hasAnyRole(principal, OFFICIAL_ROLES);
}

export function isEnterprise(principal: Pick<Principal, 'roles'> | null | undefined): boolean {
  return hasAnyRole(principal, ['enterprise']);
}
