import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { logger } from '../logger';
import { DomainError } from '../../../shared/errors';
import type { CompletionPorts } from '../../../shared/evidence/complete';
import { projectHolder, type EvidenceHolder } from '../../../shared/evidence/holder';
import type { Evidence, EvidenceClaim, EvidenceFlag, FlagKind, PendingUpload } from '../../../shared/evidence/model';
import { assertReferences, type EvidenceReference } from '../../../shared/evidence/references';
import { claimsOf, duplicateFlags, PENDING_LIMITS, pendingCounters, pendingLimitError, type PendingScope } from '../../../shared/evidence/rules';
import { supersedes, withScan, type EvidenceScan, type ScanReport } from '../../../shared/evidence/scan';
import type { Application, Project } from '../../../shared/projects/model';
import type { Principal } from '../../../shared/roles';
import { canSee } from '../../../shared/projects/visibility';
import { deleteObject, readObject, statObject } from './evidence-objects';
import { keys } from './keys';
import { getStoredProject } from './projects';
import { queryAll, strip, type StoredItem } from './records';
import { ttlSeconds } from './ttl';

/**
 * Evidence records. In `records`, in its holder's partition (a project's, or one of its own for a
 * provider's materials and an indicator period's sources): the evidence (`EVIDENCE#<id>`); for a
 * project also duplicate flags (`EVIDENCE_FLAG#…`), both carrying enterprisePk so the dossier
 * (一企一档) lists them; and one claim per file hash (`EVIDENCE_HASH#<sha256>`) and invoice number (`INVOICE#<number>`), a
 * conditional item that names the first evidence to claim it, so a duplicate is found in one read.
 * Pending uploads live in the `uploads` table until completed or cleaned.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function evidencePartition(holder: EvidenceHolder): string {
  switch (holder.type) {
    case 'project':
      return keys.projectPartition(holder.projectId);
    case 'provider':
      return keys.providerEvidencePartition(holder.pilotId, holder.providerId);
    case 'indicator':
      return keys.indicatorEvidencePartition(holder.pilotId, holder.code, holder.period);
    case 'sme':
      return keys.smePartition(holder.firmId);
  }
}

const evidenceKey = (holder: EvidenceHolder, evidenceId: string) => ({ pk: evidencePartition(holder), sk: `EVIDENCE#${evidenceId}` });
const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}` });
/** The one partition of the pendingByCompleteBy index (shared/tables.ts) every pending upload sits in. */
const PENDING = 'PENDING';
const claimKey = (kind: FlagKind, value: string) => ({ pk: kind === 'same_file' ? `EVIDENCE_HASH#${value}` : `INVOICE#${value}`, sk: 'CLAIM' });
const flagKey = (flag: EvidenceFlag) => ({ pk: keys.projectPartition(flag.projectId), sk: `EVIDENCE_FLAG#${flag.raisedBy}#${flag.kind}#${flag.evidenceId}` });

/**
 * DynamoDB deletes an expired item at some time after `expiresAt`, possibly at once. The cleanup timer
 * must see a stale upload before that to remove its object, so the TTL lies two days past the end of
 * the completion window: the TTL is the safety net, the timer the mechanism.
 */
const TTL_GRACE_SECONDS = 2 * 24 * 60 * 60;

/** The project, if the caller may see it; otherwise NOT_FOUND, exactly as if it did not exist. */
export async function projectVisibleTo(projectId: string, actor: Principal): Promise<Project> {
  const stored = await getStoredProject(projectId);
  if (!stored || !canSee(actor, stored.project)) throw new DomainError('NOT_FOUND');
  return stored.project;
}

/**
 * Counters of what waits declared but not completed (PENDING_LIMITS), beside the uploads in the same
 * table: added to in the transaction that records an upload, conditioned on the limit, and taken from
 * in the one that completes, discards or expires it.
 */
const counterKey = (counter: { scope: PendingScope; id: string }) => ({ pk: `PENDING#${counter.scope}#${counter.id}` });

function counterChanges(upload: PendingUpload, direction: 1 | -1): TransactItem[] {
  return pendingCounters(upload).map((counter) => {
    const limit = PENDING_LIMITS[counter.scope];
    return {
      Update: {
        TableName: tableNames.uploads,
        Key: counterKey(counter),
        UpdateExpression: 'ADD uploads :uploads, #bytes :bytes',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: {
          ':uploads': direction,
          ':bytes': direction * upload.size,
          ...(direction === 1 ? { ':maxUploads': limit.uploads - 1, ':maxBytes': limit.bytes - upload.size } : {}),
        },
        ...(direction === 1 ? { ConditionExpression: 'attribute_not_exists(uploads) OR (uploads <= :maxUploads AND #bytes <= :maxBytes)' } : {}),
      },
    };
  });
}

