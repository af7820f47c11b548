/**
 * What the platform reads from an evidence file (issue 15). A reading is a fact about the file, stored
 * on the evidence record at completion; what it means for a project (a buyer who is not the
 * enterprise, a date outside the period, a photo seen elsewhere) is decided in findings.ts.
 */

export interface InvoiceParty {
  name?: string;
  /** 统一社会信用代码 / 纳税人识别号, as printed */
  taxId?: string;
}

export interface InvoiceLine {
  name: string;
  /** 金额 without tax, yuan */
  amount?: number;
  /** as printed: `0.13`, `13%`, `免税` */
  taxRate?: string;
  /** 税额, yuan */
  tax?: number;
}

/** A 数电票's key facts, read from its XML, its OFD or its PDF's text layer. */
export interface InvoiceReading {
  kind: 'invoice';
  /** which form the facts came from */
  source: 'xml' | 'ofd' | 'pdf';
  number?: string;
  /** YYYY-MM-DD */
  issueDate?: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  /** yuan */
  amountWithoutTax?: number;
  tax?: number;
  totalWithTax?: number;
  /** the XML and OFD forms list them; a PDF's lines are not read (its columns do not survive text extraction reliably) */
  lines: InvoiceLine[];
}

/** A site photo's capture data (EXIF) and perceptual hash. */
export interface PhotoReading {
  kind: 'photo';
  /** 64-bit perceptual hash (pHash, photo.ts) as 16 hex digits; absent for a format we do not decode (HEIC) */
  phash?: string;
  width?: number;
  height?: number;
  /** EXIF DateTimeOriginal: the camera's local time `YYYY-MM-DDTHH:mm:ss`, with its offset when recorded */
  takenAt?: string;
  takenAtOffset?: string;
  /** EXIF GPS position, WGS-84 degrees as the camera wrote them */
  gps?: { latitude: number; longitude: number };
}

/** A file of a category that is read, whose content could not be read (say why, for the reviewer). */
export interface UnreadableReading {
  kind: 'unreadable';
  /** `no_text_layer` (a scanned PDF), `not_an_invoice` (no invoice facts found), `undecodable` */
  reason: 'no_text_layer' | 'not_an_invoice' | 'undecodable';
}

export type EvidenceReading = InvoiceReading | PhotoReading | UnreadableReading;
