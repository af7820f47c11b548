import type { Dossier } from '../../../../shared/enterprises/dossier';
import type { Enterprise, RegisterEnterpriseInput } from '../../../../shared/enterprises/model';
import type { Pilot, pilotSummary } from '../../../../shared/pilots/model';
import type { CreateDraftInput } from '../../../../shared/projects/inputs';
import type { Application } from '../../../../shared/projects/model';
import type { ProjectListQuery } from '../../../../shared/projects/requests';
import type { ProjectView } from '../../../../shared/projects/view';
import type { Principal } from '../../../../shared/roles';
import type { Guide } from '../../../../shared/guides/model';
import type { EvidenceCategory } from '../../../../shared/evidence/categories';
import { holderApiPath, type EvidenceHolder } from '../../../../shared/evidence/holder';
import type { EvidenceView } from '../../../../shared/evidence/model';
import type { InboxItem } from '../../../../shared/obligations/inbox';
import type { Obligation } from '../../../../shared/obligations/model';
import type { Role } from '../../../../shared/roles';
import type { BoardRow } from '../../../../shared/indicators/board';
import type { IndicatorDetail, ValueView } from '../../../../shared/indicators/view';
import type { FullProviderView, ProviderDetail, PublicProduct, PublicProvider } from '../../../../shared/providers/views';
import type { ProviderStatus, RegisterProviderInput } from '../../../../shared/providers/model';
import type { SelfEvaluation } from '../../../../shared/evaluation/self-evaluation';
import type { SelfEvaluationSheet } from '../../../../shared/evaluation/sheets';
import type { CrossPilotView } from '../../../../shared/evaluation/cross-pilot';
import type { FirmListQuery } from '../../../../shared/evaluation/sme-access';
import type { MaturityCounts } from '../../../../shared/evaluation/maturity';
import type { EnrolInput } from '../../../../shared/sme/lifecycle';
import type { SmeFirm, SmePolicy } from '../../../../shared/sme/model';
import type { ContactPreferences, Robot } from '../../../../shared/notifications/model';
import { newIdempotencyKey, withQuery, type ApiClient } from './client';

/**
 * Typed calls of the API routes in shared/routes.ts. Types are imported as types only, so the
 * schemas behind them stay out of the bundle unless a page validates with them.
 */
export type PilotSummary = ReturnType<typeof pilotSummary>;
export type { ProjectListQuery, ProjectView };

export type { EvidenceView, Guide };

/** A presigned upload (functions/commons/store/evidence-objects.ts): PUT the bytes with exactly these headers. */
export interface UploadTarget {
  uploadId: string;
  expiresAt: string;
  put: { url: string; method: 'PUT'; headers: Record<string, string> };
  post: { url: string; fields: Record<string, string> };
}

export interface UploadDeclaration {
  category: EvidenceCategory;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  invoiceNumber?: string;
}

