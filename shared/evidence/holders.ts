import * as z from 'zod';
import { DomainError } from '../errors';
import { TERMINAL_STATUSES } from '../projects/lifecycle';
import { preconditionFailed } from '../projects/machine';
import type { Project, ProjectStatus } from '../projects/model';
import { Id } from '../projects/values';
import { roleScopeFits } from '../projects/visibility';
import type { Indicator } from '../pilots/model';
import { valueScopeFits } from '../indicators/decide';
import { VALUE_ACTIONS, type ReportedValue } from '../indicators/model';
import { Period } from '../indicators/period';
import { canSeeProvider } from '../providers/decide';
import { canSeeFirm, smeScopeFits } from '../sme/decide';
import { SME_TERMINAL_STATUSES } from '../sme/lifecycle';
import type { SmeFirm, SmeStatus } from '../sme/model';
import { PROVIDER_TERMINAL_STATUSES } from '../providers/lifecycle';
import type { Provider, ProviderStatus } from '../providers/model';
import type { Principal, Role } from '../roles';
import { worksInPilot } from '../scope';
import type { CategoryDefinition } from './categories';
import { projectHolder, type EvidenceHolder } from './holder';

/**
 * The rules of evidence holders (what a holder is and where it lives: holder.ts, which the web app
 * imports without pulling these rules and their schemas into its first chunk): reading a holder back
 * from a storage key and from a route's path, who may hand in and read its files, and whether it
 * still takes them.
 */

function ids(values: readonly (string | undefined)[]): string[] | undefined {
  const parsed = values.map((value) => Id.safeParse(value));
  return parsed.every((result) => result.success) ? parsed.map((result) => result.data as string) : undefined;
}

/**
 * The inverse of `storageKey`. Anything else in the bucket (GuardDuty's own validation object
 * `malware-protection-resource-validation-object`, for one) is not evidence.
 */
export function holderOfKey(key: string): { holder: EvidenceHolder; uploadId: string } | undefined {
  const segments = key.split('/');
  const [type, ...rest] = segments;
  if (type === 'projects' && rest.length === 2) {
    const parsed = ids(rest);
    return parsed && { holder: { type: 'project', projectId: parsed[0]! }, uploadId: parsed[1]! };
  }
  if (type === 'providers' && rest.length === 3) {
    const parsed = ids(rest);
    return parsed && { holder: { type: 'provider', pilotId: parsed[0]!, providerId: parsed[1]! }, uploadId: parsed[2]! };
  }
  if (type === 'sme-firms' && rest.length === 2) {
    const parsed = ids(rest);
    return parsed && { holder: { type: 'sme', firmId: parsed[0]! }, uploadId: parsed[1]! };
  }
  if (type === 'indicators' && rest.length === 4) {
    const parsed = ids(rest);
    const period = Period.safeParse(rest[2]);
    return parsed && period.success ? { holder: { type: 'indicator', pilotId: parsed[0]!, code: parsed[1]!, period: period.data }, uploadId: parsed[3]! } : undefined;
  }
  return undefined;
}


/**
 * The evidence routes' path parameters, for every holder: one handler per operation serves all three
 * route families, and the parameters present say which holder is meant.
 */
const ProjectHolderPath = z.object({ projectId: Id });
const ProviderHolderPath = z.object({ pilotId: Id, providerId: Id });
const IndicatorHolderPath = z.object({ pilotId: Id, code: Id, period: Period });
const SmeHolderPath = z.object({ firmId: Id });

function toHolder(path: Record<string, string>): EvidenceHolder {
  if ('projectId' in path) return { type: 'project', projectId: path.projectId! };
  if ('providerId' in path) return { type: 'provider', pilotId: path.pilotId!, providerId: path.providerId! };
  if ('firmId' in path) return { type: 'sme', firmId: path.firmId! };
  return { type: 'indicator', pilotId: path.pilotId!, code: path.code!, period: path.period! };
}

/** The holder named by a route's path, plus the route's own parameters (`uploadId`, `evidenceId`). */
export function holderPath<Extra extends z.ZodRawShape>(extra: Extra) {
  const shapes = [ProjectHolderPath, ProviderHolderPath, IndicatorHolderPath, SmeHolderPath].map((schema) => schema.extend(extra));
  return z.union([shapes[0]!, shapes[1]!, shapes[2]!, shapes[3]!]).transform((path) => {
    const { projectId: _p, pilotId: _l, providerId: _v, code: _c, period: _d, firmId: _f, ...own } = path as Record<string, string>;
    return { holder: toHolder(path as Record<string, string>), ...(own as { [K in keyof Extra]: z.output<Extra[K]> }) };
  });
}

/**
 * The holder as loaded by the store, with what the rules need to decide: the project; the provider
 * (absent until it registers — its materials are uploaded first); the indicator and its value
 * (absent until the first draft — the data source may come first).
 */
