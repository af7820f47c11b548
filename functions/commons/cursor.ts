import { createHash } from 'node:crypto';
import { DomainError } from '../../shared/errors';

/**
 * Page cursors (issue 12). A cursor is DynamoDB's LastEvaluatedKey, so a client that could hand in
 * any key could start a query anywhere, and a key of the wrong shape made DynamoDB throw (a 500).
 * A cursor therefore carries a digest of what it continues — the query (its index, key condition,
 * values and filter, which name the caller's scope) and the caller — and its key is checked against
 * that query before it reaches DynamoDB: exactly the index's key attributes, all short strings, the
 * partition the query reads. A foreign, stale (another query's), tampered or malformed cursor is
 * INVALID_CURSOR (400). Without a secret the digest can be recomputed, so the check on the key is
 * what holds: a forged cursor can only start the caller's own query at a point of its own partition.
 */
export interface CursorScope {
  /** who asks (the principal's subject); '' for the timers, which page for themselves */
  caller: string;
  /** the query as sent, without ExclusiveStartKey */
  query: {
    IndexName?: string | undefined;
    KeyConditionExpression?: string | undefined;
    ExpressionAttributeValues?: Record<string, unknown> | undefined;
    FilterExpression?: string | undefined;
    ScanIndexForward?: boolean | undefined;
  };
  /** the attributes a start key of this query holds: the table's keys and the index's */
  keyAttributes: readonly string[];
  /** the partition attribute and the value the query reads */
  partition: { attribute: string; value: string };
}

const MAX_KEY_VALUE_LENGTH = 1024;

function invalid(): DomainError {
  return new DomainError('INVALID_CURSOR', { issues: [{ path: 'cursor', message: '分页游标无效，请从第一页重新查询' }] });
}

function digest(scope: CursorScope): string {
  const values = Object.entries(scope.query.ExpressionAttributeValues ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const identity = JSON.stringify([
    scope.caller,
    scope.query.IndexName ?? '',
    scope.query.KeyConditionExpression ?? '',
    values,
    scope.query.FilterExpression ?? '',
    scope.query.ScanIndexForward ?? true,
  ]);
  return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
}

/** The cursor for the page after `lastKey`, bound to the query and the caller. */
export function sealCursor(lastKey: Record<string, unknown> | undefined, scope: CursorScope): string | undefined {
  if (!lastKey) return undefined;
  return Buffer.from(JSON.stringify({ k: lastKey, b: digest(scope) }), 'utf8').toString('base64url');
}

/** The start key a cursor names, after checking it continues this query for this caller. */
export function openCursor(cursor: string | undefined, scope: CursorScope): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw invalid();
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) throw invalid();
  const { k: key, b: binding, ...rest } = decoded as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || binding !== digest(scope)) throw invalid();
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key as Record<string, unknown>);
  const expected = new Set(scope.keyAttributes);
  if (entries.length !== expected.size) throw invalid();
  for (const [name, value] of entries) {
    if (!expected.has(name) || typeof value !== 'string' || value === '' || value.length > MAX_KEY_VALUE_LENGTH) throw invalid();
  }
  if ((key as Record<string, string>)[scope.partition.attribute] !== scope.partition.value) throw invalid();
  return key as Record<string, string>;
}

/** DynamoDB's refusal of a start key it was given: still the cursor's fault, never a 500. */
export function isStartKeyRefusal(error: unknown): boolean {
  return (error as { name?: string }).name === 'ValidationException';
}

export { invalid as invalidCursor };
