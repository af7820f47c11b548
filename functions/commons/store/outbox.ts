import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import type { ContactPreferences, OutboxEvent, Robot, Subscriber } from '../../../shared/notifications/model';
import type { Claim, Delivery, Failure, OutboxPort } from '../../../shared/notifications/outbox';
import type { TransactItem } from './inbox';
import { queryAll, strip } from './records';

/**
 * The outbox on the `records` table (shared/notifications/outbox.ts says what it guarantees):
 * - an event `OUTBOX#<recipient>#<sourceId>` / `EVENT`, put with its inbox item in one transaction,
 *   waits in the `OUTBOX#PENDING` partition of byQueue until every delivery is sent or abandoned;
 * - its deliveries `DELIVERY#<channel>#<addressee>` beside it hold the claim, attempts and outcome
 *   (the channel and the addressee's subject, never the address itself);
 * - an office's people and robots are one partition, `SUBSCRIBERS#<recipient>`, written by each
 *   person for the offices the token names (`PERSON#<subject>`) and by the office (`ROBOT#<id>`).
 */
const PENDING = 'OUTBOX#PENDING';
const eventPartition = (event: Pick<OutboxEvent, 'recipient' | 'sourceId'>): string => `OUTBOX#${event.recipient}#${event.sourceId}`;
const subscribersPartition = (recipient: string): string => `SUBSCRIBERS#${recipient}`;
const personKey = (subject: string) => ({ pk: `PERSON#${subject}`, sk: 'NOTIFY' });

/** The outbox event of an inbox item: a put beside the item's own, in the same transaction. */
export function outboxWrite(event: OutboxEvent): TransactItem {
  return {
    Put: {
      TableName: tableNames.records,
      Item: {
        pk: eventPartition(event),
        sk: 'EVENT',
        itemType: 'outboxEvent',
        queuePk: PENDING,
        queueSk: `${event.createdAt}#${event.recipient}#${event.sourceId}`,
        ...event,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

async function* pending(): AsyncIterable<OutboxEvent[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableNames.records,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pending',
        ExpressionAttributeValues: { ':pending': PENDING },
        Limit: 50,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    if (page.Items && page.Items.length > 0) yield page.Items.map((item) => strip<OutboxEvent>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function subscribers(recipient: string): Promise<Subscriber[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :person)', ExpressionAttributeValues: { ':pk': subscribersPartition(recipient), ':person': 'PERSON#' } });
  return items.map((item) => ({ subject: String(item.subject), name: String(item.name), preferences: item.preferences as ContactPreferences }));
}

async function robots(recipient: string): Promise<Robot[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :robot)', ExpressionAttributeValues: { ':pk': subscribersPartition(recipient), ':robot': 'ROBOT#' } });
  return items.map((item) => item.robot as Robot);
}

const deliveryKey = (event: OutboxEvent, delivery: Pick<Delivery, 'key'>) => ({ pk: eventPartition(event), sk: `DELIVERY#${delivery.key}` });
const STATE = { '#state': 'state' } as const;

async function claim(event: OutboxEvent, delivery: Delivery, at: Date, leaseUntil: Date): Promise<Claim> {
  const key = deliveryKey(event, delivery);
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: tableNames.records,
        Key: key,
        UpdateExpression: 'SET #state = :sending, leaseUntil = :lease, claimedAt = :at, channel = :channel, addressee = :addressee, attempts = if_not_exists(attempts, :zero), itemType = :type',
        // New, or failed and due again, or held by a run whose lease ran out: the only ways to send.
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :failed AND nextAttemptAt <= :at) OR (#state = :sending AND leaseUntil < :at)',
        ExpressionAttributeNames: STATE,
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':lease': leaseUntil.toISOString(),
          ':at': at.toISOString(),
          ':channel': delivery.channel,
          ':addressee': delivery.addressee,
          ':zero': 0,
          ':type': 'outboxDelivery',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, attempts: Number(result.Attributes?.attempts ?? 0) };
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    const existing = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: key, ConsistentRead: true }));
    const state = existing.Item?.state;
    return { claimed: false, state: state === 'sent' || state === 'abandoned' ? state : 'busy' };
  }
}