export type LoadedHolder =
  | { type: 'project'; holder: Extract<EvidenceHolder, { type: 'project' }>; project: Project }
  | { type: 'provider'; holder: Extract<EvidenceHolder, { type: 'provider' }>; provider?: Provider }
  | { type: 'indicator'; holder: Extract<EvidenceHolder, { type: 'indicator' }>; indicator: Indicator; value?: ReportedValue }
  | { type: 'sme'; holder: Extract<EvidenceHolder, { type: 'sme' }>; firm: SmeFirm };

/** A project as the holder of its evidence, for callers that loaded it themselves. */
export const loadedProject = (project: Project): LoadedHolder => ({ type: 'project', holder: projectHolder(project.id), project });

/** The enterprise whose dossier (一企一档) receives the holder's evidence: a project's or a pilot SME's. */
export function dossierOf(loaded: LoadedHolder): string | undefined {
  if (loaded.type === 'project') return loaded.project.uscc;
  if (loaded.type === 'sme') return loaded.firm.uscc;
  return undefined;
}

function isOwnProvider(actor: Principal, holder: { providerId: string }): boolean {
  return actor.roles.includes('provider') && actor.providerId === holder.providerId;
}

/** Whether `role` may act on the holder's evidence for `actor` at all (its scope); the category decides the rest. */
export function holderScopeFits(role: Role, actor: Principal, loaded: LoadedHolder): boolean {
  switch (loaded.type) {
    case 'project':
      return roleScopeFits(role, actor, loaded.project);
    case 'provider':
      return role === 'provider' && isOwnProvider(actor, loaded.holder);
    case 'indicator':
      // Sources come with the figure: whoever may draft it (VALUE_ACTIONS.save), within its scope.
      return (VALUE_ACTIONS.save.roles as readonly Role[]).includes(role) && valueScopeFits(role, actor, { pilotId: loaded.holder.pilotId, responsibleUnit: loaded.indicator.responsibleUnit });
    case 'sme':
      return smeScopeFits(role, actor, loaded.firm);
  }
}

// The indicator routes' readers (shared/routes.ts): officials and data units of the pilot, supervisors of any.
const INDICATOR_READERS: readonly Role[] = ['data_unit', 'town', 'bureau', 'finance', 'operator'];

/** Who may list and download the holder's evidence; anyone else is answered as if it did not exist. */
export function canReadHolder(actor: Principal, loaded: LoadedHolder): boolean {
  switch (loaded.type) {
    case 'project':
      return actor.roles.some((role) => roleScopeFits(role, actor, loaded.project));
    case 'provider':
      if (isOwnProvider(actor, loaded.holder)) return true;
      return loaded.provider !== undefined && canSeeProvider(actor, loaded.provider);
    case 'indicator':
      return worksInPilot(actor, loaded.holder.pilotId, INDICATOR_READERS);
    case 'sme':
      return canSeeFirm(actor, loaded.firm);
  }
}

/** The closed states in which a project's money still moves (shared/projects/lifecycle.ts order_funds, record_tranche). */
const MONEY_AFTER_CLOSING: readonly ProjectStatus[] = ['accepted', 'terminated'];

/**
 * Whether the holder still takes new files: not a closed project, not a rejected or eliminated
 * provider, not a derived indicator nor a locked period, not a subsidised or withdrawn SME. ILLEGAL_TRANSITION otherwise, as any change
 * a lifecycle does not allow.
 */
export function assertTakesUploads(loaded: LoadedHolder, category?: Pick<CategoryDefinition, 'afterClosing'>): void {
  switch (loaded.type) {
    case 'project':
      if (category?.afterClosing && MONEY_AFTER_CLOSING.includes(loaded.project.status)) return;
      if ((TERMINAL_STATUSES as readonly ProjectStatus[]).includes(loaded.project.status)) {
        throw new DomainError('ILLEGAL_TRANSITION', { details: { status: loaded.project.status } });
      }
      return;
    case 'provider':
      if (loaded.provider && (PROVIDER_TERMINAL_STATUSES as readonly ProviderStatus[]).includes(loaded.provider.status)) {
        throw new DomainError('ILLEGAL_TRANSITION', { details: { status: loaded.provider.status } });
      }
      return;
    case 'indicator':
      if (loaded.indicator.source !== 'reported') preconditionFailed('该指标由平台数据自动计算，无需上传佐证材料', 'derived_indicator');
      if (loaded.value?.status === 'locked') throw new DomainError('ILLEGAL_TRANSITION', { details: { status: 'locked' } });
      return;
    case 'sme':
      if ((SME_TERMINAL_STATUSES as readonly SmeStatus[]).includes(loaded.firm.status)) {
        throw new DomainError('ILLEGAL_TRANSITION', { details: { status: loaded.firm.status } });
      }
      return;
  }
}
