import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { DomainError } from '../../../shared/errors';

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

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded)) return decoded as Record<string, unknown>;
  } catch {
    // fall through to the validation error below
  }
  throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'cursor', message: '分页游标无效' }] });
}

export async function queryPage(input: Omit<QueryCommandInput, 'TableName'>, cursor?: string): Promise<Page<StoredItem>> {
  const startKey = decodeCursor(cursor);
  const result = await dynamo.send(
    new QueryCommand({ TableName: tableNames.records, ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
  );
  const page: Page<StoredItem> = { items: (result.Items ?? []) as StoredItem[] };
  const next = encodeCursor(result.LastEvaluatedKey);
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