/** Records a pending upload and counts it, or refuses it with EVIDENCE_PENDING_LIMIT when a count is full. */
export async function recordUpload(upload: PendingUpload): Promise<void> {
  const expiresAt = ttlSeconds(new Date(upload.completeBy), TTL_GRACE_SECONDS);
  const counters = pendingCounters(upload);
  if (counters.some((counter) => upload.size > PENDING_LIMITS[counter.scope].bytes)) throw pendingLimitError(counters[0]!.scope);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableNames.uploads, Item: { ...uploadKey(upload.uploadId), pending: PENDING, ...upload, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...counterChanges(upload, 1),
        ],
      }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    const full = counters.find((_counter, index) => codes[index + 1] === 'ConditionalCheckFailed');
    if (full) throw pendingLimitError(full.scope);
    throw error;
  }
}

/** Removes a pending upload's record and uncounts it; false when it was already gone (or not yet stale). */
async function closeUpload(upload: PendingUpload, condition?: { expression: string; values: Record<string, unknown> }): Promise<boolean> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableNames.uploads,
              Key: uploadKey(upload.uploadId),
              ConditionExpression: condition ? `attribute_exists(pk) AND ${condition.expression}` : 'attribute_exists(pk)',
              ...(condition ? { ExpressionAttributeValues: condition.values } : {}),
            },
          },
          ...counterChanges(upload, -1),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

async function pendingUpload(uploadId: string): Promise<PendingUpload | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.uploads, Key: uploadKey(uploadId), ConsistentRead: true }));
  if (!result.Item) return undefined;
  const { pk: _pk, expiresAt: _expiresAt, pending: _pending, ...upload } = result.Item;
  return upload as PendingUpload;
}

export async function getEvidence(holder: EvidenceHolder, evidenceId: string): Promise<Evidence | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: evidenceKey(holder, evidenceId), ConsistentRead: true }));
  return result.Item ? strip<Evidence>(result.Item) : undefined;
}

async function partitionItems<T>(partition: string, prefix: string): Promise<T[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
  });
  return items.map((item) => strip<T>(item));
}

const projectItems = <T>(projectId: string, prefix: string): Promise<T[]> => partitionItems<T>(keys.projectPartition(projectId), prefix);

export const listEvidence = (holder: EvidenceHolder): Promise<Evidence[]> => partitionItems<Evidence>(evidencePartition(holder), 'EVIDENCE#');
export const listFlags = (projectId: string): Promise<EvidenceFlag[]> => projectItems<EvidenceFlag>(projectId, 'EVIDENCE_FLAG#');

/** Every application version the project has submitted (their references lock evidence too). */
export async function submittedApplications(projectId: string): Promise<Application[]> {
  const versions = await projectItems<{ application: Application }>(projectId, 'APPLICATION#');
  return versions.map((version) => version.application);
}

/**
 * Every referenced id must be completed evidence of this holder, of the category the field expects.
 * One BatchGet per hundred ids; the key itself proves the holder.
 */
export async function assertEvidenceOfHolder(holder: EvidenceHolder, references: readonly EvidenceReference[]): Promise<void> {
  if (references.length === 0) return;
  const ids = [...new Set(references.map((reference) => reference.id))];
  const found = new Map<string, Evidence>();
  for (let start = 0; start < ids.length; start += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [tableNames.records]: { Keys: ids.slice(start, start + 100).map((id) => evidenceKey(holder, id)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[tableNames.records] ?? []) found.set(String(item.id), strip<Evidence>(item));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  assertReferences(references, found, holder.type);
}

async function claimOf(kind: FlagKind, value: string): Promise<EvidenceClaim | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableNames.records, Key: claimKey(kind, value), ConsistentRead: true }));
  return result.Item ? { projectId: String(result.Item.projectId), evidenceId: String(result.Item.evidenceId), uscc: String(result.Item.uscc) } : undefined;
}

function put(item: StoredItem, condition?: string): TransactItem {
  return { Put: { TableName: tableNames.records, Item: item, ...(condition ? { ConditionExpression: condition } : {}) } };
}

