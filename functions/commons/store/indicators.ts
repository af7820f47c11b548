import type { EnterpriseScale } from '../../../shared/enterprises/model';
import type { DerivationSources } from '../../../shared/indicators/derived';
import type { ValueDecision } from '../../../shared/indicators/decide';
import type { ReportedValue, ValueHistoryEntry } from '../../../shared/indicators/model';
import { DomainError } from '../../../shared/errors';
import { assertPilotReader } from '../../../shared/evaluation/access';
import type { Warning } from '../../../shared/obligations/model';
import type { Indicator, Pilot } from '../../../shared/pilots/model';
import type { Principal } from '../../../shared/roles';
import { ProjectStatus, type Project } from '../../../shared/projects/model';
import { sweepWarningsOfPilot } from './deadlines';
import { getEnterprise } from './enterprises';
import type { IdempotencyClaim, RememberedResponse } from './idempotency';
import { keys } from './keys';
import { getPilot } from './pilots';
import { projectsInStatus } from './projects';
import { providersOfPilot } from './providers';
import { getRecord, queryAll, strip } from './records';
import { firmsOfPilot } from './sme';
import { commitVersioned, put } from './versioned';
import { valueDecisionItems, withDeadlines } from './obligations';

/**
 * Reported indicator values: one item per pilot, indicator and period in the pilot's indicator
 * partition, and one history item per change beside it, written in the same transaction. Also the
 * loader of everything a derived indicator is computed from (shared/indicators/derived.ts).
 */
export async function getReportedValue(pilotId: string, code: string, period: string): Promise<ReportedValue | undefined> {
  return getRecord<ReportedValue>(keys.reportedValue(pilotId, code, period));
}

export async function saveValueDecision(
  before: ReportedValue | undefined,
  decision: ValueDecision,
  response: RememberedResponse,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<RememberedResponse> {
  const { value, event } = decision;
  const history: ValueHistoryEntry & { itemType: string; pk: string; sk: string } = {
    ...keys.valueHistory(value.pilotId, value.code, value.period, value.version),
    itemType: 'indicatorValueHistory',
    version: value.version,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    at: event.at,
    actorSubject: event.actorSubject,
    actorRole: event.actorRole,
    summary: event.summary,
    figures: value.working,
  };
  // A submission fulfils the data unit's reporting deadline in the same transaction (issue 18).
  return withDeadlines((offset, room) => valueDecisionItems(decision, offset, room), [put(history)], claim !== undefined, (extra) =>
    commitVersioned(
      {
        item: { ...keys.reportedValue(value.pilotId, value.code, value.period), itemType: 'indicatorValue', ...value },
        expectedVersion: before?.version,
        extra,
        currentVersion: async () => (await getReportedValue(value.pilotId, value.code, value.period))?.version,
      },
      response,
      claim,
      now,
    ),
  );
}

/** Every reported value of a pilot (bounded: indicators × periods). */
export async function reportedValuesOfPilot(pilotId: string): Promise<ReportedValue[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.indicatorPartition(pilotId), ':prefix': 'VALUE#' },
  });
  return items.map((item) => strip<ReportedValue>(item));
}

/** The change history of one indicator's values, oldest first per period. */
export async function valueHistory(pilotId: string, code: string): Promise<Array<ValueHistoryEntry & { period: string }>> {
  const prefix = `HISTORY#${code}#`;
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.indicatorPartition(pilotId), ':prefix': prefix },
  });
  return items.map((item) => ({ ...strip<ValueHistoryEntry>(item), period: item.sk.slice(prefix.length).split('#')[0] ?? '' }));
}

/** Every project of a pilot, in every status (bounded: one pilot's key projects). */
export async function projectsOfPilot(pilotId: string): Promise<Project[]> {
  const projects: Project[] = [];
  for (const status of ProjectStatus.options) {
    let cursor: string | undefined;
    do {
      const page = await projectsInStatus(pilotId, status, undefined, cursor);
      projects.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return projects;
}

/** The records a pilot's derived indicators are computed from. */
export async function derivationSources(pilot: Pick<Pilot, 'id'>): Promise<DerivationSources> {
  const [projects, providers, smeFirms] = await Promise.all([projectsOfPilot(pilot.id), providersOfPilot(pilot.id), firmsOfPilot(pilot.id)]);
  const enterpriseScale = new Map<string, EnterpriseScale>();
  for (const uscc of new Set(projects.map((project) => project.uscc))) {
    const enterprise = await getEnterprise(uscc);
    if (enterprise) enterpriseScale.set(uscc, enterprise.scale);
  }
  return { projects, enterpriseScale, providers, smeFirms };
}

/** The pilot, if the caller may read its evaluations (shared/evaluation/access.ts); 404 otherwise. */
export async function pilotFor(actor: Principal, pilotId: string): Promise<Pilot> {
  assertPilotReader(actor, pilotId);
  const pilot = await getPilot(pilotId);
  if (!pilot) throw new DomainError('NOT_FOUND');
  return pilot;
}

/** A pilot and one of its indicators; 404 when either is missing (scope is the domain's to check). */
export async function pilotIndicator(pilotId: string, code: string): Promise<{ pilot: Pilot; indicator: Indicator }> {
  const pilot = await getPilot(pilotId);
  const indicator = pilot?.indicators.find((candidate) => candidate.code === code);
  if (!pilot || !indicator) throw new DomainError('NOT_FOUND');
  return { pilot, indicator };
}

/**
 * What a pilot's yearly self-evaluation is built from (shared/evaluation/self-evaluation.ts), read
 * at once: its reported values, the records its derived indicators and counts read, and the
 * warnings the deadline sweep raised in it. The JSON route and the workbook route read the same.
 */
export async function selfEvaluationInputs(pilot: Pilot): Promise<{ values: ReportedValue[]; sources: DerivationSources; sweepWarnings: Warning[] }> {
  const [values, sources, sweepWarnings] = await Promise.all([reportedValuesOfPilot(pilot.id), derivationSources(pilot), sweepWarningsOfPilot(pilot.id)]);
  return { values, sources, sweepWarnings };
}
