import type { Role } from './roles';

/**
 * The one route table. The CDK HTTP API and the local gateway both read it: each route names its
 * handler module (`functions/api/<handler>.ts`, export `handler`) and who may call it. `public` routes
 * carry no authorizer; all others need a valid token, and `roles` (when given) is checked by the
 * handler chain before the domain runs. Finer rules (which project, which state) live in the domain.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` for a path parameter. */
  path: string;
  handler: string;
  access: 'public' | 'authenticated' | readonly Role[];
  summary: string;
}

const OFFICIALS = ['town', 'bureau', 'finance', 'expert', 'operator', 'supervisor'] as const satisfies readonly Role[];

export const ROUTES = [
  { method: 'GET', path: '/health', handler: 'system/health', access: 'public', summary: '健康检查' },
  { method: 'GET', path: '/me', handler: 'system/me', access: 'authenticated', summary: '当前用户与角色' },
  { method: 'GET', path: '/pilots', handler: 'pilots/list', access: 'authenticated', summary: '试点列表' },
  { method: 'GET', path: '/pilots/{pilotId}', handler: 'pilots/get', access: 'authenticated', summary: '试点详情与指标' },
  { method: 'GET', path: '/pilots/{pilotId}/guides', handler: 'guides/list', access: 'authenticated', summary: '申报指南列表' },
  { method: 'POST', path: '/pilots/{pilotId}/guides', handler: 'guides/publish', access: ['bureau'], summary: '发布申报指南' },
  { method: 'GET', path: '/pilots/{pilotId}/spot-checks', handler: 'spotChecks/list', access: ['bureau', 'operator', 'supervisor'], summary: '现场抽查抽取记录' },
  { method: 'POST', path: '/pilots/{pilotId}/spot-checks', handler: 'spotChecks/draw', access: ['bureau', 'operator'], summary: '随机抽取现场抽查项目' },
  { method: 'POST', path: '/enterprises', handler: 'enterprises/register', access: ['enterprise'], summary: '企业注册' },
  { method: 'GET', path: '/enterprises/{uscc}', handler: 'enterprises/get', access: ['enterprise', ...OFFICIALS], summary: '企业信息' },
  { method: 'GET', path: '/enterprises/{uscc}/dossier', handler: 'enterprises/dossier', access: ['enterprise', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '一企一档' },
  { method: 'POST', path: '/projects', handler: 'projects/create', access: ['enterprise'], summary: '新建项目申报（草稿）' },
  { method: 'GET', path: '/projects', handler: 'projects/list', access: ['enterprise', ...OFFICIALS], summary: '项目列表与审核队列' },
  { method: 'GET', path: '/projects/{projectId}', handler: 'projects/get', access: ['enterprise', ...OFFICIALS], summary: '项目详情' },
  { method: 'POST', path: '/projects/{projectId}/actions/{action}', handler: 'projects/act', access: ['enterprise', ...OFFICIALS], summary: '项目流程操作（含保存草稿）' },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof ROUTES)[number];

/** Distinct handler modules, in route order: one Lambda function each. */
export function handlerModules(routes: readonly RouteDefinition[] = ROUTES): string[] {
  return [...new Set(routes.map((route) => route.handler))];
}

/** `projects/saveDraft` → `ProjectsSaveDraft`: a stable construct id and log name for a handler. */
export function handlerId(handler: string): string {
  return handler
    .split(/[/_-]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