function cancellationCodes(error: unknown): string[] {
  if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
  return ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

/**
 * One transaction: the evidence (new), the upload removed (still there), first claims, and the flags
 * of any earlier claim. A lost race for the evidence or the upload is a repeated completion; a lost
 * race for a claim (another upload of the same file completing at the same moment) is retried.
 */
async function saveEvidence(verified: Evidence, now: Date): Promise<EvidenceFlag[]> {
  for (let attempt = 1; ; attempt += 1) {
    // A scan verdict may have reached the upload since it was read: carry it, and close the upload only as seen.
    const upload = await pendingUpload(verified.id);
    if (!upload) throw new DomainError('NOT_FOUND');
    const seen = upload.scan;
    const evidence = withScan(verified, seen);
    const claims = claimsOf(evidence);
    const earlier = await Promise.all(claims.map((claim) => claimOf(claim.kind, claim.value)));
    const flags = claims.flatMap((claim, index) => {
      const first = earlier[index];
      return first ? duplicateFlags(claim.kind, claim.value, evidence, first, now) : [];
    });
    const items: TransactItem[] = [
      put({ ...evidenceKey(evidence.holder, evidence.id), itemType: 'evidence', ...dossierKeys(evidence), ...evidence }, 'attribute_not_exists(pk)'),
      { Delete: { TableName: tableNames.uploads, Key: uploadKey(evidence.id), ...scanUnchanged(seen) } },
      ...counterChanges(upload, -1),
      ...claims
        .filter((_claim, index) => earlier[index] === undefined)
        .map((claim) => put({ ...claimKey(claim.kind, claim.value), itemType: 'evidenceClaim', ...claim, ...claimant(evidence), claimedAt: now.toISOString() }, 'attribute_not_exists(pk)')),
      ...flags.map((flag) =>
        put({ ...flagKey(flag), itemType: 'evidenceFlag', enterprisePk: keys.enterprisePartition(flag.uscc), enterpriseSk: `EVIDENCE_FLAG#${flag.projectId}#${flag.raisedAt}#${flag.raisedBy}#${flag.kind}`, ...flag }),
      ),
    ];
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return flags;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes[0] === 'ConditionalCheckFailed') throw new DomainError('EVIDENCE_ALREADY_COMPLETED', { details: { evidenceId: evidence.id } });
      // The upload vanished under us without becoming evidence: the cleanup timer closed it. If it is
      // still there, a scan verdict arrived in between: the next attempt carries it.
      if (codes[1] === 'ConditionalCheckFailed' && !(await pendingUpload(evidence.id))) throw new DomainError('NOT_FOUND');
      if (attempt >= 3) throw error;
    }
  }
}

/** A project's or an SME's evidence is listed in its enterprise's dossier (the byEnterprise index). */
function dossierKeys(evidence: Evidence): { enterprisePk?: string; enterpriseSk?: string } {
  if (evidence.uscc === undefined) return {};
  const owner = evidence.holder.type === 'project' ? evidence.holder.projectId : evidence.holder.type === 'sme' ? `SME#${evidence.holder.firmId}` : undefined;
  return owner === undefined ? {} : { enterprisePk: keys.enterprisePartition(evidence.uscc), enterpriseSk: `EVIDENCE#${owner}#${evidence.id}` };
}

/** Who a claim names: only a project's evidence claims (claimsOf), so the holder is a project here. */
function claimant(evidence: Evidence): EvidenceClaim {
  if (evidence.holder.type !== 'project' || evidence.uscc === undefined) throw new Error(`evidence ${evidence.id} of a ${evidence.holder.type} makes no claims`);
  return { projectId: evidence.holder.projectId, evidenceId: evidence.id, uscc: evidence.uscc };
}

/** The item exists and holds the verdict it was read with (none, or the one checked at that instant). */
function scanUnchanged(seen: EvidenceScan | undefined): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, string> } {
  return seen
    ? { ConditionExpression: 'attribute_exists(pk) AND #scan.checkedAt = :seen', ExpressionAttributeNames: { '#scan': 'scan' }, ExpressionAttributeValues: { ':seen': seen.checkedAt } }
    : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#scan)', ExpressionAttributeNames: { '#scan': 'scan' } };
}

export type ScanRecordedOn = 'evidence' | 'upload' | 'superseded' | 'missing';

/**
 * A malware scan verdict goes on the evidence, or on the upload while it is pending (completion then
 * carries it over, see saveEvidence). Each write holds only if the item still has the verdict it was
 * read with, so a completion or another verdict in between makes it read again.
 */
