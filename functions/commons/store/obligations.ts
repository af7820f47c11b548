import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import type { Obligation, Warning } from '../../../shared/obligations/model';
import { keys } from './keys';

/**
 * Obligations live in their own table; an open one carries `openDueDay`, the key of the sparse
 * index a sweep queries. Warnings live in `records` beside the enterprise's other items (一企一档).
 */
const SWEEP_STATE_KEY = { pk: 'SWEEP', sk: 'STATE' };

const obligationKey = (id: string) => ({ pk: `OBLIGATION#${id}`, sk: 'OBLIGATION' });

export async function openObligation(obligation: Obligation): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableNames.obligations,
      Item: { ...obligationKey(obligation.id), ...obligation, openDueDay: obligation.dueDay },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function dueOpenObligations(day: string): Promise<Obligation[]> {
  const found: Obligation[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableNames.obligations,
        IndexName: 'openByDueDay',
        KeyConditionExpression: 'openDueDay = :day',
        ExpressionAttributeValues: { ':day': day },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, openDueDay: _openDueDay, ...obligation } = item;
      found.push(obligation as Obligation);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/**
 * Marks the obligation missed and records its warning in one transaction. Both writes are
 * conditional: a rerun or a concurrent sweep finds the obligation no longer open and the warning
 * present, so it writes nothing. Returns false when another run got there first.
 */
export async function recordMiss(obligation: Obligation, warning: Warning, at: string): Promise<boolean> {
  const warningItem: Record<string, unknown> = { pk: `WARNING#${warning.id}`, sk: 'WARNING', itemType: 'warning', ...warning };
  if (warning.uscc) {
    warningItem.enterprisePk = keys.enterprisePartition(warning.uscc);
    warningItem.enterpriseSk = `WARNING#${warning.raisedAt}#${warning.id}`;
  }
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableNames.obligations,
              Key: obligationKey(obligation.id),
              UpdateExpression: 'SET #status = :missed, closedAt = :at REMOVE openDueDay',
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':missed': 'missed', ':open': 'open', ':at': at },
            },
          },
          { Put: { TableName: tableNames.records, Item: warningItem, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}

export async function lastSweptDay(): Promise<string | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.obligations, Key: SWEEP_STATE_KEY, ConsistentRead: true }));
  return result.Item?.lastSweptDay as string | undefined;
}

/** Advances the sweep mark only forwards, so a slower concurrent run cannot move it back. */
export async function markSwept(day: string): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableNames.obligations,
        Item: { ...SWEEP_STATE_KEY, lastSweptDay: day },
        ConditionExpression: 'attribute_not_exists(lastSweptDay) OR lastSweptDay < :day',
        ExpressionAttributeValues: { ':day': day },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}
