import type { Pilot } from '../../../../shared/pilots/model';
import type { Principal } from '../../../../shared/roles';
import { CROSS_PILOT_ROLES, hasAnyRole, INDICATOR_ROLES, PROVIDER_POOL_ROLES, SELF_EVALUATION_ROLES, SME_LIST_ROLES, SME_MATURITY_ROLES } from '../access';
import { t } from '../i18n';
import { paths } from '../paths';

/**
 * A pilot's pages for someone who reads every pilot (a supervisor, 108号: no `pilot` claim, so the
 * workbench cannot link "its" pilot): each page offered only to the roles its API route admits
 * (access.ts), and the public dashboard to anyone. The digital-maturity counts (004 §三) belong to an
 * SME digital-transformation pilot only.
 */
export interface PilotPage {
  key: 'indicators' | 'providers' | 'selfEvaluation' | 'smeFirms' | 'smeMaturity' | 'public';
  href: string;
  text: string;
}

/** Whether the workbench offers the pilot picker: no pilot of one's own, and a role that reads them all. */
export function readsEveryPilot(principal: Pick<Principal, 'roles' | 'pilot'>): boolean {
  return !principal.pilot && hasAnyRole(principal, CROSS_PILOT_ROLES);
}

/** The pilot's pages the principal may open; `year` is the self-evaluation's (the current one). */
export function pilotPages(principal: Pick<Principal, 'roles'>, pilot: Pick<Pilot, 'id' | 'kind'>, year: number): PilotPage[] {
  const pilotId = pilot.id;
  const pages: PilotPage[] = [];
  if (hasAnyRole(principal, INDICATOR_ROLES)) pages.push({ key: 'indicators', href: paths.indicators(pilotId), text: t('indicators.link') });
  if (hasAnyRole(principal, PROVIDER_POOL_ROLES)) pages.push({ key: 'providers', href: paths.providers(pilotId), text: t('providers.link') });
  if (hasAnyRole(principal, SELF_EVALUATION_ROLES)) {
    pages.push({ key: 'selfEvaluation', href: paths.selfEvaluation(pilotId, year), text: t('selfEvaluation.title', { year }) });
  }
  if (pilot.kind === 'sme_digital' && hasAnyRole(principal, SME_LIST_ROLES)) {
    pages.push({ key: 'smeFirms', href: paths.smeFirms(pilotId), text: t('sme.link') });
  }
  if (pilot.kind === 'sme_digital' && hasAnyRole(principal, SME_MATURITY_ROLES)) {
    pages.push({ key: 'smeMaturity', href: paths.smeMaturity(pilotId), text: t('smeMaturity.link') });
  }
  pages.push({ key: 'public', href: paths.pilot(pilotId), text: t('pilotPages.public') });
  return pages;
}

/** Where a pilot's name leads: its indicator board when the principal may read it, else its public dashboard. */
export function pilotHome(principal: Pick<Principal, 'roles'>, pilotId: string): string {
  return hasAnyRole(principal, INDICATOR_ROLES) ? paths.indicators(pilotId) : paths.pilot(pilotId);
}
