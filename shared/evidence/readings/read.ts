import type { EvidenceCategory, FileKind } from '../categories';
import { readInvoiceOfd, readInvoicePdfText, readInvoiceXml } from './invoice';
import type { EvidenceReading } from './model';
import { isRead } from './read-kinds';
import { pdfText } from './pdf-text';
import { readPhoto } from './photo';

/** The reading of a file `isRead` names; a file that cannot be read says why rather than throwing. */
export async function readEvidence(category: EvidenceCategory, kind: FileKind, bytes: Uint8Array): Promise<EvidenceReading | undefined> {
  if (!isRead(category, kind)) return undefined;
  if (category === 'site_photo') return readPhoto(kind, bytes);
  if (kind === 'xml') return readInvoiceXml(new TextDecoder('utf-8').decode(bytes));
  if (kind === 'ofd') return readInvoiceOfd(bytes);
  let text: string;
  try {
    text = await pdfText(bytes);
  } catch {
    return { kind: 'unreadable', reason: 'undecodable' };
  }
  return readInvoicePdfText(text);
}
