import { BatchGetCommand, type BatchGetCommandOutput, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { logger } from '../logger';
import type { Decision } from '../../../shared/projects/decide';
import type { Project } from '../../../shared/projects/model';
import { obligationChanges, type ObligationChanges } from '../../../shared/obligations/lifecycle';
import { providerObligationChanges } from '../../../shared/obligations/provider-lifecycle';
import { smeObligationChanges } from '../../../shared/obligations/sme-lifecycle';
import type { SmeDecision } from '../../../shared/sme/decide';
import type { ProviderDecision } from '../../../shared/providers/decide';
import { parseObligationId, type Obligation, type SubjectType } from '../../../shared/obligations/model';
import { decisionInboxItems, providerInboxItems } from '../../../shared/obligations/notices';
import { fitWrites, planObligationWrites, type ObligationClose } from '../../../shared/obligations/reconcile';
import { inboxWrites, type TransactItem } from './inbox';
import type { ValueDecision } from '../../../shared/indicators/decide';
import { indicatorObligationChanges } from '../../../shared/obligations/indicator-lifecycle';

/**
 * Obligations live in their own table, one partition per subject (`SUBJECT#project#<id>`), so a
 * subject's obligations are one strongly consistent key query. An open one carries `openDueDay`,
 * the key of the sparse index the sweep and the reminders query; closing it removes the attribute.
 */
export const obligationKeys = {
  partition: (subjectType: SubjectType, subjectId: string) => `SUBJECT#${subjectType}#${subjectId}`,
  obligation: (ref: ObligationRef) => ({ pk: obligationKeys.partition(ref.subjectType, ref.subjectId), sk: `OBLIGATION#${ref.id}` }),
  reminder: (ref: ObligationRef, offset: number) => ({ pk: obligationKeys.partition(ref.subjectType, ref.subjectId), sk: `REMINDER#${ref.id}#${offset}` }),
} as const;

export interface ObligationRef {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
}

export function toObligationItem(obligation: Obligation): Record<string, unknown> {
  return { ...obligationKeys.obligation(obligation), ...obligation, ...(obligation.status === 'open' ? { openDueDay: obligation.dueDay } : {}) };
}

export function fromObligationItem(item: Record<string, unknown>): Obligation {
  const { pk: _pk, sk: _sk, openDueDay: _openDueDay, ...obligation } = item;
  return obligation as Obligation;
}

export function createPut(obligation: Obligation): TransactItem {
  return { Put: { TableName: tableNames.obligations, Item: toObligationItem(obligation), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The Update closing an obligation, conditioned on the status the plan saw. */
export function closeUpdate(close: ObligationClose, at: string, extra: { by?: string; note?: string } = {}): TransactItem {
  const fulfilled = close.to === 'fulfilled';
  const values: Record<string, unknown> = { ':to': close.to, ':expected': close.expected, ':at': at };
  const sets = ['#status = :to', fulfilled ? 'fulfilledAt = :at' : 'cancelledAt = :at'];
  if (!fulfilled && close.reason) {
    sets.push('cancelReason = :reason');
    values[':reason'] = close.reason;
  }
  if (extra.by) {
    sets.push('fulfilledBy = :by');
    values[':by'] = extra.by;
  }
  if (extra.note) {
    sets.push('note = :note');
    values[':note'] = extra.note;
  }
  return {
    Update: {
      TableName: tableNames.obligations,
      Key: obligationKeys.obligation(close.obligation),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE openDueDay`,
      ConditionExpression: '#status = :expected',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Strongly consistent reads of the named obligations. */
export async function getObligations(refs: readonly ObligationRef[]): Promise<Map<string, Obligation>> {
  const found = new Map<string, Obligation>();
  const unique = [...new Map(refs.map((ref) => [ref.id, ref])).values()];
  for (let start = 0; start < unique.length; start += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(start, start + 100).map((ref) => obligationKeys.obligation(ref));
    while (keys && keys.length > 0) {
      const result: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableNames.obligations]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of result.Responses?.[tableNames.obligations] ?? []) {
        const obligation = fromObligationItem(item);
        found.set(obligation.id, obligation);
      }
      keys = result.UnprocessedKeys?.[tableNames.obligations]?.Keys;
    }
  }
  return found;
}

export async function getObligation(id: string): Promise<Obligation | undefined> {
  const parsed = parseObligationId(id);
  if (parsed === undefined) return undefined;
  return (await getObligations([{ id, subjectType: parsed.subjectType, subjectId: parsed.subjectId }])).get(id);
}

/** Every obligation of one subject, oldest first by id; bounded (a project holds tens). */
export async function obligationsOf(subjectType: SubjectType, subjectId: string): Promise<Obligation[]> {
  const found: Obligation[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableNames.obligations,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': obligationKeys.partition(subjectType, subjectId), ':prefix': 'OBLIGATION#' },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    found.push(...(page.Items ?? []).map(fromObligationItem));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** Opens an obligation unless one with its id exists (ids are deterministic). */
export async function openObligation(obligation: Obligation): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({ TableName: tableNames.obligations, Item: toObligationItem(obligation), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

export interface DecisionItems {
  items: TransactItem[];
  /** Whether a cancelled transaction failed on one of these items (plan again from fresh reads). */
  conflicted(codes: readonly string[]): boolean;
}

/**
 * Obligation writes planned from a decision's changes, to go into the decision's transaction at
 * position `offset`, within `room` items (after `inbox`, which always fits). Reads what the plan
 * needs first: the obligations it names and, when it cancels, the subject's open ones.
 */
async function plannedItems(
  changes: ObligationChanges,
  subjectOpen: () => Promise<Obligation[]>,
  inbox: readonly TransactItem[],
  at: string,
  offset: number,
  room: number,
  subject: Record<string, string>,
): Promise<DecisionItems> {
  const named = [...changes.open, ...changes.fulfil];
  const stored = named.length > 0 ? await getObligations(named) : new Map<string, Obligation>();
  const open = changes.cancelOpen ? await subjectOpen() : [];
  const planned = planObligationWrites(changes, stored, open, at);
  const { writes, deferred } = fitWrites(planned, room - inbox.length);
  if (deferred > 0) logger.warn('obligation cancellations deferred to the sweep', { ...subject, deferred });
  const items = [...writes.create.map(createPut), ...writes.close.map((close) => closeUpdate(close, at)), ...inbox];
  const obligationCount = writes.create.length + writes.close.length;
  return {
    items,
    conflicted: (codes) => codes.slice(offset, offset + obligationCount).some((code) => code === 'ConditionalCheckFailed'),
  };
}

const openOnly = (obligations: Obligation[]) => obligations.filter((obligation) => obligation.status === 'open');

/** The obligation and inbox writes of one project lifecycle decision. */
export function decisionItems(before: Project | undefined, decision: Decision, offset: number, room: number): Promise<DecisionItems> {
  const after = decision.project;
  const inbox = inboxWrites(decisionInboxItems(after, decision.event));
  const subjectOpen = async () => openOnly(await obligationsOf('project', after.id));
  return plannedItems(obligationChanges(before, after, decision.event), subjectOpen, inbox, decision.event.at, offset, room, { projectId: after.id });
}

/**
 * The obligation and inbox writes of one provider-pool decision (shared/obligations/provider-lifecycle.ts, notices.ts).
 * A provider's obligations of another pilot's pool are not this decision's to cancel.
 */
export function providerDecisionItems(decision: ProviderDecision, offset: number, room: number): Promise<DecisionItems> {
  const { provider, event } = decision;
  const subjectOpen = async () => openOnly(await obligationsOf('provider', provider.id)).filter((obligation) => obligation.pilotId === provider.pilotId);
  const inbox = inboxWrites(providerInboxItems(provider, event));
  return plannedItems(providerObligationChanges(provider, event), subjectOpen, inbox, event.at, offset, room, { providerId: provider.id, pilotId: provider.pilotId });
}

/** The obligation writes of one pilot-SME decision (shared/obligations/sme-lifecycle.ts). */
export function smeDecisionItems(decision: SmeDecision, offset: number, room: number): Promise<DecisionItems> {
  const { firm, event } = decision;
  const subjectOpen = async () => openOnly(await obligationsOf('sme', firm.id));
  return plannedItems(smeObligationChanges(firm, event), subjectOpen, [], event.at, offset, room, { firmId: firm.id });
}

/** The obligation writes of one indicator-value step: a submission fulfils its data unit's report (issue 18). */
export function valueDecisionItems(decision: ValueDecision, offset: number, room: number): Promise<DecisionItems> {
  const { value, event } = decision;
  return plannedItems(indicatorObligationChanges(value, event), () => Promise.resolve([]), [], event.at, offset, room, { pilotId: value.pilotId, code: value.code });
}

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Adds a decision's obligation (and inbox) writes, planned by `plan`, to its transaction (`extra`
 * follows the aggregate's own item; a remembered response, when there is one, comes last) and
 * commits through `commit`. When the transaction fails on an obligation a timer changed since it was
 * read, plans again from fresh reads — the aggregate's version condition still guards the decision.
 */
export async function withDeadlines<R>(
  plan: (offset: number, room: number) => Promise<DecisionItems>,
  extra: readonly TransactItem[],
  hasClaim: boolean,
  commit: (extra: TransactItem[]) => Promise<R>,
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    const offset = 1 + extra.length;
    const deadlines = await plan(offset, MAX_TRANSACTION_ITEMS - offset - (hasClaim ? 1 : 0));
    try {
      return await commit([...extra, ...deadlines.items]);
    } catch (error) {
      const retry = attempt < 3 && (error as { name?: string }).name === 'TransactionCanceledException' && deadlines.conflicted(cancellationCodes(error));
      if (!retry) throw error;
    }
  }
}

/** A project decision with its deadlines (see withDeadlines). */
export function withDecisionDeadlines<R>(
  before: Project | undefined,
  decision: Decision,
  extra: readonly TransactItem[],
  hasClaim: boolean,
  commit: (extra: TransactItem[]) => Promise<R>,
): Promise<R> {
  return withDeadlines((offset, room) => decisionItems(before, decision, offset, room), extra, hasClaim, commit);
}

/** Closes one obligation by hand (a visit, a review, a self-evaluation recorded by an official). */
export async function fulfilManually(close: ObligationClose, at: string, by: string, note: string): Promise<boolean> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [closeUpdate(close, at, { by, note })] }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}
