import type { Component } from 'svelte';
import type { Role } from '../../../shared/roles';
import { CATALOGUE_ROLES, CREATE_PROJECT_ROLES, CROSS_PILOT_ROLES, DOSSIER_ROLES, INBOX_ROLES, INDICATOR_ROLES, PROVIDER_POOL_ROLES, PROVIDER_REGISTER_ROLES, REGISTER_ROLES, SELF_EVALUATION_ROLES } from './access';
import { SME_FIRM_ROLES, SME_LIST_ROLES, SME_MATURITY_ROLES } from './access';
import { findRoute, type PageParams } from './route-match';

/**
 * The page table. Each page is its own chunk, loaded when first visited, so the public dashboards
 * never download the forms and their schemas.
 */
export type { PageParams };
export interface PageProps {
  params: PageParams;
}
export type PageComponent = Component<PageProps>;
type PageModule = { default: PageComponent };

export interface PageRoute {
  name: string;
  pattern: string;
  load: () => Promise<PageModule>;
  access: 'public' | 'signed-in';
  roles?: readonly Role[];
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { name: 'home', pattern: '/', access: 'public', load: () => import('../pages/public/PublicHome.svelte') },
  { name: 'pilot', pattern: '/pilots/:pilotId', access: 'public', load: () => import('../pages/public/PilotDashboard.svelte') },
  { name: 'login', pattern: '/login', access: 'public', load: () => import('../pages/auth/Login.svelte') },
  { name: 'loginCallback', pattern: '/login/callback', access: 'public', load: () => import('../pages/auth/LoginCallback.svelte') },
  { name: 'workbench', pattern: '/workbench', access: 'signed-in', load: () => import('../pages/workbench/Workbench.svelte') },
  {
    name: 'registerEnterprise',
    pattern: '/enterprise/register',
    access: 'signed-in',
    ...(REGISTER_ROLES ? { roles: REGISTER_ROLES } : {}),
    load: () => import('../pages/enterprise/RegisterEnterprise.svelte'),
  },
  { name: 'projects', pattern: '/projects', access: 'signed-in', load: () => import('../pages/projects/ProjectsPage.svelte') },
  {
    name: 'newApplication',
    pattern: '/projects/new',
    access: 'signed-in',
    ...(CREATE_PROJECT_ROLES ? { roles: CREATE_PROJECT_ROLES } : {}),
    load: () => import('../pages/projects/NewApplication.svelte'),
  },
  {
    name: 'application',
    pattern: '/projects/:projectId/application',
    access: 'signed-in',
    ...(CREATE_PROJECT_ROLES ? { roles: CREATE_PROJECT_ROLES } : {}),
    load: () => import('../pages/projects/ApplicationEditor.svelte'),
  },
  { name: 'project', pattern: '/projects/:projectId', access: 'signed-in', load: () => import('../pages/projects/ProjectDetail.svelte') },
  { name: 'inbox', pattern: '/inbox', access: 'signed-in', roles: INBOX_ROLES, load: () => import('../pages/inbox/InboxPage.svelte') },
  { name: 'notificationSettings', pattern: '/inbox/settings', access: 'signed-in', roles: INBOX_ROLES, load: () => import('../pages/inbox/NotificationSettings.svelte') },
  {
    name: 'indicators',
    pattern: '/pilots/:pilotId/indicators',
    access: 'signed-in',
    ...(INDICATOR_ROLES ? { roles: INDICATOR_ROLES } : {}),
    load: () => import('../pages/indicators/IndicatorBoard.svelte'),
  },
  {
    name: 'indicator',
    pattern: '/pilots/:pilotId/indicators/:code',
    access: 'signed-in',
    ...(INDICATOR_ROLES ? { roles: INDICATOR_ROLES } : {}),
    load: () => import('../pages/indicators/IndicatorDetail.svelte'),
  },
  {
    name: 'providers',
    pattern: '/pilots/:pilotId/providers',
    access: 'signed-in',
    ...(PROVIDER_POOL_ROLES ? { roles: PROVIDER_POOL_ROLES } : {}),
    load: () => import('../pages/providers/ProviderPool.svelte'),
  },
  {
    // Ahead of `provider`, whose pattern would take `new` as an id.
    name: 'registerProvider',
    pattern: '/pilots/:pilotId/providers/new',
    access: 'signed-in',
    ...(PROVIDER_REGISTER_ROLES ? { roles: PROVIDER_REGISTER_ROLES } : {}),
    load: () => import('../pages/providers/RegisterProvider.svelte'),
  },
  {
    name: 'provider',
    pattern: '/pilots/:pilotId/providers/:providerId',
    access: 'signed-in',
    ...(PROVIDER_POOL_ROLES ? { roles: PROVIDER_POOL_ROLES } : {}),
    load: () => import('../pages/providers/ProviderDetail.svelte'),
  },
  {
    name: 'catalogue',
    pattern: '/pilots/:pilotId/catalogue',
    access: 'signed-in',
    ...(CATALOGUE_ROLES ? { roles: CATALOGUE_ROLES } : {}),
    load: () => import('../pages/providers/CataloguePage.svelte'),
  },
  {
    name: 'selfEvaluation',
    pattern: '/pilots/:pilotId/self-evaluations/:year',
    access: 'signed-in',
    ...(SELF_EVALUATION_ROLES ? { roles: SELF_EVALUATION_ROLES } : {}),
    load: () => import('../pages/evaluation/SelfEvaluationPage.svelte'),
  },
  {
    name: 'crossPilot',
    pattern: '/evaluations/cross-pilot',
    access: 'signed-in',
    ...(CROSS_PILOT_ROLES ? { roles: CROSS_PILOT_ROLES } : {}),
    load: () => import('../pages/evaluation/CrossPilotPage.svelte'),
  },
  {
    name: 'smeFirms',
    pattern: '/pilots/:pilotId/sme-firms',
    access: 'signed-in',
    ...(SME_LIST_ROLES ? { roles: SME_LIST_ROLES } : {}),
    load: () => import('../pages/sme/SmeFirmList.svelte'),
  },
  {
    name: 'smeFirm',
    pattern: '/sme-firms/:firmId',
    access: 'signed-in',
    ...(SME_FIRM_ROLES ? { roles: SME_FIRM_ROLES } : {}),
    load: () => import('../pages/sme/SmeFirmPage.svelte'),
  },
  {
    name: 'smeMaturity',
    pattern: '/pilots/:pilotId/sme-maturity',
    access: 'signed-in',
    ...(SME_MATURITY_ROLES ? { roles: SME_MATURITY_ROLES } : {}),
    load: () => import('../pages/sme/SmeMaturityPage.svelte'),
  },
  {
    name: 'dossier',
    pattern: '/enterprises/:uscc/dossier',
    access: 'signed-in',
    ...(DOSSIER_ROLES ? { roles: DOSSIER_ROLES } : {}),
    load: () => import('../pages/dossier/DossierPage.svelte'),
  },
];

export const NOT_FOUND_ROUTE: PageRoute = { name: 'notFound', pattern: '*', access: 'public', load: () => import('../pages/NotFound.svelte') };

export interface RouteMatch {
  route: PageRoute;
  params: PageParams;
}

export function matchRoute(path: string, routes: readonly PageRoute[] = PAGE_ROUTES): RouteMatch {
  return findRoute(path, routes, NOT_FOUND_ROUTE);
}
