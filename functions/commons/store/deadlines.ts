import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import type { Project, ProjectStatus } from '../../../shared/projects/model';
import type { InboxItem } from '../../../shared/obligations/inbox';
import type { Obligation, Warning } from '../../../shared/obligations/model';
import type { PeriodicPort } from '../../../shared/obligations/periodic';
import { forEachLimited, type DeadlinePort, type MarkName, type Miss } from '../../../shared/obligations/sweep';
import { inboxWrites, type TransactItem } from './inbox';
import { keys } from './keys';
import { cancellationCodes, fromObligationItem, obligationKeys, openObligation } from './obligations';
import { listPilots } from './pilots';
import { projectsInStatus } from './projects';
import { queryAll, strip } from './records';

/**
 * The timers' storage port (shared/obligations/sweep.ts, reminders.ts, periodic.ts) on DynamoDB.
 * `readStats` counts what the due-day queries returned and the capacity they consumed, for the bench.
 */
export const readStats = { queries: 0, items: 0, capacityUnits: 0 };

const MARK_PK = 'MARK';
const OPEN = { '#status': 'status' } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction whose conditions decide whether it should happen at all. A cancellation for a
 * failed condition on `decisive` means "already done elsewhere" (false); one caused only by a
 * concurrent transaction on the same items (TransactionConflict) is retried, so a lost race never
 * drops a warning.
 */
async function conditionalTransaction(items: TransactItem[], decisive: readonly number[]): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      const codes = cancellationCodes(error);
      if (decisive.some((index) => codes[index] === 'ConditionalCheckFailed')) return false;
      if (codes.includes('ConditionalCheckFailed') || attempt >= 8) throw error;
      await sleep(20 * 2 ** attempt + Math.random() * 20);
    }
  }
}

function warningItem(warning: Warning): Record<string, unknown> {
  // The pilot's list (byQueue) is what its yearly self-evaluation counts (shared/evaluation/self-evaluation.ts).
  const item: Record<string, unknown> = {
    pk: `WARNING#${warning.id}`,
    sk: 'WARNING',
    itemType: 'warning',
    queuePk: keys.pilotWarnings(warning.pilotId),
    queueSk: `${warning.raisedAt}#${warning.id}`,
    ...warning,
  };
  // A warning on the enterprise's own duty belongs in its dossier (一企一档); an official's escalation does not.
  if (warning.uscc && warning.severity === 'warning') {
    item.enterprisePk = keys.enterprisePartition(warning.uscc);
    item.enterpriseSk = `WARNING#${warning.raisedAt}#${warning.id}`;
  }
  return item;
}

function leaveOpen(obligation: Obligation, to: 'missed' | 'cancelled', at: string, reason?: string): TransactItem {
  const stamp = to === 'missed' ? 'missedAt' : 'cancelledAt';
  return {
    Update: {
      TableName: tableNames.obligations,
      Key: obligationKeys.obligation(obligation),
      UpdateExpression: `SET #status = :to, ${stamp} = :at${reason ? ', cancelReason = :reason' : ''} REMOVE openDueDay`,
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: OPEN,
      ExpressionAttributeValues: { ':to': to, ':open': 'open', ':at': at, ...(reason ? { ':reason': reason } : {}) },
    },
  };
}

async function* dueOpen(day: string): AsyncIterable<Obligation[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableNames.obligations,
        IndexName: 'openByDueDay',
        KeyConditionExpression: 'openDueDay = :day',
        ExpressionAttributeValues: { ':day': day },
        ReturnConsumedCapacity: 'TOTAL',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    readStats.queries += 1;
    readStats.items += page.Items?.length ?? 0;
    readStats.capacityUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    if (page.Items && page.Items.length > 0) yield page.Items.map(fromObligationItem);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function projects(projectIds: readonly string[]): Promise<ReadonlyMap<string, Project>> {
  const found = new Map<string, Project>();
  const chunks: string[][] = [];
  for (let start = 0; start < projectIds.length; start += 100) chunks.push(projectIds.slice(start, start + 100));
  // A page of due obligations names up to a few thousand projects: their BatchGets go a few at a time.
  await forEachLimited(chunks, 8, async (chunk) => {
    let batch: Record<string, unknown>[] | undefined = chunk.map((id) => keys.project(id));
    while (batch && batch.length > 0) {
      const result: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableNames.records]: { Keys: batch, ConsistentRead: true } } }));
      for (const item of result.Responses?.[tableNames.records] ?? []) {
        const { statusSince: _statusSince, ...project } = strip<Project & { statusSince?: string }>(item);
        found.set(project.id, project as Project);
      }
      batch = result.UnprocessedKeys?.[tableNames.records]?.Keys;
    }
  });
  return found;
}

