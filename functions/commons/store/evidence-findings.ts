import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { s3 } from '../clients';
import { bucketNames, tableNames } from '../config';
import { logger } from '../logger';
import type { EvidenceHolder } from '../../../shared/evidence/holder';
import type { Evidence } from '../../../shared/evidence/model';
import type { LoadedHolder } from '../../../shared/evidence/holders';
import {
  canSeeFindings,
  evidenceNotes,
  invoiceTotalsByBudgetLine,
  noteContext,
  photoBands,
  photoReuseFlags,
  readingView,
  withReading,
  type PhotoEntry,
  type PhotoReuseFlag,
} from '../../../shared/evidence/readings/findings';
import type { Principal } from '../../../shared/roles';
import { readEvidence } from '../../../shared/evidence/readings/read';
import { isRead } from '../../../shared/evidence/readings/read-kinds';
import { keys } from './keys';
import { getPilot } from './pilots';
import { queryAll, strip } from './records';

/**
 * Evidence findings in storage (issue 15), called by the completion's save (evidence.ts): the file is
 * read once, right after it is verified and before its record is written, so the record, its invoice
 * claim on the number read, its photo bands and any re-use flags land in the same transaction, and an
 * official sees them as soon as the evidence exists. Only invoices (≤ 10 MB) and site photos (≤ 30 MB)
 * are read; reading is bounded by their size limits (categories.ts) and never fails a completion: a
 * file that cannot be read gets a reading that says so.
 *
 * Photo bands: `PHOTO_BAND#<band>` / `EVIDENCE#<id>`, one item per band of the pHash (findings.ts
 * photoBands), so similar earlier photos are found by a few queries, across every project, SME and pilot.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** At most this many earlier photos are flagged against one new photo: the transaction holds 100 items. */
const MAX_FLAGGED_COUNTERPARTS = 20;

async function objectBytes(evidence: Evidence): Promise<Uint8Array> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucketNames.evidence, Key: evidence.key, ...(evidence.versionId ? { VersionId: evidence.versionId } : {}) }));
  return result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
}

/** The evidence with what its file says, for the categories that are read; others unchanged. */
export async function readStoredEvidence(evidence: Evidence): Promise<Evidence> {
  if (!isRead(evidence.category, evidence.kind)) return evidence;
  const reading = await readEvidence(evidence.category, evidence.kind, await objectBytes(evidence));
  logger.info('evidence read', { evidenceId: evidence.id, category: evidence.category, kind: evidence.kind, reading: reading?.kind, ...(reading?.kind === 'unreadable' ? { reason: reading.reason } : {}) });
  return withReading(evidence, reading);
}

const bandKey = (band: string, evidenceId: string) => ({ pk: `PHOTO_BAND#${band}`, sk: `EVIDENCE#${evidenceId}` });

function photoEntry(evidence: Evidence): PhotoEntry | undefined {
  const phash = evidence.reading?.kind === 'photo' ? evidence.reading.phash : undefined;
  if (!phash) return undefined;
  return { holder: evidence.holder, evidenceId: evidence.id, phash, ...(evidence.uscc ? { uscc: evidence.uscc } : {}) };
}

async function entriesInBand(band: string): Promise<PhotoEntry[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PHOTO_BAND#${band}` } });
  return items.map((item) => ({ holder: item.holder as EvidenceHolder, evidenceId: String(item.evidenceId), phash: String(item.phash), ...(item.uscc ? { uscc: String(item.uscc) } : {}) }));
}

function partitionOf(holder: EvidenceHolder): string {
  if (holder.type === 'project') return keys.projectPartition(holder.projectId);
  if (holder.type === 'sme') return keys.smePartition(holder.firmId);
  throw new Error(`a ${holder.type} holds no site photos`);
}

