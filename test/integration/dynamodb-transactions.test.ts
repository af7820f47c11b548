import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalStack } from './support/stack';

// App modules read the environment at load, so they are imported only after useLocalStack().
type Clients = typeof import('../../functions/commons/clients');
let dynamo: Clients['dynamo'];
let records: string;

beforeAll(async () => {
  await useLocalStack();
  ({ dynamo } = await import('../../functions/commons/clients'));
  ({ records } = (await import('../../functions/commons/config')).tableNames);
});

async function read(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: records, Key: { pk, sk }, ConsistentRead: true }));
  return result.Item;
}

describe('DynamoDB transactions through the app client', () => {
  it('a transaction whose update condition fails is cancelled and writes nothing', async () => {
    // Prepare
    const project = { pk: 'PROJECT#p-fail', sk: 'META', status: 'draft', version: 1 };
    await dynamo.send(new PutCommand({ TableName: records, Item: project }));
    const review = { pk: 'PROJECT#p-fail', sk: 'REVIEW#001', verdict: 'pass' };

    // Act
    const error: unknown = await dynamo
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: records, Item: review, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: records,
                Key: { pk: project.pk, sk: project.sk },
                UpdateExpression: 'SET #status = :next, version = version + :one',
                // Stale version: someone else moved the project on in the meantime.
                ConditionExpression: 'version = :expected',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':next': 'submitted', ':one': 1, ':expected': 2 },
              },
            },
          ],
        }),
      )
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TransactionCanceledException');
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    expect(reasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await read(review.pk, review.sk)).toBeUndefined();
    expect(await read(project.pk, project.sk)).toEqual(project);
  });

  it('a transaction whose conditions all hold commits every write', async () => {
    // Prepare
    const project = { pk: 'PROJECT#p-ok', sk: 'META', status: 'draft', version: 1 };
    const enterprise = { pk: 'ENTERPRISE#e-ok', sk: 'PROFILE', state: 'registered' };
    await dynamo.send(new PutCommand({ TableName: records, Item: project }));
    await dynamo.send(new PutCommand({ TableName: records, Item: enterprise }));
    const review = { pk: 'PROJECT#p-ok', sk: 'REVIEW#001', verdict: 'pass' };

    // Act
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: records,
              Key: { pk: enterprise.pk, sk: enterprise.sk },
              ConditionExpression: '#state = :registered',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':registered': 'registered' },
            },
          },
          { Put: { TableName: records, Item: review, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: records,
              Key: { pk: project.pk, sk: project.sk },
              UpdateExpression: 'SET #status = :next, version = version + :one',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':next': 'submitted', ':one': 1, ':expected': 1 },
            },
          },
        ],
      }),
    );

    // Assess
    expect(await read(review.pk, review.sk)).toEqual(review);
    expect(await read(project.pk, project.sk)).toEqual({ ...project, status: 'submitted', version: 2 });
    expect(await read(enterprise.pk, enterprise.sk)).toEqual(enterprise);
  });
});