async function mark(name: MarkName): Promise<string | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.obligations, Key: { pk: MARK_PK, sk: name }, ConsistentRead: true }));
  return result.Item?.day as string | undefined;
}

async function advanceMark(name: MarkName, day: string): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableNames.obligations,
        Item: { pk: MARK_PK, sk: name, day },
        ConditionExpression: 'attribute_not_exists(#day) OR #day < :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

async function* projectsIn(pilotId: string, status: ProjectStatus): AsyncIterable<Project[]> {
  let cursor: string | undefined;
  do {
    const page = await projectsInStatus(pilotId, status, undefined, cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** The writes of one miss: open → missed, the warning, its inbox items (their counters apart). */
function missWrites(miss: Miss, at: string): TransactItem[] {
  return [leaveOpen(miss.obligation, 'missed', at), { Put: { TableName: tableNames.records, Item: warningItem(miss.warning), ConditionExpression: 'attribute_not_exists(pk)' } }];
}

const recordMiss = (obligation: Obligation, warning: Warning, inbox: readonly InboxItem[], at: string): Promise<boolean> =>
  conditionalTransaction([...missWrites({ obligation, warning, inbox }, at), ...inboxWrites(inbox)], [0]);

/** TransactWriteItems takes at most 100 items. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Several misses in as few transactions as fit (at most 100 items: per miss two writes and its inbox
 * items, plus one counter increment per office and shard). Each transaction is conditioned on every
 * one of its obligations being open; when one was not (a concurrent run, a fulfilment), or the
 * transaction kept conflicting, its misses are written one by one, each deciding for itself.
 */
async function recordMisses(misses: readonly Miss[], at: string): Promise<boolean[]> {
  const groups: Miss[][] = [];
  let size = 0;
  for (const miss of misses) {
    // Worst case: every inbox item in a counter shard of its own.
    const cost = 2 + 2 * miss.inbox.length;
    if (groups.length === 0 || size + cost > MAX_TRANSACTION_ITEMS) {
      groups.push([]);
      size = 0;
    }
    groups.at(-1)?.push(miss);
    size += cost;
  }
  const answers = await Promise.all(
    groups.map(async (group): Promise<boolean[]> => {
      const [only] = group;
      if (group.length === 1 && only) return [await recordMiss(only.obligation, only.warning, only.inbox, at)];
      const items = [...group.flatMap((miss) => missWrites(miss, at)), ...inboxWrites(group.flatMap((miss) => miss.inbox))];
      const decisive = group.map((_, position) => 2 * position);
      const written = await conditionalTransaction(items, decisive).catch((error: unknown) => {
        if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
        throw error;
      });
      if (written) return group.map(() => true);
      return Promise.all(group.map((miss) => recordMiss(miss.obligation, miss.warning, miss.inbox, at)));
    }),
  );
  return answers.flat();
}

export const deadlineStore: DeadlinePort & PeriodicPort = {
  mark,
  advanceMark,
  dueOpen,
  projects,
  projectsIn,
  pilots: listPilots,
  openIfAbsent: openObligation,

  // open → missed, the warning and its inbox items: all or nothing, and only once.
  recordMiss,
  // Twelve misses a transaction (at most 8 items each, within the 100-item limit): on DynamoDB Local a
  // transaction of twelve took about what three of one did (npm run bench -- --only deadlines).
  missesPerTransaction: 12,
  recordMisses,

  cancel: (obligation, reason, at) => conditionalTransaction([leaveOpen(obligation, 'cancelled', at, reason)], [0]),

  // One marker per (obligation, offset), written with the inbox items, only while the obligation is open.
  recordReminder: (obligation: Obligation, offset: number, inbox: readonly InboxItem[], at: string) =>
    conditionalTransaction(
      [
        {
          Put: {
            TableName: tableNames.obligations,
            Item: { ...obligationKeys.reminder(obligation, offset), obligationId: obligation.id, offset, sentAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: tableNames.obligations,
            Key: obligationKeys.obligation(obligation),
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: OPEN,
            ExpressionAttributeValues: { ':open': 'open' },
          },
        },
        ...inboxWrites(inbox),
      ],
      [0, 1],
    ),
};

/** The warnings and escalations the sweep raised in a pilot, oldest first (its byQueue list). */
export async function sweepWarningsOfPilot(pilotId: string): Promise<Warning[]> {
  const items = await queryAll({ IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :pk', ExpressionAttributeValues: { ':pk': keys.pilotWarnings(pilotId) } });
  return items.map((item) => strip<Warning>(item));
}
