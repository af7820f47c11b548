import type { Role } from './roles';
import type { Touches } from './touches';

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
   * The tables, indexes and bucket prefixes the handler reads and writes, and how (shared/touches.ts).
   * Its function is granted exactly the union of its routes' declarations, and the local gateway
   * refuses any call outside it; `{}` touches no data.
   */
  touches: Touches;
}

const OFFICIALS = ['town', 'bureau', 'finance', 'expert', 'operator', 'supervisor'] as const satisfies readonly Role[];

// Declarations shared by several routes (shared/touches.ts); each names what its store code does.
/** Item reads in `records` (GetItem, BatchGetItem, Query on a partition). */
const READS_RECORDS = { records: ['read'] } as const satisfies Touches;
/** What a pilot's derived indicators are computed from: projects, providers and SME firms on byQueue (store/indicators.ts derivationSources). */
const DERIVATION_READS = { records: { ops: ['read'], indexes: ['byQueue'] } } as const satisfies Touches;
/**
 * A versioned decision (store/versioned.ts): the aggregate and its audit/side items put in one
 * transaction with the remembered response, the deadlines it opens and closes (store/obligations.ts)
 * and its inbox items with their unread counters (store/inbox.ts, an update).
 */
const DECISION = {
  records: ['read', 'put', 'update'],
  idempotency: ['read', 'put'],
  obligations: ['read', 'put', 'update'],
} as const satisfies Touches;
/** Loading an evidence holder to check the caller may use it (store/evidence-holders.ts): item reads only. */
const HOLDER_READS = READS_RECORDS;