export interface EvidenceDownload {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** An inbox item as GET /inbox lists it (functions/commons/store/inbox.ts): `id` is what POST …/read takes. */
export type InboxEntry = InboxItem & { id: string };
export interface InboxBox {
  role: Role;
  box: string;
  unread: number;
}
export interface InboxPage {
  box: string;
  unread: number;
  boxes: InboxBox[];
  items: InboxEntry[];
  cursor?: string;
}
export interface InboxQuery {
  box?: string;
  cursor?: string;
  limit?: number;
}
export interface IndicatorBoardPage {
  pilotId: string;
  asOf: string;
  rows: BoardRow[];
}
export type { BoardRow, IndicatorDetail, Obligation, ValueView };

/** GET /pilots/{pilotId}/providers (shared/providers/views.ts `poolView`): full records in scope, public ones otherwise. */
export interface ProviderPool {
  items: Array<FullProviderView | PublicProvider>;
  counts: { inPool: number; comprehensive: number; industry: number; products: number };
}
export type { FullProviderView, ProviderDetail, PublicProduct, PublicProvider, ProviderStatus };

/** GET /pilots/{pilotId}/self-evaluations/{year}: the report and the tables the workbook holds. */
export interface SelfEvaluationPage {
  report: SelfEvaluation;
  sheets: SelfEvaluationSheet[];
}
export type { SelfEvaluationSheet };
/** GET /evaluations/cross-pilot (shared/evaluation/cross-pilot.ts): every pilot's indicators side by side. */
export type { CrossPilotView };

/** A pilot SME as GET /sme-firms/{firmId} answers it (shared/evaluation/sme-access.ts `firmViewFor`): with the steps the caller may take now. */
export type SmeFirmView = SmeFirm & { availableActions: string[] };
/** GET /pilots/{pilotId}/sme-maturity: counts by digital-maturity level against the targets, and the subsidy policy once set. */
export type SmeMaturityPage = MaturityCounts & { pilotId: string; policy: SmePolicy | null };
export type { EnrolInput, FirmListQuery, SmePolicy };

export interface ProjectPage {
  items: ProjectView[];
  cursor?: string;
}

const segment = encodeURIComponent;

export interface NotificationSettings {
  preferences?: ContactPreferences;
  updatedAt?: string;
  offices: { role: Role; robots: Robot[] }[];
}

export function endpoints(api: ApiClient) {
  /**
   * One lifecycle step (shared/projects/lifecycle.ts). `expectedVersion` is the version the user saw
   * (else STALE_VERSION); pass the same key again when retrying the same click.
   */
  const runAction = (projectId: string, action: string, expectedVersion: number, input: unknown, idempotencyKey: string = newIdempotencyKey()) =>
    api.post<ProjectView>(`/projects/${segment(projectId)}/actions/${segment(action)}`, { expectedVersion, input }, { 'idempotency-key': idempotencyKey });

  const runValueAction = (pilotId: string, code: string, period: string, action: string, expectedVersion: number, input: unknown, idempotencyKey: string = newIdempotencyKey()) =>
    api.post<ValueView>(
      `/pilots/${segment(pilotId)}/indicators/${segment(code)}/periods/${segment(period)}/actions/${segment(action)}`,
      { expectedVersion, input },
      { 'idempotency-key': idempotencyKey },
    );

  const runProviderAction = (pilotId: string, providerId: string, action: string, expectedVersion: number, input: unknown, idempotencyKey: string = newIdempotencyKey()) =>
    api.post<FullProviderView | PublicProvider>(
      `/pilots/${segment(pilotId)}/providers/${segment(providerId)}/actions/${segment(action)}`,
      { expectedVersion, input },
      { 'idempotency-key': idempotencyKey },
    );

  return {
    me: () => api.get<Principal>('/me'),
    listPilots: () => api.get<{ items: PilotSummary[] }>('/pilots'),
    getPilot: (pilotId: string) => api.get<Pilot>(`/pilots/${segment(pilotId)}`),
    registerEnterprise: (input: RegisterEnterpriseInput) => api.post<Enterprise>('/enterprises', input),
    getEnterprise: (uscc: string) => api.get<Enterprise>(`/enterprises/${segment(uscc)}`),
    getDossier: (uscc: string) => api.get<Dossier>(`/enterprises/${segment(uscc)}/dossier`),
    /** The caller's list: an enterprise's own projects, an expert's assignments, an office's queue. */
    listProjects: (query: ProjectListQuery = {}) => api.get<ProjectPage>('/projects', { ...query }),
    getProject: (projectId: string) => api.get<ProjectView>(`/projects/${segment(projectId)}`),
    createDraft: (input: CreateDraftInput, idempotencyKey: string = newIdempotencyKey()) =>
      api.post<ProjectView>('/projects', input, { 'idempotency-key': idempotencyKey }),
    runAction,
    saveDraft: (projectId: string, expectedVersion: number, application: Application) => runAction(projectId, 'save_draft', expectedVersion, application),
    listGuides: (pilotId: string) => api.get<{ items: Guide[] }>(`/pilots/${segment(pilotId)}/guides`),
    /** Evidence of any holder: a project, a provider's materials, an indicator period's sources. */
    listEvidence: (holder: EvidenceHolder) => api.get<{ items: EvidenceView[] }>(`${holderApiPath(holder)}/evidence`),
    declareUpload: (holder: EvidenceHolder, declaration: UploadDeclaration) => api.post<UploadTarget>(`${holderApiPath(holder)}/evidence/uploads`, declaration),
    completeUpload: (holder: EvidenceHolder, uploadId: string) =>
      api.post<EvidenceView>(`${holderApiPath(holder)}/evidence/uploads/${segment(uploadId)}/complete`, undefined),
    downloadEvidence: (holder: EvidenceHolder, evidenceId: string) =>
      api.get<EvidenceDownload>(`${holderApiPath(holder)}/evidence/${segment(evidenceId)}/download`),
    /** The caller's inbox (one office's), newest first, with every office's unread count. */
    inbox: (query: InboxQuery = {}) => api.get<InboxPage>('/inbox', { ...query }),
    /** Issue 18: how the caller hears of warnings and reminders outside the app, and each office's group robots. */
    notificationSettings: () => api.get<NotificationSettings>('/me/notifications'),
    saveNotificationPreferences: (preferences: ContactPreferences) => api.put<{ preferences: ContactPreferences }>('/me/notifications', preferences),
    saveOfficeRobots: (role: Role, robots: Robot[]) => api.put<{ role: Role; robots: Robot[] }>(`/me/notifications/robots/${segment(role)}`, { robots }),
    markRead: (itemId: string, box?: string) =>
      api.post<{ itemId: string; read: true; unread: number }>(withQuery(`/inbox/${segment(itemId)}/read`, { box }), undefined),
    listObligations: (projectId: string) => api.get<{ items: Obligation[] }>(`/projects/${segment(projectId)}/obligations`),
    fulfilObligation: (obligationId: string, note: string) => api.post<Obligation>(`/obligations/${segment(obligationId)}/fulfil`, { note }),
    indicatorBoard: (pilotId: string) => api.get<IndicatorBoardPage>(`/pilots/${segment(pilotId)}/indicators`),
    getIndicator: (pilotId: string, code: string) => api.get<IndicatorDetail>(`/pilots/${segment(pilotId)}/indicators/${segment(code)}`),
    runValueAction,
    listProviders: (pilotId: string, status?: ProviderStatus) => api.get<ProviderPool>(`/pilots/${segment(pilotId)}/providers`, { status }),
    getProvider: (pilotId: string, providerId: string) => api.get<ProviderDetail>(`/pilots/${segment(pilotId)}/providers/${segment(providerId)}`),
    /** 002 §三(一)2(2) 申报注册: the caller's own provider (its id comes from the token) joins the pilot's pool as applied. */
    registerProvider: (pilotId: string, input: RegisterProviderInput, idempotencyKey: string = newIdempotencyKey()) =>
      api.post<FullProviderView>(`/pilots/${segment(pilotId)}/providers`, input, { 'idempotency-key': idempotencyKey }),
    runProviderAction,
    /** The 小快轻准 catalogue: listed products of providers in the pool. */
    catalogue: (pilotId: string) => api.get<{ items: PublicProduct[] }>(`/pilots/${segment(pilotId)}/catalogue`),
    selfEvaluation: (pilotId: string, year: number) => api.get<SelfEvaluationPage>(`/pilots/${segment(pilotId)}/self-evaluations/${year}`),
    /** The self-evaluation workbook (xlsx) as bytes and the file name the server gave it. */
    selfEvaluationWorkbook: (pilotId: string, year: number) => api.download(`/pilots/${segment(pilotId)}/self-evaluations/${year}/workbook`),
    /** 108号: every pilot's indicators side by side, for a supervisor. */
    crossPilot: () => api.get<CrossPilotView>('/evaluations/cross-pilot'),
    /** The SME path (004): the caller's pilot SMEs (an enterprise's own), one firm, enrolment, a step, the maturity counts, the subsidy table. */
    listSmeFirms: (query: FirmListQuery = {}) => api.get<{ items: SmeFirmView[] }>('/sme-firms', { ...query }),
    getSmeFirm: (firmId: string) => api.get<SmeFirmView>(`/sme-firms/${segment(firmId)}`),
    enrolSmeFirm: (input: EnrolInput, idempotencyKey: string = newIdempotencyKey()) =>
      api.post<SmeFirmView>('/sme-firms', input, { 'idempotency-key': idempotencyKey }),
    /** One step of the SME path (shared/sme/lifecycle.ts) with the version the user saw; the same key again when retrying the same click. */
    runSmeAction: (firmId: string, action: string, expectedVersion: number, input: unknown, idempotencyKey: string = newIdempotencyKey()) =>
      api.post<SmeFirmView>(`/sme-firms/${segment(firmId)}/actions/${segment(action)}`, { expectedVersion, input }, { 'idempotency-key': idempotencyKey }),
    /** The deadlines of any holder that owes some (a project, a provider in a pool, a pilot SME). */
    listHolderObligations: (holder: EvidenceHolder) => api.get<{ items: Obligation[] }>(`${holderApiPath(holder)}/obligations`),
    smeMaturity: (pilotId: string) => api.get<SmeMaturityPage>(`/pilots/${segment(pilotId)}/sme-maturity`),
    putSmePolicy: (pilotId: string, policy: SmePolicy) => api.put<SmePolicy>(`/pilots/${segment(pilotId)}/sme-policy`, policy),
    removeEvidence: (projectId: string, evidenceId: string) => api.request<void>('DELETE', `/projects/${segment(projectId)}/evidence/${segment(evidenceId)}`),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
