import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { openCursor, sealCursor, type CursorScope } from '../../functions/commons/cursor';

const scope = (overrides: Partial<CursorScope> = {}): CursorScope => ({
  caller: 'official-1',
  query: { IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :pk', ExpressionAttributeValues: { ':pk': 'QUEUE#p1#submitted' } },
  keyAttributes: ['pk', 'sk', 'queuePk', 'queueSk'],
  partition: { attribute: 'queuePk', value: 'QUEUE#p1#submitted' },
  ...overrides,
});
const lastKey = { pk: 'PROJECT#a', sk: 'PROJECT', queuePk: 'QUEUE#p1#submitted', queueSk: '2025-01-01#a' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('page cursors (issue 12)', () => {
  it('continue the query they were given for, for the caller they were given to', () => {
    const cursor = sealCursor(lastKey, scope());
    expect(openCursor(cursor, scope())).toEqual(lastKey);
  });

  it('are refused from another caller', () => {
    const cursor = sealCursor(lastKey, scope());
    expect(codeOf(() => openCursor(cursor, scope({ caller: 'official-2' })))).toBe('INVALID_CURSOR');
  });

  it('are refused on another query (another status, town or filter)', () => {
    const cursor = sealCursor(lastKey, scope());
    const other = scope({ query: { ...scope().query, ExpressionAttributeValues: { ':pk': 'QUEUE#p1#approved' } } });
    expect(codeOf(() => openCursor(cursor, other))).toBe('INVALID_CURSOR');
    const filtered = scope({ query: { ...scope().query, FilterExpression: 'category = :category' } });
    expect(codeOf(() => openCursor(cursor, filtered))).toBe('INVALID_CURSOR');
  });

  it('are refused when tampered, truncated or not cursors at all', () => {
    const cursor = sealCursor(lastKey, scope())!;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: Record<string, string>; b: string };
    const reseal = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const bad = [
      cursor.slice(0, -3),
      `${cursor}x`,
      'not a cursor!',
      reseal({ ...decoded, k: { ...decoded.k, queuePk: 'QUEUE#p2#submitted' } }),
      reseal({ ...decoded, k: { ...decoded.k, extra: 'x' } }),
      reseal({ ...decoded, k: { pk: 'PROJECT#a', sk: 'PROJECT' } }),
      reseal({ ...decoded, k: { ...decoded.k, queueSk: 42 } }),
      reseal({ ...decoded, k: [] }),
      reseal({ ...decoded, more: true }),
      reseal([1, 2]),
      reseal('text'),
      reseal(null),
      Buffer.from(JSON.stringify(lastKey)).toString('base64url'),
    ];
    for (const candidate of bad) expect(codeOf(() => openCursor(candidate, scope())), candidate).toBe('INVALID_CURSOR');
  });

  it('start from the first page when absent', () => {
    expect(openCursor(undefined, scope())).toBeUndefined();
    expect(openCursor('', scope())).toBeUndefined();
    expect(sealCursor(undefined, scope())).toBeUndefined();
  });
});
