import { BUCKETS, TABLES, type BucketKey, type TableKey } from './tables';

/**
 * What a route, timer or event handler may touch, declared once beside it (shared/routes.ts,
 * schedules.ts, events.ts). The CDK app grants exactly this to the handler's function
 * (infra/constructs/grants.ts), and the local gateway and scheduler refuse any DynamoDB or S3 call
 * outside it (scripts/local/touch-guard.ts), so a missing declaration fails on one machine too.
 *
 * Tables, by their key in shared/tables.ts:
 * - `read`   GetItem, BatchGetItem and Query on the table itself
 * - `put`    PutItem (also inside a transaction)
 * - `update` UpdateItem
 * - `delete` DeleteItem
 * - `check`  ConditionCheckItem (a transaction's condition on an item it does not write)
 * - `indexes` Query on these global secondary indexes
 * Nothing grants Scan, and nothing grants table administration.
 *
 * Buckets, by their key in shared/tables.ts, per key prefix:
 * - `get`    GetObject/GetObjectVersion (HEAD, ranged reads, presigned GETs) and ListBucket on the
 *            prefix only (so a missing key answers 404, not 403)
 * - `put`    PutObject (also what a presigned PUT or POST is signed for)
 * - `delete` DeleteObject (never DeleteObjectVersion: locked versions stay)
 */
export type TableOp = 'read' | 'put' | 'update' | 'delete' | 'check';
export type BucketOp = 'get' | 'put' | 'delete';

type IndexOf<K extends TableKey> = (typeof TABLES)[K]['indexes'][number] extends { indexName: infer N } ? N : never;

/** `['read', 'put']`, or with index queries `{ ops: ['read'], indexes: ['byQueue'] }`. */
export type TableTouch<K extends TableKey = TableKey> = readonly TableOp[] | { readonly ops: readonly TableOp[]; readonly indexes: readonly IndexOf<K>[] };

export interface BucketTouch {
  /** key prefixes, each ending in `/` (e.g. `projects/`); the grant covers the keys below them */
  readonly prefixes: readonly string[];
  readonly ops: readonly BucketOp[];
}

export type Touches = { readonly [K in TableKey]?: TableTouch<K> } & { readonly [K in BucketKey]?: BucketTouch };

/** A declaration in one shape: per table its operations and indexes, per bucket its operations per prefix. */
export interface Grants {
  tables: Partial<Record<TableKey, { ops: TableOp[]; indexes: string[] }>>;
  buckets: Partial<Record<BucketKey, { ops: BucketOp[]; prefixes: string[] }>>;
}

const isTable = (key: string): key is TableKey => key in TABLES;
const isBucket = (key: string): key is BucketKey => key in BUCKETS;
const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])].sort();

/** The union of several declarations (one function serves every route naming its handler). */
export function grantsOf(declarations: readonly (Touches | undefined)[]): Grants {
  const grants: Grants = { tables: {}, buckets: {} };
  for (const touches of declarations) {
    for (const [key, value] of Object.entries(touches ?? {})) {
      if (isTable(key)) {
        const touch = value as TableTouch;
        const ops = 'ops' in touch ? touch.ops : (touch as readonly TableOp[]);
        const indexes: readonly string[] = 'indexes' in touch ? touch.indexes : [];
        const known = TABLES[key].indexes.map((index) => index.indexName as string);
        for (const index of indexes) if (!known.includes(index)) throw new Error(`touches: table ${key} has no index ${index}`);
        const before = grants.tables[key] ?? { ops: [], indexes: [] };
        grants.tables[key] = { ops: union(before.ops, ops), indexes: union(before.indexes, indexes) };
      } else if (isBucket(key)) {
        const touch = value as BucketTouch;
        for (const prefix of touch.prefixes) {
          if (!/^[a-z0-9-]+\/([a-z0-9-]+\/)*$/.test(prefix)) throw new Error(`touches: bucket prefix ${prefix} must be path segments ending in /`);
        }
        const before = grants.buckets[key] ?? { ops: [], prefixes: [] };
        grants.buckets[key] = { ops: union(before.ops, touch.ops), prefixes: union(before.prefixes, touch.prefixes) };
      } else {
        throw new Error(`touches: ${key} is neither a table nor a bucket of shared/tables.ts`);
      }
    }
  }
  return grants;
}

/** Whether a declaration is empty: the function is granted no table and no bucket. */
export const touchesNothing = (grants: Grants): boolean => Object.keys(grants.tables).length === 0 && Object.keys(grants.buckets).length === 0;

/** One data access, as the local guard sees it and as IAM would authorise it. */
export type Access =
  | { table: TableKey; op: TableOp; index?: string }
  | { bucket: BucketKey; op: BucketOp; key: string };

/** Whether the grants allow one access; the local guard's rule, the same as the synthesized policy's. */
export function allows(grants: Grants, access: Access): boolean {
  if ('table' in access) {
    const table = grants.tables[access.table];
    if (!table) return false;
    if (access.index !== undefined) return access.op === 'read' && table.indexes.includes(access.index);
    return table.ops.includes(access.op);
  }
  const bucket = grants.buckets[access.bucket];
  if (!bucket || !bucket.ops.includes(access.op)) return false;
  return bucket.prefixes.some((prefix) => access.key.startsWith(prefix));
}
