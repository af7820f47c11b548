import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, PutBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { BUCKETS, TABLES, type KeyAttribute, type TableDefinition } from '../../shared/tables';

/**
 * Creates the tables and buckets of shared/tables.ts on the local engines. Structure comes only
 * from that file (the CDK data stack reads it too); physical names come from the environment, as
 * the functions see them. Safe to run again: existing tables and buckets are left as they are,
 * except that an index missing from an existing table is added.
 */
type Env = Readonly<Record<string, string | undefined>>;

function physicalName(env: Env, envVar: string): string {
  const name = env[envVar];
  if (name === undefined || name === '') throw new Error(`missing environment variable ${envVar}`);
  return name;
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey !== undefined) schema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return schema;
}

/** Every key attribute of the table and its indexes, once each (indexes may share a sort key). */
function attributeDefinitions(table: TableDefinition): AttributeDefinition[] {
  const all = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const byName = new Map<string, AttributeDefinition>();
  for (const attribute of all) {
    if (attribute !== undefined) byName.set(attribute.name, { AttributeName: attribute.name, AttributeType: attribute.type });
  }
  return [...byName.values()];
}

const isNamed = (error: unknown, ...names: string[]): boolean => error instanceof Error && names.includes(error.name);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return described.Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if (isNamed(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

/** Polls briefly instead of the SDK waiter, whose 20 s minimum delay dwarfs DynamoDB Local's instant creates. */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await tableStatus(client, tableName)) === 'ACTIVE') return;
    await sleep(100);
  }
  throw new Error(`table ${tableName} did not become ACTIVE within 60 s`);
}

/**
 * A table kept in `.data/` from before an index was added to shared/tables.ts gets it now (e.g. the
 * uploads table's pendingByCompleteBy, issue 17); items written before carry no index key and stay
 * out of it, as in AWS after the same UpdateTable.
 */
async function addMissingIndexes(client: DynamoDBClient, table: TableDefinition, tableName: string): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.indexes.filter((candidate) => !present.has(candidate.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(table),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.indexName, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    await waitUntilActive(client, tableName);
  }
}

async function ensureTable(client: DynamoDBClient, table: TableDefinition, tableName: string): Promise<void> {
  if ((await tableStatus(client, tableName)) === undefined) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributeDefinitions(table),
          KeySchema: keySchema(table.partitionKey, table.sortKey),
          GlobalSecondaryIndexes:
            table.indexes.length === 0
              ? undefined
              : table.indexes.map((index) => ({
                  IndexName: index.indexName,
                  KeySchema: keySchema(index.partitionKey, index.sortKey),
                  Projection: { ProjectionType: 'ALL' },
                })),
        }),
      );
    } catch (error) {
      // Another bootstrap created it between our describe and create: that is the goal anyway.
      if (!isNamed(error, 'ResourceInUseException')) throw error;
    }
  }
  await waitUntilActive(client, tableName);
  await addMissingIndexes(client, table, tableName);

  if (table.timeToLiveAttribute !== undefined) {
    // UpdateTimeToLive rejects a repeat of the same setting, so look first.
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== 'ENABLED' && status !== 'ENABLING') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
}

export async function ensureTables(client: DynamoDBClient, env: Env): Promise<void> {
  const tables: TableDefinition[] = Object.values(TABLES);
  await Promise.all(tables.map((table) => ensureTable(client, table, physicalName(env, table.envVar))));
}

async function bucketExists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (isNamed(error, 'NotFound', 'NoSuchBucket')) return false;
    throw error;
  }
}

export async function ensureBuckets(client: S3Client, env: Env): Promise<void> {
  for (const bucket of Object.values(BUCKETS)) {
    const name = physicalName(env, bucket.envVar);
    if (await bucketExists(client, name)) continue;
    try {
      // us-east-1 takes no LocationConstraint; the local environment always uses it.
      await client.send(new CreateBucketCommand({ Bucket: name }));
    } catch (error) {
      if (!isNamed(error, 'BucketAlreadyOwnedByYou')) throw error;
    }
  }

  // Evidence is versioned in AWS (the CDK stack says so); asking locally keeps the two alike where
  // the server supports it. s3rver has no `?versioning` route: it takes the request for a second
  // CreateBucket and answers BucketAlreadyExists (other servers: NotImplemented). Neither is a fault.
  try {
    await client.send(
      new PutBucketVersioningCommand({
        Bucket: physicalName(env, BUCKETS.evidence.envVar),
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
  } catch (error) {
    if (!isNamed(error, 'NotImplemented', 'MethodNotAllowed', 'BucketAlreadyExists')) throw error;
  }
}

/**
 * Browsers PUT evidence straight to the bucket and read it back for the viewer, so the bucket must
 * allow the site's origin, as the CDK data stack allows it in AWS (infra/stacks/data-stack.ts).
 */
export async function allowSiteOrigin(client: S3Client, bucket: string, origins: readonly string[]): Promise<void> {
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [...origins], AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }],
      },
    }),
  );
}
