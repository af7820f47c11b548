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
  /**
   * The handler deletes evidence objects (a refused upload, a draft's unreferenced file): only these
   * functions are granted s3:DeleteObject on the evidence bucket; every other one cannot delete.
   */
  deletesEvidence?: true;
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
  // Evidence (issue 4): bytes go straight to S3 on presigned URLs; these routes only hand out, verify, list and sign.
  { method: 'POST', path: '/projects/{projectId}/evidence/uploads', handler: 'evidence/upload', access: ['enterprise', 'bureau', 'operator'], summary: '申请上传证据（预签名）' },
  { method: 'POST', path: '/projects/{projectId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['enterprise', 'bureau', 'operator'], summary: '确认上传并校验证据', deletesEvidence: true },
  { method: 'GET', path: '/projects/{projectId}/evidence', handler: 'evidence/list', access: ['enterprise', ...OFFICIALS], summary: '项目证据列表' },
  { method: 'GET', path: '/projects/{projectId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['enterprise', ...OFFICIALS], summary: '下载证据（临时链接）' },
  { method: 'DELETE', path: '/projects/{projectId}/evidence/{evidenceId}', handler: 'evidence/remove', access: ['enterprise'], summary: '删除草稿中未引用的证据', deletesEvidence: true },
  // The same handlers for the other holders (shared/evidence/holders.ts): a provider's registration
  // and rectification materials, a reported indicator period's data sources, a pilot SME's files.
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/evidence/uploads', handler: 'evidence/upload', access: ['provider'], summary: '服务商申请上传申报材料（预签名）' },
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['provider'], summary: '服务商确认上传并校验材料', deletesEvidence: true },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/evidence', handler: 'evidence/list', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '服务商申报材料列表' },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '下载服务商材料（临时链接）' },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/uploads', handler: 'evidence/upload', access: ['data_unit', 'operator'], summary: '申请上传指标数据来源佐证（预签名）' },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['data_unit', 'operator'], summary: '确认上传并校验指标佐证材料', deletesEvidence: true },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence', handler: 'evidence/list', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标统计期佐证材料列表' },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '下载指标佐证材料（临时链接）' },
  { method: 'POST', path: '/sme-firms/{firmId}/evidence/uploads', handler: 'evidence/upload', access: ['enterprise', 'provider', 'assessor'], summary: '中小企业改造材料上传（诊断、方案、完工、评测）' },
  { method: 'POST', path: '/sme-firms/{firmId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['enterprise', 'provider', 'assessor'], summary: '确认上传并校验中小企业改造材料', deletesEvidence: true },
  { method: 'GET', path: '/sme-firms/{firmId}/evidence', handler: 'evidence/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '中小企业改造材料列表' },
  { method: 'GET', path: '/sme-firms/{firmId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '下载中小企业改造材料（临时链接）' },
  // Evaluations (issue 6): indicators against targets, the yearly self-evaluation, the provider pool, the SME path.
  { method: 'GET', path: '/pilots/{pilotId}/indicators', handler: 'indicators/board', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标完成情况（进度、状态、趋势）' },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}', handler: 'indicators/get', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标详情与各期填报记录' },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/actions/{action}', handler: 'indicators/act', access: ['data_unit', 'operator', 'bureau'], summary: '指标值填报、报送、审核、锁定' },
  { method: 'GET', path: '/pilots/{pilotId}/self-evaluations/{year}', handler: 'evaluations/get', access: ['bureau', 'operator', 'finance', 'supervisor'], summary: '年度绩效自评（数据与打印页）' },
  { method: 'GET', path: '/pilots/{pilotId}/self-evaluations/{year}/workbook', handler: 'evaluations/workbook', access: ['bureau', 'operator', 'finance', 'supervisor'], summary: '下载年度绩效自评表（Excel）' },
  { method: 'GET', path: '/evaluations/cross-pilot', handler: 'evaluations/overview', access: ['supervisor'], summary: '各试点指标横向对比' },
  { method: 'POST', path: '/pilots/{pilotId}/providers', handler: 'providers/register', access: ['provider'], summary: '服务商申报注册' },
  { method: 'GET', path: '/pilots/{pilotId}/providers', handler: 'providers/list', access: ['enterprise', 'provider', ...OFFICIALS], summary: '服务商资源池' },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}', handler: 'providers/get', access: ['enterprise', 'provider', ...OFFICIALS], summary: '服务商详情' },
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/actions/{action}', handler: 'providers/act', access: ['provider', 'bureau', 'operator'], summary: '服务商审核、警示、整改、淘汰、产品发布' },
  { method: 'GET', path: '/pilots/{pilotId}/catalogue', handler: 'providers/catalogue', access: 'authenticated', summary: '“小快轻准”产品和解决方案目录' },
  { method: 'POST', path: '/sme-firms', handler: 'sme/enrol', access: ['bureau', 'operator'], summary: '试点中小企业入选' },
  { method: 'GET', path: '/sme-firms', handler: 'sme/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点中小企业列表' },
  { method: 'GET', path: '/sme-firms/{firmId}', handler: 'sme/get', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点中小企业详情' },
  { method: 'POST', path: '/sme-firms/{firmId}/actions/{action}', handler: 'sme/act', access: ['enterprise', 'provider', 'assessor', 'bureau', 'finance'], summary: '中小企业改造流程操作（诊断、方案、评测、验收、奖补）' },
  { method: 'GET', path: '/pilots/{pilotId}/sme-maturity', handler: 'sme/maturity', access: ['assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点企业数字化水平分级统计' },
  { method: 'PUT', path: '/pilots/{pilotId}/sme-policy', handler: 'sme/policy', access: ['bureau'], summary: '设定数字化水平奖补标准' },
  // Deadlines (issue 5): the inbox of warnings, escalations and reminders; a project's obligations; duties an official records.
  { method: 'GET', path: '/inbox', handler: 'warnings/inbox', access: 'authenticated', summary: '消息中心：警示、督办与到期提醒（含未读数）' },
  { method: 'POST', path: '/inbox/{itemId}/read', handler: 'warnings/read', access: 'authenticated', summary: '标记消息已读' },
  { method: 'GET', path: '/projects/{projectId}/obligations', handler: 'obligations/list', access: ['enterprise', ...OFFICIALS], summary: '项目时限事项（报告、走访、审查、整改、审核时限）' },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/obligations', handler: 'obligations/list', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '服务商时限事项（限期整改）' },
  { method: 'GET', path: '/sme-firms/{firmId}/obligations', handler: 'obligations/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '中小企业时限事项（批次改造与验收）' },
  { method: 'POST', path: '/obligations/{obligationId}/fulfil', handler: 'obligations/fulfil', access: ['bureau', 'operator'], summary: '登记走访检查、年度审查、绩效自评、服务商整改已完成' },
  // Notifications and import (issue 18)
  { method: 'GET', path: '/me/notifications', handler: 'notifications/get', access: 'authenticated', summary: '我的通知设置（邮件、短信）与所在办公室的群机器人' },
  { method: 'PUT', path: '/me/notifications', handler: 'notifications/save', access: 'authenticated', summary: '设置我接收通知的方式（邮件、短信）与类别' },
  { method: 'PUT', path: '/me/notifications/robots/{role}', handler: 'notifications/robots', access: 'authenticated', summary: '设置办公室的企业微信、钉钉群机器人' },
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
