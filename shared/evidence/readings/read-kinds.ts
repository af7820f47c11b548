import type { EvidenceCategory, FileKind } from '../categories';

/**
 * Which evidence is read: invoices in the forms that carry their own facts (XML, OFD, a PDF with a
 * text layer; an image of an invoice is a scan, whose number the uploader types) and site photos
 * (JPEG and PNG hashed, EXIF from those and HEIC). Every other category is only hashed (SHA-256, for
 * the same-file check) and never read. Apart from read.ts so that the declaration rule and the web
 * app can ask without loading the readers.
 */
export function isRead(category: EvidenceCategory, kind: FileKind): boolean {
  if (category === 'invoice') return kind === 'xml' || kind === 'ofd' || kind === 'pdf';
  return category === 'site_photo';
}