async function recordSent(event: OutboxEvent, delivery: Delivery, at: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableNames.records,
      Key: deliveryKey(event, delivery),
      UpdateExpression: 'SET #state = :sent, sentAt = :at, attempts = attempts + :one REMOVE leaseUntil, nextAttemptAt',
      ExpressionAttributeNames: STATE,
      ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':one': 1 },
    }),
  );
}

async function recordFailure(event: OutboxEvent, delivery: Delivery, failure: Failure): Promise<void> {
  const retry = failure.nextAttemptAt !== undefined;
  await dynamo.send(
    new UpdateCommand({
      TableName: tableNames.records,
      Key: deliveryKey(event, delivery),
      UpdateExpression: `SET #state = :state, attempts = :attempts, lastError = :error, failedAt = :at${retry ? ', nextAttemptAt = :next' : ''} REMOVE leaseUntil${retry ? '' : ', nextAttemptAt'}`,
      ExpressionAttributeNames: STATE,
      ExpressionAttributeValues: {
        ':state': retry ? 'failed' : 'abandoned',
        ':attempts': failure.attempts,
        ':error': failure.error,
        ':at': failure.at.toISOString(),
        ...(retry ? { ':next': failure.nextAttemptAt?.toISOString() } : {}),
      },
    }),
  );
}

async function settle(event: OutboxEvent, at: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableNames.records,
      Key: { pk: eventPartition(event), sk: 'EVENT' },
      UpdateExpression: 'SET settledAt = :at REMOVE queuePk, queueSk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
}

export const outboxStore: OutboxPort = { pending, subscribers, robots, claim, recordSent, recordFailure, settle };

/** The deliveries of one event, for an operator (and a test) to see what happened. */
export async function deliveriesOf(event: Pick<OutboxEvent, 'recipient' | 'sourceId'>): Promise<Record<string, unknown>[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :delivery)', ExpressionAttributeValues: { ':pk': eventPartition(event), ':delivery': 'DELIVERY#' } });
  return items.map((item) => strip<Record<string, unknown>>(item));
}

export interface StoredPreferences {
  preferences: ContactPreferences;
  /** the offices the person was subscribed in when last saved */
  boxes: string[];
  updatedAt: string;
}

export async function preferencesOf(subject: string): Promise<StoredPreferences | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: personKey(subject), ConsistentRead: true }));
  return result.Item ? strip<StoredPreferences>(result.Item) : undefined;
}

/**
 * A person's choices and their copy in each office they read for, in one transaction; offices the
 * token no longer names lose the copy, so a person moved elsewhere stops hearing of the old one.
 */
export async function savePreferences(subject: string, name: string, preferences: ContactPreferences, boxes: readonly string[], at: string): Promise<void> {
  const before = await preferencesOf(subject);
  const gone = (before?.boxes ?? []).filter((box) => !boxes.includes(box));
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableNames.records, Item: { ...personKey(subject), itemType: 'notificationPreferences', preferences, boxes: [...boxes], updatedAt: at } } },
        ...boxes.map((box) => ({
          Put: { TableName: tableNames.records, Item: { pk: subscribersPartition(box), sk: `PERSON#${subject}`, itemType: 'subscriber', subject, name, preferences, updatedAt: at } },
        })),
        ...gone.map((box) => ({ Delete: { TableName: tableNames.records, Key: { pk: subscribersPartition(box), sk: `PERSON#${subject}` } } })),
      ],
    }),
  );
}

/** The office's group robots, replaced as a whole (an office keeps a handful). */
export async function saveRobots(box: string, next: readonly Robot[], at: string): Promise<void> {
  const before = await robots(box);
  const gone = before.filter((robot) => !next.some((candidate) => candidate.id === robot.id));
  const items: TransactItem[] = [
    ...next.map((robot) => ({ Put: { TableName: tableNames.records, Item: { pk: subscribersPartition(box), sk: `ROBOT#${robot.id}`, itemType: 'robot', robot, updatedAt: at } } })),
    ...gone.map((robot) => ({ Delete: { TableName: tableNames.records, Key: { pk: subscribersPartition(box), sk: `ROBOT#${robot.id}` } } })),
  ];
  if (items.length > 0) await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
}

export const robotsOf = robots;
