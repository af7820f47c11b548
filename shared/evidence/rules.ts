import { DomainError } from '../errors';
import type { Project, ProjectStatus } from '../projects/model';
import { roleScopeFits } from '../projects/visibility';
import type { Principal, Role } from '../roles';
import { parseInput } from '../validation';
import { EVIDENCE_CATEGORIES, FILE_KINDS, formatBytes, kindOfContentType, type CategoryDefinition } from './categories';
import { holderPrefix, storageKey } from './holder';
import { assertTakesUploads, dossierOf, holderScopeFits, type LoadedHolder } from './holders';
import { UploadRequest, type Evidence, type EvidenceClaim, type EvidenceFlag, type FlagKind, type PendingUpload, type Uploader } from './model';
import { withScan } from './scan';
import { detectFileKind } from './signature';

/**
 * The evidence rules, pure: who may hand in what, how long an upload stays open, what a completed
 * object must match, when evidence may still be removed, and what counts as a duplicate.
 */

/** Presigned PUT/POST lifetime: long enough to start a large upload on a slow line, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** An upload may be completed for this long after it was handed out; the cleanup timer removes it after. */
export const COMPLETION_WINDOW_MS = 6 * 60 * 60 * 1000;
/** Presigned GET lifetime: a download starts at once. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** Drafts may drop evidence they no longer reference; from the first submission on, nothing is removed. */
export const REMOVABLE_STATUSES: readonly ProjectStatus[] = ['draft', 'returned'];

/**
 * How much may wait declared but not completed (issue 12): per holder (a project, a provider's
 * materials, an indicator period, an SME) and per enterprise over all its holders. A presigned URL is
 * storage someone else pays for; these bound what one caller can reserve before completing any of
 * it, well above what a real application needs (its longest list of files is about 50).
 */
export const PENDING_LIMITS = {
  holder: { uploads: 60, bytes: 2 * 1024 ** 3 },
  enterprise: { uploads: 200, bytes: 6 * 1024 ** 3 },
} as const;

export type PendingScope = keyof typeof PENDING_LIMITS;

/** The counters an upload is counted in while pending: its holder's, and its enterprise's when it has one. */
export function pendingCounters(upload: Pick<PendingUpload, 'holder' | 'uscc'>): Array<{ scope: PendingScope; id: string }> {
  return [{ scope: 'holder', id: holderPrefix(upload.holder) }, ...(upload.uscc ? [{ scope: 'enterprise' as const, id: upload.uscc }] : [])];
}

/** The refusal when a scope is full: which scope, and its limits, for the client to show. */
export function pendingLimitError(scope: PendingScope): DomainError {
  const limit = PENDING_LIMITS[scope];
  const what = scope === 'holder' ? '此处' : '本企业';
  return new DomainError('EVIDENCE_PENDING_LIMIT', {
    message: `${what}待完成的上传最多 ${limit.uploads} 个、合计 ${formatBytes(limit.bytes)}，请先完成或等待未完成的上传过期`,
    details: { scope, maxUploads: limit.uploads, maxBytes: limit.bytes },
  });
}

/** Officials who see duplicate flags; the enterprise sees its evidence, not suspicions about it. */
export const FLAG_READERS: readonly Role[] = ['town', 'bureau', 'finance', 'operator', 'supervisor'];

function uploaderRole(category: CategoryDefinition, actor: Principal, loaded: LoadedHolder): Role {
  const role = actor.roles.find((candidate) => category.uploaders.includes(candidate) && holderScopeFits(candidate, actor, loaded));
  if (!role) throw new DomainError('FORBIDDEN', { details: { reason: 'category_not_for_role', category: category.label } });
  return role;
}

/**
 * Declares an upload: the holder must still take files, the category must be one the holder takes
 * and accept the declared type and size, and the caller must be one of its uploaders. The key is
 * fixed here from the holder and a server-minted id.
 */
export function planUpload(loaded: LoadedHolder, actor: Principal, input: unknown, now: Date, uploadId: string): PendingUpload {
  const request = parseInput(UploadRequest, input);
  const category = EVIDENCE_CATEGORIES[request.category];
  assertTakesUploads(loaded, category);
  if (!category.holders.includes(loaded.type)) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'category', message: `${category.label}不属于此处的材料` }] });
  }
  const role = uploaderRole(category, actor, loaded);
  if (category.invoiceNumber !== (request.invoiceNumber !== undefined)) {
    const message = category.invoiceNumber ? '发票须填写发票号码' : '只有发票填写发票号码';
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'invoiceNumber', message }] });
  }
  const kind = kindOfContentType(request.contentType);
  if (kind === undefined || !category.kinds.includes(kind)) {
    const allowed = category.kinds.map((candidate) => FILE_KINDS[candidate].label).join('、');
    throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', {
      issues: [{ path: 'contentType', message: `${category.label}只接受：${allowed}` }],
      details: { allowed: category.kinds.flatMap((candidate) => FILE_KINDS[candidate].contentTypes) },
    });
  }
  if (request.size > category.maxBytes) {
    throw new DomainError('EVIDENCE_TOO_LARGE', {
      issues: [{ path: 'size', message: `${category.label}不能超过 ${formatBytes(category.maxBytes)}` }],
      details: { maxBytes: category.maxBytes },
    });
  }
  const uploader: Uploader = { subject: actor.subject, name: actor.name, role };
  const uscc = dossierOf(loaded);
  return {
    uploadId,
    holder: loaded.holder,
    ...(uscc ? { uscc } : {}),
    key: storageKey(loaded.holder, uploadId),
    category: request.category,
    fileName: request.fileName,
    contentType: FILE_KINDS[kind].contentTypes[0],
    kind,
    size: request.size,
    sha256: request.sha256,
    ...(request.invoiceNumber ? { invoiceNumber: request.invoiceNumber } : {}),
    uploader,
    createdAt: now.toISOString(),
    urlExpiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    completeBy: new Date(now.getTime() + COMPLETION_WINDOW_MS).toISOString(),
  };
}