export const ROUTES = [
  { method: 'GET', path: '/health', handler: 'system/health', access: 'public', summary: '健康检查', touches: {} },
  { method: 'GET', path: '/me', handler: 'system/me', access: 'authenticated', summary: '当前用户与角色', touches: {} },
  { method: 'GET', path: '/pilots', handler: 'pilots/list', access: 'authenticated', summary: '试点列表', touches: READS_RECORDS },
  { method: 'GET', path: '/pilots/{pilotId}', handler: 'pilots/get', access: 'authenticated', summary: '试点详情与指标', touches: READS_RECORDS },
  { method: 'GET', path: '/pilots/{pilotId}/guides', handler: 'guides/list', access: 'authenticated', summary: '申报指南列表', touches: READS_RECORDS },
  { method: 'POST', path: '/pilots/{pilotId}/guides', handler: 'guides/publish', access: ['bureau'], summary: '发布申报指南', touches: { records: ['put'] } },
  { method: 'GET', path: '/pilots/{pilotId}/spot-checks', handler: 'spotChecks/list', access: ['bureau', 'operator', 'supervisor'], summary: '现场抽查抽取记录', touches: READS_RECORDS },
  { method: 'POST', path: '/pilots/{pilotId}/spot-checks', handler: 'spotChecks/draw', access: ['bureau', 'operator'], summary: '随机抽取现场抽查项目', touches: { records: { ops: ['put'], indexes: ['byQueue'] } } },
  { method: 'POST', path: '/enterprises', handler: 'enterprises/register', access: ['enterprise'], summary: '企业注册', touches: { records: ['read', 'put'] } },
  { method: 'GET', path: '/enterprises/{uscc}', handler: 'enterprises/get', access: ['enterprise', ...OFFICIALS], summary: '企业信息', touches: READS_RECORDS },
  { method: 'GET', path: '/enterprises/{uscc}/dossier', handler: 'enterprises/dossier', access: ['enterprise', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '一企一档', touches: { records: { ops: ['read'], indexes: ['byEnterprise'] } } },
  { method: 'POST', path: '/projects', handler: 'projects/create', access: ['enterprise'], summary: '新建项目申报（草稿）', touches: DECISION },
  { method: 'GET', path: '/projects', handler: 'projects/list', access: ['enterprise', ...OFFICIALS], summary: '项目列表与审核队列', touches: { records: { ops: ['read'], indexes: ['byQueue', 'byTownQueue', 'byEnterprise', 'byAssignee'] } } },
  { method: 'GET', path: '/projects/{projectId}', handler: 'projects/get', access: ['enterprise', ...OFFICIALS], summary: '项目详情', touches: READS_RECORDS },
  { method: 'POST', path: '/projects/{projectId}/actions/{action}', handler: 'projects/act', access: ['enterprise', ...OFFICIALS], summary: '项目流程操作（含保存草稿）', touches: { ...DECISION, records: { ops: ['read', 'put', 'update'], indexes: ['byQueue', 'byEnterprise'] }, site: { prefixes: ['data/'], ops: ['put'] } } },
  // Evidence (issue 4): bytes go straight to S3 on presigned URLs; these routes only hand out, verify, list and sign.
  { method: 'POST', path: '/projects/{projectId}/evidence/uploads', handler: 'evidence/upload', access: ['enterprise', 'bureau', 'operator', 'finance'], summary: '申请上传证据（预签名）', touches: { ...HOLDER_READS, uploads: ['put', 'update'], evidence: { prefixes: ['projects/'], ops: ['put'] } } },
  { method: 'POST', path: '/projects/{projectId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['enterprise', 'bureau', 'operator', 'finance'], summary: '确认上传并校验证据', touches: { records: ['read', 'put'], uploads: ['read', 'delete', 'update'], evidence: { prefixes: ['projects/'], ops: ['get', 'delete'] } } },
  { method: 'GET', path: '/projects/{projectId}/evidence', handler: 'evidence/list', access: ['enterprise', ...OFFICIALS], summary: '项目证据列表', touches: HOLDER_READS },
  { method: 'GET', path: '/projects/{projectId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['enterprise', ...OFFICIALS], summary: '下载证据（临时链接）', touches: { ...HOLDER_READS, evidence: { prefixes: ['projects/'], ops: ['get'] } } },
  { method: 'DELETE', path: '/projects/{projectId}/evidence/{evidenceId}', handler: 'evidence/remove', access: ['enterprise'], summary: '删除草稿中未引用的证据', touches: { records: ['read', 'delete', 'check'], evidence: { prefixes: ['projects/'], ops: ['delete'] } } },
  // The same handlers for the other holders (shared/evidence/holders.ts): a provider's registration
  // and rectification materials, a reported indicator period's data sources, a pilot SME's files.
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/evidence/uploads', handler: 'evidence/upload', access: ['provider'], summary: '服务商申请上传申报材料（预签名）', touches: { ...HOLDER_READS, uploads: ['put', 'update'], evidence: { prefixes: ['providers/'], ops: ['put'] } } },
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['provider'], summary: '服务商确认上传并校验材料', touches: { records: ['read', 'put'], uploads: ['read', 'delete', 'update'], evidence: { prefixes: ['providers/'], ops: ['get', 'delete'] } } },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/evidence', handler: 'evidence/list', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '服务商申报材料列表', touches: HOLDER_READS },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '下载服务商材料（临时链接）', touches: { ...HOLDER_READS, evidence: { prefixes: ['providers/'], ops: ['get'] } } },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/uploads', handler: 'evidence/upload', access: ['data_unit', 'operator'], summary: '申请上传指标数据来源佐证（预签名）', touches: { ...HOLDER_READS, uploads: ['put', 'update'], evidence: { prefixes: ['indicators/'], ops: ['put'] } } },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['data_unit', 'operator'], summary: '确认上传并校验指标佐证材料', touches: { records: ['read', 'put'], uploads: ['read', 'delete', 'update'], evidence: { prefixes: ['indicators/'], ops: ['get', 'delete'] } } },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence', handler: 'evidence/list', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标统计期佐证材料列表', touches: HOLDER_READS },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '下载指标佐证材料（临时链接）', touches: { ...HOLDER_READS, evidence: { prefixes: ['indicators/'], ops: ['get'] } } },
  { method: 'POST', path: '/sme-firms/{firmId}/evidence/uploads', handler: 'evidence/upload', access: ['enterprise', 'provider', 'assessor'], summary: '中小企业改造材料上传（诊断、方案、完工、评测）', touches: { ...HOLDER_READS, uploads: ['put', 'update'], evidence: { prefixes: ['sme-firms/'], ops: ['put'] } } },
  { method: 'POST', path: '/sme-firms/{firmId}/evidence/uploads/{uploadId}/complete', handler: 'evidence/complete', access: ['enterprise', 'provider', 'assessor'], summary: '确认上传并校验中小企业改造材料', touches: { records: ['read', 'put'], uploads: ['read', 'delete', 'update'], evidence: { prefixes: ['sme-firms/'], ops: ['get', 'delete'] } } },
  { method: 'GET', path: '/sme-firms/{firmId}/evidence', handler: 'evidence/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '中小企业改造材料列表', touches: HOLDER_READS },
  { method: 'GET', path: '/sme-firms/{firmId}/evidence/{evidenceId}/download', handler: 'evidence/download', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '下载中小企业改造材料（临时链接）', touches: { ...HOLDER_READS, evidence: { prefixes: ['sme-firms/'], ops: ['get'] } } },
  // Evaluations (issue 6): indicators against targets, the yearly self-evaluation, the provider pool, the SME path.
  { method: 'GET', path: '/pilots/{pilotId}/indicators', handler: 'indicators/board', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标完成情况（进度、状态、趋势）', touches: DERIVATION_READS },
  { method: 'GET', path: '/pilots/{pilotId}/indicators/{code}', handler: 'indicators/get', access: ['data_unit', 'town', 'bureau', 'finance', 'operator', 'supervisor'], summary: '指标详情与各期填报记录', touches: DERIVATION_READS },
  { method: 'POST', path: '/pilots/{pilotId}/indicators/{code}/periods/{period}/actions/{action}', handler: 'indicators/act', access: ['data_unit', 'operator', 'bureau'], summary: '指标值填报、报送、审核、锁定', touches: { records: ['read', 'put'], idempotency: ['read', 'put'] } },
  { method: 'GET', path: '/pilots/{pilotId}/self-evaluations/{year}', handler: 'evaluations/get', access: ['bureau', 'operator', 'finance', 'supervisor'], summary: '年度绩效自评（数据与打印页）', touches: DERIVATION_READS },
  { method: 'GET', path: '/pilots/{pilotId}/self-evaluations/{year}/workbook', handler: 'evaluations/workbook', access: ['bureau', 'operator', 'finance', 'supervisor'], summary: '下载年度绩效自评表（Excel）', touches: DERIVATION_READS },
  { method: 'GET', path: '/evaluations/cross-pilot', handler: 'evaluations/overview', access: ['supervisor'], summary: '各试点指标横向对比', touches: DERIVATION_READS },
  { method: 'POST', path: '/pilots/{pilotId}/providers', handler: 'providers/register', access: ['provider'], summary: '服务商申报注册', touches: DECISION },
  { method: 'GET', path: '/pilots/{pilotId}/providers', handler: 'providers/list', access: ['enterprise', 'provider', ...OFFICIALS], summary: '服务商资源池', touches: { records: { ops: ['read'], indexes: ['byQueue'] } } },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}', handler: 'providers/get', access: ['enterprise', 'provider', ...OFFICIALS], summary: '服务商详情', touches: DERIVATION_READS },
  { method: 'POST', path: '/pilots/{pilotId}/providers/{providerId}/actions/{action}', handler: 'providers/act', access: ['provider', 'bureau', 'operator'], summary: '服务商审核、警示、整改、淘汰、产品发布', touches: DECISION },
  { method: 'GET', path: '/pilots/{pilotId}/catalogue', handler: 'providers/catalogue', access: 'authenticated', summary: '“小快轻准”产品和解决方案目录', touches: { records: { ops: ['read'], indexes: ['byQueue'] } } },
  { method: 'POST', path: '/sme-firms', handler: 'sme/enrol', access: ['bureau', 'operator'], summary: '试点中小企业入选', touches: DECISION },
  { method: 'GET', path: '/sme-firms', handler: 'sme/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点中小企业列表', touches: { records: { ops: ['read'], indexes: ['byQueue', 'byTownQueue', 'byEnterprise'] } } },
  { method: 'GET', path: '/sme-firms/{firmId}', handler: 'sme/get', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点中小企业详情', touches: READS_RECORDS },
  { method: 'POST', path: '/sme-firms/{firmId}/actions/{action}', handler: 'sme/act', access: ['enterprise', 'provider', 'assessor', 'bureau', 'finance'], summary: '中小企业改造流程操作（诊断、方案、评测、验收、奖补）', touches: DECISION },
  { method: 'GET', path: '/pilots/{pilotId}/sme-maturity', handler: 'sme/maturity', access: ['assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '试点企业数字化水平分级统计', touches: { records: { ops: ['read'], indexes: ['byQueue', 'byTownQueue'] } } },
  { method: 'PUT', path: '/pilots/{pilotId}/sme-policy', handler: 'sme/policy', access: ['bureau'], summary: '设定数字化水平奖补标准', touches: { records: ['read', 'put'] } },
  // Deadlines (issue 5): the inbox of warnings, escalations and reminders; a project's obligations; duties an official records.
  { method: 'GET', path: '/inbox', handler: 'warnings/inbox', access: 'authenticated', summary: '消息中心：警示、督办与到期提醒（含未读数）', touches: READS_RECORDS },
  { method: 'POST', path: '/inbox/{itemId}/read', handler: 'warnings/read', access: 'authenticated', summary: '标记消息已读', touches: { records: ['read', 'update'] } },
  { method: 'GET', path: '/projects/{projectId}/obligations', handler: 'obligations/list', access: ['enterprise', ...OFFICIALS], summary: '项目时限事项（报告、走访、审查、整改、审核时限）', touches: { ...HOLDER_READS, obligations: ['read'] } },
  { method: 'GET', path: '/pilots/{pilotId}/providers/{providerId}/obligations', handler: 'obligations/list', access: ['provider', 'bureau', 'operator', 'supervisor'], summary: '服务商时限事项（限期整改）', touches: { ...HOLDER_READS, obligations: ['read'] } },
  { method: 'GET', path: '/sme-firms/{firmId}/obligations', handler: 'obligations/list', access: ['enterprise', 'provider', 'assessor', 'town', 'bureau', 'operator', 'finance', 'supervisor'], summary: '中小企业时限事项（批次改造与验收）', touches: { ...HOLDER_READS, obligations: ['read'] } },
  { method: 'POST', path: '/obligations/{obligationId}/fulfil', handler: 'obligations/fulfil', access: ['bureau', 'operator'], summary: '登记走访检查、年度审查、绩效自评、服务商整改已完成', touches: { obligations: ['read', 'update'] } },
  // Money and national evaluation (issue 13)
  { method: 'GET', path: '/pilots/{pilotId}/ledger', handler: 'funds/ledger', access: ['bureau', 'finance', 'operator', 'supervisor'], summary: '专项资金台账（按资金来源、地方配套比例、收回扣减）', touches: DERIVATION_READS },
  { method: 'GET', path: '/pilots/{pilotId}/ledger/workbook', handler: 'funds/workbook', access: ['bureau', 'finance', 'operator', 'supervisor'], summary: '下载专项资金台账（Excel）', touches: DERIVATION_READS },
  // Reviewers read the application (issue 14)
  { method: 'GET', path: '/projects/{projectId}/application', handler: 'projects/application', access: ['enterprise', ...OFFICIALS], summary: '申报书（评审中的版本、合计、材料清单、退回后的修改）', touches: READS_RECORDS },
  // Expert registry (issue 14)
  { method: 'GET', path: '/pilots/{pilotId}/experts', handler: 'experts/list', access: ['bureau', 'operator', 'supervisor'], summary: '专家库', touches: READS_RECORDS },
  { method: 'POST', path: '/pilots/{pilotId}/experts', handler: 'experts/register', access: ['bureau'], summary: '专家入库', touches: { records: ['read', 'put'] } },
  { method: 'GET', path: '/projects/{projectId}/expert-candidates', handler: 'experts/candidates', access: ['bureau'], summary: '可选评审专家（已排除须回避者）', touches: READS_RECORDS },
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
