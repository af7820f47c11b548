import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { checkComprehensiveProvider, checkPlanProvider } from '../../../shared/providers/links';
import type { SmeDecision } from '../../../shared/sme/decide';
import type { SmeFirm, SmePolicy } from '../../../shared/sme/model';
import type { IdempotencyClaim, RememberedResponse } from './idempotency';
import { keys } from './keys';
import { smeDecisionItems, withDeadlines } from './obligations';
import { getProvider } from './providers';
import { getRecord, queryAll, strip, type StoredItem } from './records';
import { auditPut, commitVersioned } from './versioned';

/**
 * Pilot SMEs (004 武清 SME plan) in the `records` table, written like projects: the firm conditioned on
 * the version the caller read, with its audit event, in one transaction. Every item carries the
 * enterprise's key, so the firm joins its dossier (一企一档); the pilot's (and town's) list is one
 * partition of byQueue (byTownQueue), sorted by status.
 */
function firmItem(firm: SmeFirm): StoredItem {
  return {
    ...keys.smeFirm(firm.id),
    itemType: 'smeFirm',
    enterprisePk: keys.enterprisePartition(firm.uscc),
    enterpriseSk: `SME#${firm.id}`,
    queuePk: keys.smeList(firm.pilotId),
    townQueuePk: keys.smeTownList(firm.pilotId, firm.town),
    queueSk: `${firm.status}#${firm.id}`,
    ...firm,
  };
}

export async function getFirm(firmId: string): Promise<SmeFirm | undefined> {
  return getRecord<SmeFirm>(keys.smeFirm(firmId));
}

export async function saveSmeDecision(
  before: SmeFirm | undefined,
  decision: SmeDecision,
  response: RememberedResponse,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<RememberedResponse> {
  const { firm, event } = decision;
  const audit = auditPut(keys.smePartition(firm.id), event, firm.version, { firmId: firm.id, pilotId: firm.pilotId }, firm.uscc);
  // The batch's deadlines open, close or cancel with the decision (shared/obligations/sme-lifecycle.ts).
  return withDeadlines((offset, room) => smeDecisionItems(decision, offset, room), [audit], claim !== undefined, (extra) =>
    commitVersioned(
      {
        item: firmItem(firm),
        expectedVersion: before?.version,
        extra,
        currentVersion: async () => (await getFirm(firm.id))?.version,
      },
      response,
      claim,
      now,
    ),
  );
}

/** A pilot's firms (optionally one town's, optionally in one status): bounded by the pilot's ≥524 firms. */
export async function firmsOfPilot(pilotId: string, options: { town?: string | undefined; status?: string | undefined } = {}): Promise<SmeFirm[]> {
  const byTown = options.town !== undefined;
  const condition = `${byTown ? 'townQueuePk' : 'queuePk'} = :pk${options.status ? ' AND begins_with(queueSk, :status)' : ''}`;
  const items = await queryAll({
    IndexName: byTown ? 'byTownQueue' : 'byQueue',
    KeyConditionExpression: condition,
    ExpressionAttributeValues: {
      ':pk': byTown ? keys.smeTownList(pilotId, options.town ?? '') : keys.smeList(pilotId),
      ...(options.status ? { ':status': `${options.status}#` } : {}),
    },
  });
  return items.map((item) => strip<SmeFirm>(item));
}

/** An enterprise's own pilot-SME records. */
export async function firmsOfEnterprise(uscc: string): Promise<SmeFirm[]> {
  const items = await queryAll({
    IndexName: 'byEnterprise',
    KeyConditionExpression: 'enterprisePk = :pk AND begins_with(enterpriseSk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.enterprisePartition(uscc), ':prefix': 'SME#' },
  });
  return items.filter((item) => item.itemType === 'smeFirm').map((item) => strip<SmeFirm>(item));
}

export async function getSmePolicy(pilotId: string): Promise<SmePolicy | undefined> {
  const item = await getRecord<SmePolicy & { setAt: string; setBy: string }>(keys.smePolicy(pilotId));
  return item ? { subsidyWanByLevel: item.subsidyWanByLevel } : undefined;
}

/** 004 §四(二)5: the pilot's subsidy amounts by level, set by the bureau (the seed names no amounts). */
export async function putSmePolicy(pilotId: string, policy: SmePolicy, by: string, at: string): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableNames.records, Item: { ...keys.smePolicy(pilotId), itemType: 'smePolicy', pilotId, ...policy, setAt: at, setBy: by } }));
}

/**
 * Looks up the providers an SME decision names and checks them against the pool
 * (shared/providers/links.ts): the comprehensive provider at enrolment, the plan's provider and products.
 */
export async function verifySmeReferences(decision: SmeDecision): Promise<void> {
  const { firm, event } = decision;
  if (event.action === 'enrol') checkComprehensiveProvider(await getProvider(firm.pilotId, firm.comprehensiveProviderId));
  if (event.action === 'adopt_plan' && firm.plan) checkPlanProvider(firm.plan.details, await getProvider(firm.pilotId, firm.plan.details.providerId));
}
