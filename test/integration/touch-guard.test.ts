import { GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantsOf } from '../../shared/touches';
import { useLocalStack } from './support/stack';

// App modules read the environment at load, so they are imported only after useLocalStack().
type Clients = typeof import('../../functions/commons/clients');
type Guard = typeof import('../../scripts/local/touch-guard');
let clients: Clients;
let guard: Guard;
let names: { records: string; obligations: string; evidence: string };

beforeAll(async () => {
  await useLocalStack();
  clients = await import('../../functions/commons/clients');
  guard = await import('../../scripts/local/touch-guard');
  const config = await import('../../functions/commons/config');
  names = { records: config.tableNames.records, obligations: config.tableNames.obligations, evidence: config.bucketNames.evidence };
});

const refusal = (promise: Promise<unknown>) => promise.then(() => 'allowed', (error: Error) => `${error.name}: ${error.message}`);

describe('the local touch guard (the stand-in for each function’s IAM policy)', () => {
  it('lets a handler make the calls its declaration names, on the real engines', async () => {
    const grants = grantsOf([{ records: { ops: ['read'], indexes: ['byQueue'] } }]);
    const outcome = await guard.withTouches('test/reader', grants, async () => {
      await clients.dynamo.send(new GetCommand({ TableName: names.records, Key: { pk: 'PILOT', sk: 'none' } }));
      await clients.dynamo.send(new QueryCommand({ TableName: names.records, IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :pk', ExpressionAttributeValues: { ':pk': 'x' } }));
      return 'done';
    });
    expect(outcome).toBe('done');
  });

  it('refuses a table, an index, an operation, a Scan and a key prefix it did not declare', async () => {
    const grants = grantsOf([{ records: ['read'], evidence: { prefixes: ['projects/'], ops: ['put'] } }]);
    const run = (call: () => Promise<unknown>) => refusal(guard.withTouches('test/reader', grants, call));
    expect(await run(() => clients.dynamo.send(new GetCommand({ TableName: names.obligations, Key: { pk: 'a', sk: 'b' } })))).toMatch(/^AccessDeniedException: test\/reader .*obligations/);
    expect(await run(() => clients.dynamo.send(new QueryCommand({ TableName: names.records, IndexName: 'byEnterprise', KeyConditionExpression: 'enterprisePk = :pk', ExpressionAttributeValues: { ':pk': 'x' } })))).toMatch(/AccessDenied.*byEnterprise/);
    expect(await run(() => clients.dynamo.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: names.records, Item: { pk: 'a', sk: 'b' } } }] })))).toMatch(/AccessDenied.*"put"/);
    expect(await run(() => clients.dynamo.send(new ScanCommand({ TableName: names.records })))).toMatch(/AccessDenied.*ScanCommand/);
    expect(await run(() => clients.s3.send(new PutObjectCommand({ Bucket: names.evidence, Key: 'providers/p/x', Body: 'x' })))).toMatch(/AccessDenied.*providers\/p\/x/);
  });

  it('runs a timer under its schedule’s declaration', async () => {
    const cleanUploads = guard.guarded('cleanUploads', async (_event: object) => clients.dynamo.send(new GetCommand({ TableName: names.records, Key: { pk: 'a', sk: 'b' } })));
    expect(await refusal(cleanUploads({}))).toMatch(/AccessDeniedException: cleanUploads/);
  });
});