/** Where the flag lists: its holder's partition, and its enterprise's dossier (officials only, shared/enterprises/dossier.ts). */
function flagItem(flag: PhotoReuseFlag): Record<string, unknown> {
  const owner = flag.holder.type === 'project' ? flag.holder.projectId : flag.holder.type === 'sme' ? `SME#${flag.holder.firmId}` : '';
  return {
    pk: partitionOf(flag.holder),
    sk: `EVIDENCE_FLAG#${flag.raisedBy}#${flag.kind}#${flag.evidenceId}`,
    itemType: 'evidenceFlag',
    ...(flag.uscc ? { enterprisePk: keys.enterprisePartition(flag.uscc), enterpriseSk: `EVIDENCE_FLAG#${owner}#${flag.raisedAt}#${flag.raisedBy}#${flag.kind}` } : {}),
    ...flag,
  };
}

/**
 * The items a new photo adds to its completion's transaction: its band entries and the flags against
 * similar earlier photos of other holders. Empty for anything else.
 */
export async function photoItems(evidence: Evidence, now: Date): Promise<TransactItem[]> {
  const entry = photoEntry(evidence);
  if (!entry) return [];
  const bands = photoBands(entry.phash);
  const earlier = (await Promise.all(bands.map(entriesInBand))).flat();
  const flags = photoReuseFlags(entry, earlier, now).slice(0, 2 * MAX_FLAGGED_COUNTERPARTS);
  if (flags.length > 0) logger.warn('similar site photo', { evidenceId: evidence.id, counterparts: flags.filter((flag) => flag.evidenceId !== evidence.id).map((flag) => flag.evidenceId) });
  return [
    ...bands.map((band): TransactItem => ({ Put: { TableName: tableNames.records, Item: { ...bandKey(band, evidence.id), itemType: 'photoBand', ...entry } } })),
    ...flags.map((flag): TransactItem => ({ Put: { TableName: tableNames.records, Item: flagItem(flag) } })),
  ];
}

/** Removing draft evidence takes its band entries along, so no later photo is flagged against it. */
export function photoRemovalItems(evidence: Evidence): TransactItem[] {
  const entry = photoEntry(evidence);
  return entry ? photoBands(entry.phash).map((band) => ({ Delete: { TableName: tableNames.records, Key: bandKey(band, evidence.id) } })) : [];
}

/** An SME's photo re-use flags (a project's list with its other flags, evidence.ts listFlags). */
export async function listPhotoFlags(holder: EvidenceHolder): Promise<PhotoReuseFlag[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': partitionOf(holder), ':prefix': 'EVIDENCE_FLAG#' } });
  return items.map((item) => strip<PhotoReuseFlag & { enterprisePk?: string; enterpriseSk?: string }>(item)).filter((flag) => flag.kind === 'similar_photo').map(({ enterprisePk: _pk, enterpriseSk: _sk, ...flag }) => flag);
}

/**
 * What the evidence list adds for its readers (issue 15): invoice totals by budget line for anyone
 * who reads a project's evidence (the enterprise writes its self-evaluation from them); for officials
 * the readings, the notes judged against the holder as it is now (its enterprise, its pilot's and
 * milestones' period) and an SME's re-use flags (a project's list with its duplicate flags).
 */
export async function listFindings(loaded: LoadedHolder, evidence: readonly Evidence[], actor: Principal) {
  const totals = loaded.type === 'project' ? { invoiceTotals: invoiceTotalsByBudgetLine(evidence, loaded.project.application.budget) } : {};
  if (!canSeeFindings(actor, loaded)) return totals;
  const pilotId = loaded.type === 'project' ? loaded.project.pilotId : loaded.type === 'sme' ? loaded.firm.pilotId : undefined;
  const pilot = pilotId ? await getPilot(pilotId) : undefined;
  const context = noteContext(loaded, pilot);
  return {
    ...totals,
    readings: evidence.filter((item) => item.reading || item.invoiceNumber).map(readingView),
    notes: evidence.flatMap((item) => evidenceNotes(item, context)),
    ...(loaded.type === 'sme' ? { flags: await listPhotoFlags(loaded.holder) } : {}),
  };
}
