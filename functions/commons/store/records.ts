import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { DomainError } from '../../../shared/errors';
import { TABLES } from '../../../shared/tables';
import { invalidCursor, isStartKeyRefusal, openCursor, sealCursor, type CursorScope } from '../cursor';

/**
 * Small typed helpers over the `records` table. Stored items are the domain object plus their key
 * attributes and an `itemType`; `strip` removes both on the way out so callers see the domain shape.
 */
const KEY_ATTRIBUTES = ['pk', 'sk', 'enterprisePk', 'enterpriseSk', 'queuePk', 'queueSk', 'townQueuePk', 'assigneePk', 'assigneeSk'] as const;

export type StoredItem = Record<string, unknown> & { pk: string; sk: string };

/** The stored item without its key attributes, keeping `itemType` (the dossier groups by it). */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** The domain object alone. */
export function strip<T>(item: Record<string, unknown>): T {
  const { itemType: _itemType, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return rest as T;
}

export async function getRecord<T>(key: { pk: string; sk: string }, consistent = true): Promise<T | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: key, ConsistentRead: consistent }));
  return result.Item ? strip<T>(result.Item) : undefined;
}

/** Writes an item that must not exist yet; a second create answers ALREADY_EXISTS. */
export async function createRecord(item: StoredItem): Promise<void> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableNames.records, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw new DomainError('ALREADY_EXISTS');
    throw error;
  }
}

export interface Page<T> {
  items: T[];
  /** opaque cursor for the next page, absent on the last */
  cursor?: string;
}

/**
 * What a cursor of this records-table query must hold (functions/commons/cursor.ts): the table's key
 * attributes, the index's, and the partition named by the key condition (`<attribute> = :value`).
 */
export function cursorScope(input: Omit<QueryCommandInput, 'TableName'>, caller: string): CursorScope {
  const table = TABLES.records;
  const index = input.IndexName ? table.indexes.find((candidate) => candidate.indexName === input.IndexName) : undefined;
  if (input.IndexName && !index) throw new Error(`records has no index ${input.IndexName}`);
  const condition = /^\s*([A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/.exec(input.KeyConditionExpression ?? '');
  const partitionValue = condition ? input.ExpressionAttributeValues?.[condition[2]!] : undefined;
  if (!condition || typeof partitionValue !== 'string') throw new Error('a paged query names its partition as `<attribute> = :value`');
  const keyAttributes = [table.partitionKey.name, table.sortKey.name, ...(index ? [index.partitionKey.name, index.sortKey?.name ?? ''] : [])];
  return {
    caller,
    query: input,
    keyAttributes: [...new Set(keyAttributes.filter(Boolean))],
    partition: { attribute: condition[1]!, value: partitionValue },
  };
}

/**
 * One page of a records-table query. `cursor` continues an earlier page of the same query for the
 * same `caller` (the principal's subject; '' for timers); any other cursor is INVALID_CURSOR.
 */
export async function queryPage(input: Omit<QueryCommandInput, 'TableName'>, cursor?: string, caller = ''): Promise<Page<StoredItem>> {
  const scope = cursorScope(input, caller);
  const startKey = openCursor(cursor, scope);
  let result;
  try {
    result = await dynamo.send(new QueryCommand({ TableName: tableNames.records, ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
  } catch (error) {
    if (startKey && isStartKeyRefusal(error)) throw invalidCursor();
    throw error;
  }
  const page: Page<StoredItem> = { items: (result.Items ?? []) as StoredItem[] };
  const next = sealCursor(result.LastEvaluatedKey, scope);
  if (next) page.cursor = next;
  return page;
}

/** Every item of a query, page by page; for bounded sets only (one pilot's indicators, one dossier). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(input, cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
