import { EVIDENCE_CATEGORIES, FILE_KINDS, type EvidenceCategory, type FileKind } from '../../../../shared/evidence/categories';

/**
 * What the browser knows of a file before sending it: its declared type (from the browser, or the
 * extension when the browser has none, as for .ofd and often .heic) and its SHA-256, which S3 checks
 * against the bytes it receives and the API checks again at completion.
 */
const BY_EXTENSION: Record<string, FileKind> = { pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', png: 'png', heic: 'heic', heif: 'heic', docx: 'docx', xlsx: 'xlsx', ofd: 'ofd' };

export function contentTypeOf(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const kind = BY_EXTENSION[extension];
  return kind ? FILE_KINDS[kind].contentTypes[0] : 'application/octet-stream';
}

/** The `accept` attribute of a file input for a category: its MIME types and their extensions. */
export function acceptFor(category: EvidenceCategory): string {
  const kinds = EVIDENCE_CATEGORIES[category].kinds;
  const types = kinds.flatMap((kind) => FILE_KINDS[kind].contentTypes);
  const extensions = Object.entries(BY_EXTENSION).filter(([, kind]) => kinds.includes(kind)).map(([extension]) => `.${extension}`);
  return [...types, ...extensions].join(',');
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isImage(contentType: string): boolean {
  return /^image\/(jpeg|png)$/.test(contentType);
}

export function isPdf(contentType: string): boolean {
  return contentType === 'application/pdf';
}

/** Categories a role may upload on a project (shared/evidence/categories.ts `uploaders`). */
export function uploadableCategories(roles: readonly string[]): EvidenceCategory[] {
  return (Object.keys(EVIDENCE_CATEGORIES) as EvidenceCategory[]).filter((category) =>
    EVIDENCE_CATEGORIES[category].uploaders.some((role) => roles.includes(role)),
  );
}
