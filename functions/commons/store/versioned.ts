import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { DomainError } from '../../../shared/errors';
import type { AuditEvent } from '../../../shared/projects/machine';
import { rememberPut, rememberedResponse, type IdempotencyClaim, type RememberedResponse } from './idempotency';
import { keys } from './keys';
import type { StoredItem } from './records';

/**
 * The one way a versioned aggregate (project, SME firm, provider, indicator value) is written: one
 * transaction holding the aggregate — conditioned on the version the caller read, or on not
 * existing yet — its audit or history items, and the remembered response of an idempotent request.
 * Either all land or none. A concurrent change answers STALE_VERSION; a concurrent identical retry
 * gets the remembered reply.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function put(item: StoredItem, condition?: { expression: string; values?: Record<string, unknown> }): TransactItem {
  return {
    Put: {
      TableName: tableNames.records,
      Item: item,
      ...(condition ? { ConditionExpression: condition.expression } : {}),
      ...(condition?.values ? { ExpressionAttributeValues: condition.values } : {}),
    },
  };
}

export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

export interface VersionedWrite {
  /** the aggregate's new item; it carries `version` */
  item: StoredItem;
  /** the version the change was decided from; undefined for a new aggregate */
  expectedVersion: number | undefined;
  /** audit, history or side items written with it */
  extra: TransactItem[];
  /** reads the stored version after a conflict, for the STALE_VERSION details */
  currentVersion: () => Promise<number | undefined>;
}

export async function commitVersioned(
  write: VersionedWrite,
  response: RememberedResponse,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<RememberedResponse> {
  const first =
    write.expectedVersion === undefined
      ? put(write.item, { expression: 'attribute_not_exists(pk)' })
      : put(write.item, { expression: 'version = :expected', values: { ':expected': write.expectedVersion } });
  const items: TransactItem[] = [first, ...write.extra];
  if (claim) items.push(rememberPut(claim, response, now));
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return response;
  } catch (error) {
    if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
    const codes = cancellationCodes(error);
    if (claim && codes.at(-1) === 'ConditionalCheckFailed') {
      const remembered = await rememberedResponse(claim);
      if (remembered) return remembered;
    }
    if (codes[0] === 'ConditionalCheckFailed') {
      if (write.expectedVersion === undefined) throw new DomainError('ALREADY_EXISTS');
      throw new DomainError('STALE_VERSION', { details: { currentVersion: await write.currentVersion() } });
    }
    throw error;
  }
}

/**
 * An audit item for an aggregate's change, in the aggregate's own partition; with `uscc` it also
 * joins the enterprise's dossier (一企一档).
 */
export function auditPut(partition: string, event: AuditEvent, version: number, fields: Record<string, unknown>, uscc?: string): TransactItem {
  const padded = String(version).padStart(6, '0');
  return put({
    pk: partition,
    sk: `AUDIT#${event.at}#${padded}`,
    itemType: 'audit',
    ...(uscc ? { enterprisePk: keys.enterprisePartition(uscc), enterpriseSk: `AUDIT#${event.at}#${partition}#${padded}` } : {}),
    ...fields,
    version,
    ...event,
  });
}
