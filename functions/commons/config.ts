import { BUCKETS, TABLES, type BucketKey, type TableKey } from '../../shared/tables';

/**
 * Configuration, read once at module load and failing fast: a function deployed without one of its
 * table or bucket names throws at start, not on the first request that needs it.
 */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

export const tableNames: Record<TableKey, string> = Object.fromEntries(
  Object.entries(TABLES).map(([key, table]) => [key, required(table.envVar)]),
) as Record<TableKey, string>;

export const bucketNames: Record<BucketKey, string> = Object.fromEntries(
  Object.entries(BUCKETS).map(([key, bucket]) => [key, required(bucket.envVar)]),
) as Record<BucketKey, string>;