export async function recordScan(report: ScanReport): Promise<ScanRecordedOn> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const evidence = await getEvidence(report.holder, report.uploadId);
    const upload = evidence ? undefined : await pendingUpload(report.uploadId);
    const target = evidence
      ? { on: 'evidence' as const, TableName: tableNames.records, Key: evidenceKey(report.holder, report.uploadId), seen: evidence.scan, versionId: evidence.versionId }
      : upload?.key === report.key
        ? { on: 'upload' as const, TableName: tableNames.uploads, Key: uploadKey(report.uploadId), seen: upload.scan, versionId: undefined }
        : undefined;
    if (!target) return 'missing';
    if (!supersedes(target.seen, report.scan, target.versionId)) return 'superseded';
    const condition = scanUnchanged(target.seen);
    const update = { TableName: target.TableName, Key: target.Key, UpdateExpression: 'SET #scan = :scan', ...condition };
    try {
      await dynamo.send(new UpdateCommand({ ...update, ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':scan': report.scan } }));
      return target.on;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  throw new Error(`the scan verdict on ${report.key} kept changing under three attempts`);
}

/** The object first: if the record's removal then fails, the timer still finds it and retries. */
export async function discardUpload(upload: PendingUpload): Promise<void> {
  await deleteObject(upload.key);
  await closeUpload(upload);
}

export const completionPorts: CompletionPorts = {
  pendingUpload,
  evidence: getEvidence,
  statObject,
  readObject,
  discard: discardUpload,
  save: saveEvidence,
  // An upload found missing right after it was recorded was seen a few times in 2026 test runs: name the branch and the table.
  notFound: (reason, uploadId) => logger.info('evidence completion found no upload', { reason, uploadId, table: tableNames.uploads }),
};

/**
 * Removes draft evidence (the rule is assertRemovable): the record, conditioned on the project still
 * being at the version the rule was checked against, and the hash and invoice claims it holds, so a
 * later upload of the same file is not flagged against evidence that no longer exists. Then the bytes.
 */
export async function removeEvidence(project: Project, evidence: Evidence): Promise<void> {
  const claims = claimsOf(evidence);
  const owners = await Promise.all(claims.map((claim) => claimOf(claim.kind, claim.value)));
  const items: TransactItem[] = [
    { Delete: { TableName: tableNames.records, Key: evidenceKey(projectHolder(project.id), evidence.id), ConditionExpression: 'attribute_exists(pk)' } },
    {
      ConditionCheck: {
        TableName: tableNames.records,
        Key: keys.project(project.id),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': project.version },
      },
    },
    ...claims
      .filter((_claim, index) => owners[index]?.evidenceId === evidence.id)
      .map((claim): TransactItem => ({
        Delete: { TableName: tableNames.records, Key: claimKey(claim.kind, claim.value), ConditionExpression: 'evidenceId = :id', ExpressionAttributeValues: { ':id': evidence.id } },
      })),
  ];
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[0] === 'ConditionalCheckFailed') throw new DomainError('NOT_FOUND');
    if (codes[1] === 'ConditionalCheckFailed') throw new DomainError('STALE_VERSION', { details: { reason: 'project_changed' } });
    throw error;
  }
  await deleteObject(evidence.key);
}

/**
 * The timer's removal of a stale upload: the record first, and only if it was still there, so an
 * upload that a completion turned into evidence a moment ago keeps its bytes. Returns whether it did.
 */
export async function expireUpload(upload: PendingUpload, now: Date): Promise<boolean> {
  if (!(await closeUpload(upload, { expression: 'completeBy < :now', values: { ':now': now.toISOString() } }))) return false;
  await deleteObject(upload.key);
  return true;
}

/**
 * Uploads whose completion window has closed: one key query on the pendingByCompleteBy index, the
 * overdue end of the one `pending` partition (no Scan: no role may scan). DynamoDB Local never
 * applies TTL, and in AWS it lags; the key condition finds them either way.
 */
export async function staleUploads(now: Date): Promise<PendingUpload[]> {
  const uploads: PendingUpload[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableNames.uploads,
        IndexName: 'pendingByCompleteBy',
        KeyConditionExpression: 'pending = :pending AND completeBy < :now',
        ExpressionAttributeValues: { ':pending': PENDING, ':now': now.toISOString() },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of result.Items ?? []) {
      const { pk: _pk, expiresAt: _expiresAt, pending: _pending, ...upload } = item;
      uploads.push(upload as PendingUpload);
    }
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return uploads;
}
