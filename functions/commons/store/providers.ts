import type { ProviderDecision, ProviderEnv } from '../../../shared/providers/decide';
import { EngagementInput } from '../../../shared/providers/lifecycle';
import type { Provider } from '../../../shared/providers/model';
import type { IdempotencyClaim, RememberedResponse } from './idempotency';
import { keys } from './keys';
import { providerDecisionItems, withDeadlines } from './obligations';
import { getStoredProject } from './projects';
import { getRecord, queryAll, strip, type StoredItem } from './records';
import { auditPut, commitVersioned } from './versioned';

/**
 * Providers of a pilot's pool: one item each (its products and engagements inside), its audit trail
 * in its own partition, and the pool as one partition of the byQueue index, so the pool, the
 * catalogue and the counts are one query.
 */
function providerItem(provider: Provider): StoredItem {
  return {
    ...keys.provider(provider.pilotId, provider.id),
    itemType: 'provider',
    queuePk: keys.providerPool(provider.pilotId),
    queueSk: `${provider.id}`,
    ...provider,
  };
}

export async function getProvider(pilotId: string, providerId: string): Promise<Provider | undefined> {
  return getRecord<Provider>(keys.provider(pilotId, providerId));
}

export async function saveProviderDecision(
  before: Provider | undefined,
  decision: ProviderDecision,
  response: RememberedResponse,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<RememberedResponse> {
  const { provider, event } = decision;
  const partition = keys.providerPartition(provider.pilotId, provider.id);
  const audit = auditPut(partition, event, provider.version, { providerId: provider.id, pilotId: provider.pilotId });
  // A rectification order's deadline opens, closes or cancels with the decision (shared/obligations/provider-lifecycle.ts).
  return withDeadlines((offset, room) => providerDecisionItems(decision, offset, room), [audit], claim !== undefined, (extra) =>
    commitVersioned(
      {
        item: providerItem(provider),
        expectedVersion: before?.version,
        extra,
        currentVersion: async () => (await getProvider(provider.pilotId, provider.id))?.version,
      },
      response,
      claim,
      now,
    ),
  );
}

/** The whole pool of a pilot, every status (bounded: tens of providers). */
export async function providersOfPilot(pilotId: string): Promise<Provider[]> {
  const items = await queryAll({ IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :pk', ExpressionAttributeValues: { ':pk': keys.providerPool(pilotId) } });
  return items.map((item) => strip<Provider>(item));
}

/** What an action needs looked up: the project an engagement names (002 §三(一)2(2) 供需对接). */
export async function providerEnv(action: string, input: unknown): Promise<ProviderEnv> {
  if (action !== 'record_engagement') return {};
  const parsed = EngagementInput.safeParse(input);
  if (!parsed.success) return {};
  const stored = await getStoredProject(parsed.data.projectId);
  return stored ? { project: { id: stored.project.id, pilotId: stored.project.pilotId } } : {};
}
