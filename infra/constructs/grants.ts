import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { BucketKey, TableKey } from '../../shared/tables';
import type { BucketOp, Grants, TableOp } from '../../shared/touches';
import { acknowledgeWildcardBelow } from '../nag';
import type { DataStore } from '../stacks/data-stack';

/** IAM actions of each declared table operation (shared/touches.ts); Scan is none of them. */
export const TABLE_ACTIONS: Readonly<Record<TableOp, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  put: ['dynamodb:PutItem'],
  update: ['dynamodb:UpdateItem'],
  delete: ['dynamodb:DeleteItem'],
  check: ['dynamodb:ConditionCheckItem'],
};

/** Query is the only operation on an index. */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/**
 * IAM actions of each declared object operation. GetObjectVersion because evidence is read by the
 * version its record verified; never DeleteObjectVersion (a delete only hides a version under lock).
 */
export const OBJECT_ACTIONS: Readonly<Record<BucketOp, readonly string[]>> = {
  get: ['s3:GetObject', 's3:GetObjectVersion'],
  put: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
};

/** Why a key prefix needs a wildcard: what lies below it is minted at run time. */
const PREFIX_REASONS: Readonly<Record<string, string>> = {
  'projects/': 'evidence keys are minted per upload under projects/<projectId>/<uploadId>',
  'providers/': 'evidence keys are minted per upload under providers/<pilot>/<provider>/<uploadId>',
  'indicators/': 'evidence keys are minted per upload under indicators/<pilot>/<code>/<period>/<uploadId>',
  'sme-firms/': 'evidence keys are minted per upload under sme-firms/<firmId>/<uploadId>',
  'data/': 'public snapshots are written per pilot under data/ (shared/public/snapshot.ts SNAPSHOT_PATHS)',
};

/**
 * Grants a function's role exactly its declaration: per table the item actions of its operations
 * on the table's ARN and Query on each named index's ARN (no `/index/*`), per bucket its object
 * actions on each prefix and ListBucket limited to those prefixes. cdk-nag's IAM5 is acknowledged
 * only for the object wildcard below a prefix, with the reason of that prefix.
 */
export function grantDeclared(scope: IConstruct, role: iam.IGrantable, store: DataStore, grants: Grants, what: string): void {
  for (const [key, table] of Object.entries(grants.tables) as [TableKey, NonNullable<Grants['tables'][TableKey]>][]) {
    const resource = store.tables[key];
    const actions = table.ops.flatMap((op) => TABLE_ACTIONS[op]);
    if (actions.length > 0) iam.Grant.addToPrincipal({ grantee: role, actions, resourceArns: [resource.tableArn] });
    if (table.indexes.length > 0) {
      iam.Grant.addToPrincipal({ grantee: role, actions: [...INDEX_ACTIONS], resourceArns: table.indexes.map((index) => `${resource.tableArn}/index/${index}`) });
    }
  }
  for (const [key, bucket] of Object.entries(grants.buckets) as [BucketKey, NonNullable<Grants['buckets'][BucketKey]>][]) {
    const resource = store.buckets[key];
    const actions = bucket.ops.flatMap((op) => OBJECT_ACTIONS[op]);
    iam.Grant.addToPrincipal({ grantee: role, actions, resourceArns: bucket.prefixes.map((prefix) => resource.arnForObjects(`${prefix}*`)) });
    if (bucket.ops.includes('get')) {
      role.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [resource.bucketArn],
          conditions: { StringLike: { 's3:prefix': bucket.prefixes.map((prefix) => `${prefix}*`) } },
        }),
      );
    }
    for (const prefix of bucket.prefixes) {
      const reason = PREFIX_REASONS[prefix];
      if (reason === undefined) throw new Error(`${what}: no reason known why ${key} prefix ${prefix} needs a wildcard; add it to PREFIX_REASONS`);
      acknowledgeWildcardBelow(scope, resource, resource.bucketArn, `/${prefix}*`, `${what} ${bucket.ops.join('/')}s objects of ${key}: ${reason}`);
    }
  }
}
