import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { inboxSortKey, sourceIdOfSortKey, type InboxItem } from '../../../shared/obligations/inbox';
import { outboxWrite } from './outbox';
import { decodeCursor, encodeCursor, type Page } from './records';

/**
 * Inboxes in the `records` table: one partition per office (`INBOX#<recipient>`), items sorted by
 * time so a page is one key query newest first, and the unread count in a few counter shards. An
 * item and its shard's increment are written in the transaction that raises the warning or reminder;
 * reading an item and decrementing the same shard are one transaction too, so the count never drifts.
 * Shards, because a sweep raising thousands of warnings at once would otherwise make every one of its
 * transactions touch the bureau's single counter item and conflict with each other.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const partition = (recipient: string): string => `INBOX#${recipient}`;
const COUNTER_SHARDS = 8;
const counterKey = (recipient: string, shard: number) => ({ pk: partition(recipient), sk: `COUNTER#${shard}` });

/** A stable shard per item, so its read decrements the shard its arrival incremented. */
function shardOf(sourceId: string): number {
  let hash = 0;
  for (const char of sourceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % COUNTER_SHARDS;
}

/** The API's item id: the sort key, opaque to clients. */
export const inboxItemId = (sortKey: string): string => Buffer.from(sortKey, 'utf8').toString('base64url');

function sortKeyOf(itemId: string): string | undefined {
  const sortKey = Buffer.from(itemId, 'base64url').toString('utf8');
  return sortKey.startsWith('ITEM#') ? sortKey : undefined;
}

/**
 * Puts for the items (each only if absent), each item's outbox event (so whoever of the office chose
 * email, SMS or a group robot hears of it: shared/notifications/outbox.ts) and one unread increment
 * per office.
 */
export function inboxWrites(items: readonly InboxItem[]): TransactItem[] {
  const perShard = new Map<string, { recipient: string; shard: number; count: number }>();
  const writes: TransactItem[] = items.map((item) => {
    const shard = shardOf(item.sourceId);
    const key = `${item.recipient}#${shard}`;
    perShard.set(key, { recipient: item.recipient, shard, count: (perShard.get(key)?.count ?? 0) + 1 });
    return {
      Put: {
        TableName: tableNames.records,
        Item: { pk: partition(item.recipient), sk: inboxSortKey(item), itemType: 'inbox', ...item },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
  writes.push(...items.map((item) => outboxWrite(item)));
  for (const { recipient, shard, count } of perShard.values()) {
    writes.push({
      Update: {
        TableName: tableNames.records,
        Key: counterKey(recipient, shard),
        UpdateExpression: 'ADD unread :n',
        ExpressionAttributeValues: { ':n': count },
      },
    });
  }
  return writes;
}

export type InboxEntry = InboxItem & { id: string };

export async function inboxPage(recipient: string, cursor: string | undefined, limit: number): Promise<Page<InboxEntry>> {
  const startKey = decodeCursor(cursor);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableNames.records,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)',
      ExpressionAttributeValues: { ':pk': partition(recipient), ':item': 'ITEM#' },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const items = (result.Items ?? []).map((item) => {
    const { pk: _pk, sk, itemType: _itemType, ...rest } = item;
    return { id: inboxItemId(String(sk)), ...(rest as InboxItem) };
  });
  const next = encodeCursor(result.LastEvaluatedKey);
  return { items, ...(next ? { cursor: next } : {}) };
}

export async function unreadCount(recipient: string): Promise<number> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableNames.records,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :counter)',
      ExpressionAttributeValues: { ':pk': partition(recipient), ':counter': 'COUNTER#' },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).reduce((sum, item) => sum + Number(item.unread ?? 0), 0);
}

/** Marks one of the office's items read; 'missing' when the office holds no such item. */
export async function markRead(recipient: string, itemId: string, at: string): Promise<'read' | 'already' | 'missing'> {
  const sortKey = sortKeyOf(itemId);
  if (sortKey === undefined) return 'missing';
  const key = { pk: partition(recipient), sk: sortKey };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableNames.records,
              Key: key,
              UpdateExpression: 'SET readAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
          {
            Update: {
              TableName: tableNames.records,
              Key: counterKey(recipient, shardOf(sourceIdOfSortKey(sortKey))),
              UpdateExpression: 'ADD unread :minusOne',
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        ],
      }),
    );
    return 'read';
  } catch (error) {
    if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
    const existing = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: key, ConsistentRead: true }));
    if (!existing.Item) return 'missing';
    if (existing.Item.readAt !== undefined) return 'already';
    throw error;
  }
}
