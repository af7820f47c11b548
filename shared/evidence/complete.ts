import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { sameHolder, type EvidenceHolder } from './holder';
import type { Evidence, EvidenceFlag, PendingUpload } from './model';
import { contentRefusal, evidenceFrom, sizeRefusal, type Refusal } from './rules';

/**
 * Completing an upload: the one place where a client's declaration meets the bytes it sent. The local
 * S3 server enforces no POST policy and checks no signature, and even S3 cannot check a file's kind,
 * so every limit is checked here against the stored object. Storage is reached through these ports
 * (functions/commons/store implements them), which keeps the sequence testable without a network.
 */

export interface StoredObjectFacts {
  size: number;
  versionId?: string;
  /** hex SHA-256 the server computed and verified on upload, when it offers one for the whole object */
  sha256?: string;
}

export interface ObjectContent {
  head: Uint8Array;
  tail: Uint8Array;
  sha256: string;
  /** where the whole object, scanned by executableScanner (signature.ts), carries a program, if it does */
  executableAt?: number;
}

export interface CompletionPorts {
  pendingUpload(uploadId: string): Promise<PendingUpload | undefined>;
  evidence(holder: EvidenceHolder, evidenceId: string): Promise<Evidence | undefined>;
  /** HEAD: undefined when no object is there */
  statObject(key: string): Promise<StoredObjectFacts | undefined>;
  /** the first and last bytes, the SHA-256 (the server's if given, else computed while reading) and any program inside */
  readObject(key: string, facts: StoredObjectFacts): Promise<ObjectContent>;
  /** removes the object at the upload's own key and the upload record, nothing else */
  discard(upload: PendingUpload): Promise<void>;
  /** writes the evidence and closes the upload at once, with duplicate claims and flags; EVIDENCE_ALREADY_COMPLETED on a race */
  save(evidence: Evidence, now: Date): Promise<EvidenceFlag[]>;
  /**
   * Told why a completion answers NOT_FOUND, for the operator's log only: the caller is never told
   * whether an upload exists for someone else.
   */
  notFound?(reason: NotFoundReason, uploadId: string): void;
}

export type NotFoundReason = 'no_pending_upload' | 'other_holder' | 'other_uploader';

export interface Completion {
  evidence: Evidence;
  flags: EvidenceFlag[];
}

async function refuse(ports: CompletionPorts, upload: PendingUpload, refusal: Refusal): Promise<never> {
  await ports.discard(upload);
  throw new DomainError(refusal.code, { details: refusal.details });
}

/**
 * Someone else's upload, or one of another holder, answers NOT_FOUND as if it did not exist, and is
 * left untouched. A completed one answers EVIDENCE_ALREADY_COMPLETED to its uploader. The caller has
 * checked that the actor may still read the holder.
 */
export async function completeUpload(ports: CompletionPorts, holder: EvidenceHolder, actor: Principal, uploadId: string, now: Date): Promise<Completion> {
  const upload = await ports.pendingUpload(uploadId);
  if (!upload || !sameHolder(upload.holder, holder) || upload.uploader.subject !== actor.subject) {
    const done = await ports.evidence(holder, uploadId);
    if (done && done.uploader.subject === actor.subject) throw new DomainError('EVIDENCE_ALREADY_COMPLETED', { details: { evidenceId: done.id } });
    ports.notFound?.(!upload ? 'no_pending_upload' : !sameHolder(upload.holder, holder) ? 'other_holder' : 'other_uploader', uploadId);
    throw new DomainError('NOT_FOUND');
  }
  if (now.toISOString() > upload.completeBy) {
    await ports.discard(upload);
    throw new DomainError('EVIDENCE_UPLOAD_EXPIRED', { details: { completeBy: upload.completeBy } });
  }
  const facts = await ports.statObject(upload.key);
  // Nothing arrived yet: keep the upload open, the client may still send the file.
  if (!facts) throw new DomainError('EVIDENCE_NOT_UPLOADED', { details: { urlExpiresAt: upload.urlExpiresAt } });
  const wrongSize = sizeRefusal(upload, facts.size);
  if (wrongSize) return refuse(ports, upload, wrongSize);
  const wrongContent = contentRefusal(upload, await ports.readObject(upload.key, facts));
  if (wrongContent) return refuse(ports, upload, wrongContent);
  const evidence = evidenceFrom(upload, now, facts.versionId);
  const flags = await ports.save(evidence, now);
  return { evidence, flags };
}
