import * as z from 'zod';
import type { Role } from '../roles';
import { Id } from '../projects/values';
import { withoutHiddenCharacters } from '../validation';
import { type EvidenceHolder } from './holder';
import { holderPath } from './holders';
import { EvidenceCategory, MAX_EVIDENCE_BYTES, type FileKind } from './categories';
import { isQuarantined, scanView, type EvidenceScan } from './scan';

/** The evidence HTTP shapes and the records they become. */


/**
 * The uploader's file name, kept for display and downloads only; it never becomes part of a key.
 * It comes from the uploader's disk, not from typing, so hidden characters (the bidi override that
 * makes "发票\u202Efdp.exe" display as "发票exe.pdf", zero-width and control characters) are stripped
 * rather than refused: the same set published text refuses (shared/validation.ts).
 */
export const FileName = z
  .string()
  .transform((name) => withoutHiddenCharacters(name).replace(/[/\\]/g, '_').trim())
  .pipe(z.string().min(1, { error: '请填写文件名' }).max(200, { error: '文件名最多 200 个字符' }));

/**
 * A SHA-256 digest as hex (64 characters) or base64 (44, as S3's x-amz-checksum-sha256 and the
 * browser's SubtleCrypto-then-btoa give it); stored and compared as lower-case hex.
 */
export const Sha256 = z
  .string()
  .trim()
  .transform((value, context) => {
    if (/^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
    if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return [...atob(value)].map((char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    context.addIssue({ code: 'custom', message: 'SHA-256 应为 64 位十六进制或 44 位 Base64' });
    return z.NEVER;
  });

/** The base64 form S3 wants in x-amz-checksum-sha256. (atob/btoa, not Buffer: the web app shares this.) */
export function sha256Base64(hex: string): string {
  return btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16))));
}

/**
 * 发票号码: a fully digital invoice (全电发票) has a 20-digit number; an older invoice is identified by
 * its code (10 or 12 digits) followed by its number (8 digits). Spaces and dashes are ignored.
 */
export const InvoiceNumber = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8,20}$/, { error: '发票号码应为 8–20 位数字（旧版发票请填写发票代码加号码）' }));

export const UploadRequest = z.strictObject({
  category: EvidenceCategory,
  fileName: FileName,
  contentType: z.string().trim().min(1).max(120),
  size: z.number().int().min(1, { error: '空文件不能作为证据' }).max(MAX_EVIDENCE_BYTES),
  sha256: Sha256,
  invoiceNumber: InvoiceNumber.optional(),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

/** The routes' paths for any holder (holders.ts): `{ holder }`, and the upload or evidence id. */
export const HolderPath = holderPath({});
export const UploadPath = holderPath({ uploadId: Id });
export const EvidencePath = holderPath({ evidenceId: Id });
/** Removal is a project's only (rules.ts assertRemovable). */
export const ProjectEvidencePath = z.object({ projectId: Id, evidenceId: Id });
/** Completion carries no body: the key, size and checksum come from the recorded upload, never the client. */
export const CompleteRequest = z.strictObject({}).optional();

/** Who handed in a file and in which role. */
export interface Uploader {
  subject: string;
  name: string;
  role: Role;
}

/** What an uploader declared about a file and the platform then verified: shared by uploads and evidence. */
export interface DeclaredFile {
  category: EvidenceCategory;
  fileName: string;
  contentType: string;
  kind: FileKind;
  size: number;
  sha256: string;
  invoiceNumber?: string;
  uploader: Uploader;
}

/** An upload handed out and not yet completed: one item of the uploads table. */
export interface PendingUpload extends DeclaredFile {
  uploadId: string;
  holder: EvidenceHolder;
  /** the enterprise a project's evidence belongs to: its dossier receives it; absent for other holders */
  uscc?: string;
  /** `<holder prefix>/<uploadId>` (holders.ts storageKey), chosen here, never by the client */
  key: string;
  createdAt: string;
  /** the presigned PUT and POST stop working at this instant */
  urlExpiresAt: string;
  /** after this the upload can no longer be completed and the cleanup timer removes it */
  completeBy: string;
  /** a malware scan verdict that arrived before completion (shared/evidence/scan.ts) */
  scan?: EvidenceScan;
}

/** A completed, verified file. Its id is the upload's id, so its key is fixed from the start. */
export interface Evidence extends DeclaredFile {
  id: string;
  holder: EvidenceHolder;
  /** a project's enterprise (一企一档); absent for other holders */
  uscc?: string;
  uploadedAt: string;
  key: string;
  /** the S3 object version verified at completion (absent where the server does not version) */
  versionId?: string;
  /** the malware scan verdict; absent until a scanner reports, and always where none runs */
  scan?: EvidenceScan;
}

/** The first evidence to claim a file hash or an invoice number. */
export interface EvidenceClaim {
  projectId: string;
  evidenceId: string;
  uscc: string;
}

export const FlagKind = z.enum(['same_file', 'same_invoice']);
export type FlagKind = z.infer<typeof FlagKind>;

/** A duplicate found at completion, written to both projects' records (一企一档 of each enterprise). */
export interface EvidenceFlag {
  kind: FlagKind;
  projectId: string;
  uscc: string;
  evidenceId: string;
  /** the SHA-256 or the invoice number both share */
  value: string;
  counterpart: { projectId: string; evidenceId: string };
  /** the later evidence, whose completion raised the flag: one flag pair per such evidence */
  raisedBy: string;
  raisedAt: string;
}

/** What the API shows of an evidence record. */
export function evidenceView(evidence: Evidence) {
  return {
    id: evidence.id,
    holder: evidence.holder,
    category: evidence.category,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    size: evidence.size,
    sha256: evidence.sha256,
    ...(evidence.invoiceNumber ? { invoiceNumber: evidence.invoiceNumber } : {}),
    uploader: evidence.uploader,
    uploadedAt: evidence.uploadedAt,
    scan: scanView(evidence.scan),
    quarantined: isQuarantined(evidence),
  };
}
type FullEvidenceView = ReturnType<typeof evidenceView>;
/**
 * `scan` and `quarantined` are optional for readers: the web app is published apart from the API
 * (docs/deploy.md) and must still read an API deployed before scanning existed.
 */
export type EvidenceView = Omit<FullEvidenceView, 'scan' | 'quarantined'> & Partial<Pick<FullEvidenceView, 'scan' | 'quarantined'>>;