/** Why a stored object cannot become evidence; the object is deleted and the upload closed. */
export interface Refusal {
  code: 'EVIDENCE_SIZE_MISMATCH' | 'EVIDENCE_TYPE_MISMATCH' | 'EVIDENCE_CHECKSUM_MISMATCH' | 'EVIDENCE_EXECUTABLE';
  details: Record<string, unknown>;
}

/** Checked from a HEAD alone, before any byte is read: a wrong size never costs a download. */
export function sizeRefusal(upload: PendingUpload, size: number): Refusal | undefined {
  return size === upload.size ? undefined : { code: 'EVIDENCE_SIZE_MISMATCH', details: { declared: upload.size, received: size } };
}

/**
 * The bytes must carry no program anywhere (a polyglot PDF or image with an executable inside is
 * refused whatever its first bytes say, for every holder), be of the declared kind (by signature, not
 * name) and hash to the declared SHA-256.
 */
export function contentRefusal(upload: PendingUpload, content: { head: Uint8Array; tail: Uint8Array; sha256: string; executableAt?: number }): Refusal | undefined {
  const detected = detectFileKind(content.head, content.tail);
  if (detected === 'executable' || content.executableAt !== undefined) {
    return { code: 'EVIDENCE_EXECUTABLE', details: { declared: upload.kind, offset: content.executableAt ?? 0 } };
  }
  if (detected !== upload.kind) return { code: 'EVIDENCE_TYPE_MISMATCH', details: { declared: upload.kind, detected } };
  if (content.sha256 !== upload.sha256) return { code: 'EVIDENCE_CHECKSUM_MISMATCH', details: { declared: upload.sha256, received: content.sha256 } };
  return undefined;
}

/** A scan verdict that reached the upload first comes along, if it is about the version verified here. */
export function evidenceFrom(upload: PendingUpload, now: Date, versionId: string | undefined): Evidence {
  const { uploadId, urlExpiresAt: _urlExpiresAt, completeBy: _completeBy, createdAt: _createdAt, scan, ...rest } = upload;
  return withScan({ ...rest, id: uploadId, uploadedAt: now.toISOString(), ...(versionId ? { versionId } : {}) }, scan);
}

/**
 * What a piece of evidence claims that no other may claim unflagged: its bytes, and an invoice's
 * number. Only a project's evidence claims: duplicates are a sign of one cost counted twice for funds,
 * while a provider's brochure or a statistics table may rightly be handed in more than once.
 */
export function claimsOf(evidence: Evidence): Array<{ kind: FlagKind; value: string }> {
  if (evidence.holder.type !== 'project') return [];
  const claims: Array<{ kind: FlagKind; value: string }> = [{ kind: 'same_file', value: evidence.sha256 }];
  if (evidence.invoiceNumber) claims.push({ kind: 'same_invoice', value: evidence.invoiceNumber });
  return claims;
}

/**
 * The flags a later claim raises against the first: one per project involved, each naming the other.
 * The same file twice in one project is no fraud (one photo may back two reports); the same invoice
 * twice is, even within one project (it would be counted twice).
 */
export function duplicateFlags(kind: FlagKind, value: string, later: Evidence, earlier: EvidenceClaim, now: Date): EvidenceFlag[] {
  if (later.holder.type !== 'project' || later.uscc === undefined) return [];
  const projectId = later.holder.projectId;
  if (earlier.evidenceId === later.id) return [];
  if (kind === 'same_file' && earlier.projectId === projectId) return [];
  const base = { kind, value, raisedBy: later.id, raisedAt: now.toISOString() };
  return [
    { ...base, projectId, uscc: later.uscc, evidenceId: later.id, counterpart: { projectId: earlier.projectId, evidenceId: earlier.evidenceId } },
    { ...base, projectId: earlier.projectId, uscc: earlier.uscc, evidenceId: earlier.evidenceId, counterpart: { projectId, evidenceId: later.id } },
  ];
}

/**
 * Only the uploader, only while the project is a draft (or returned for revision), and only evidence
 * that neither the current application nor any submitted version of it references.
 */
export function assertRemovable(project: Project, evidence: Evidence, actor: Principal, referenced: ReadonlySet<string>): void {
  if (evidence.uploader.subject !== actor.subject) throw new DomainError('FORBIDDEN', { details: { reason: 'not_uploader' } });
  if (!REMOVABLE_STATUSES.includes(project.status)) throw new DomainError('EVIDENCE_LOCKED', { details: { status: project.status } });
  if (referenced.has(evidence.id)) throw new DomainError('EVIDENCE_LOCKED', { details: { referenced: true } });
}

export function canSeeFlags(actor: Principal, project: Project): boolean {
  return actor.roles.some((role) => FLAG_READERS.includes(role) && roleScopeFits(role, actor, project));
}

/**
 * RFC 6266 with an RFC 5987 `filename*` for the original (often Chinese) name, and a plain ASCII
 * `filename` for clients that ignore it. The name was sanitised when declared (model.ts FileName).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
