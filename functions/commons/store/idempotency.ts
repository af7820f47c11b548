import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { DomainError } from '../../../shared/errors';
import { ttlSeconds } from './ttl';

/**
 * Retried create and submit requests carry an `Idempotency-Key`. The remembered response is written
 * in the same transaction as the change it answers, so a retry either finds it (and gets the same
 * answer) or the change never happened. Keys are scoped to the caller; a key reused for another
 * request (another route, project, action or body) answers IDEMPOTENCY_CONFLICT. Records expire after a day (TTL).
 */
const LIFETIME_SECONDS = 24 * 60 * 60;

export interface IdempotencyClaim {
  pk: string;
  requestHash: string;
}

export interface RememberedResponse {
  status: number;
  body: unknown;
}

export function idempotencyClaim(subject: string, key: string | undefined, request: { route: string; body: unknown }): IdempotencyClaim | undefined {
  if (key === undefined || key === '') return undefined;
  if (key.length > 128) throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'Idempotency-Key', message: '幂等键最长 128 个字符' }] });
  return { pk: `${subject}#${key}`, requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex') };
}

/** The response already given for this claim, or undefined when the request is new. */
export async function rememberedResponse(claim: IdempotencyClaim | undefined): Promise<RememberedResponse | undefined> {
  if (!claim) return undefined;
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.idempotency, Key: { pk: claim.pk }, ConsistentRead: true }));
  if (!result.Item) return undefined;
  if (result.Item.requestHash !== claim.requestHash) throw new DomainError('IDEMPOTENCY_CONFLICT');
  return result.Item.response as RememberedResponse;
}

/** The Put that remembers a response; goes into the transaction that makes the change. */
export function rememberPut(claim: IdempotencyClaim, response: RememberedResponse, now: Date) {
  return {
    Put: {
      TableName: tableNames.idempotency,
      Item: { pk: claim.pk, requestHash: claim.requestHash, response, expiresAt: ttlSeconds(now, LIFETIME_SECONDS) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
