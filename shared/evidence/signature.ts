import type { FileKind } from './categories';

/**
 * What a file is, from its bytes alone (its declared type and name are the uploader's word). The
 * completion step reads the first and the last SIGNATURE_BYTES of an object: the head carries every
 * magic number and a ZIP's first entries, the tail a ZIP's central directory (the full list of names).
 */
export const SIGNATURE_BYTES = 64 * 1024;

export type DetectedKind = FileKind | 'executable' | 'zip' | 'unknown';

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + magic.length && magic.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/**
 * Programs, checked first so that an executable is named as such whatever else it resembles:
 * ELF (Linux), MZ (DOS/Windows PE), Mach-O thin and fat (also Java classes: CAFEBABE), WebAssembly,
 * and scripts with an interpreter line.
 */
const EXECUTABLE_MAGIC: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46],
  ascii('MZ'),
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x00, 0x61, 0x73, 0x6d],
  ascii('#!'),
];

const PDF = ascii('%PDF-');
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_CENTRAL = [0x50, 0x4b, 0x01, 0x02];
const FTYP = ascii('ftyp');
// HEVC-coded HEIF brands. `mif1`/`msf1` alone say only "some HEIF" (AVIF uses them too), so they count
// only beside one of these among the compatible brands.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (u16(bytes, offset) + u16(bytes, offset + 2) * 0x10000) >>> 0;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** The brands of an ISO-BMFF `ftyp` box at the start of the file (major first), or none. */
function ftypBrands(head: Uint8Array): string[] {
  if (!startsWith(head, FTYP, 4)) return [];
  // ISO-BMFF box sizes are big-endian, unlike ZIP's little-endian fields below.
  const size = (head[0] ?? 0) * 0x1000000 + ((head[1] ?? 0) << 16) + ((head[2] ?? 0) << 8) + (head[3] ?? 0);
  if (size < 16 || size > head.length) return [];
  const brands = [text(head, 8, 4)];
  for (let offset = 16; offset + 4 <= size; offset += 4) brands.push(text(head, offset, 4));
  return brands;
}

function isHeic(head: Uint8Array): boolean {
  return ftypBrands(head).some((brand) => HEIC_BRANDS.has(brand));
}

/**
 * Entry names of a ZIP from whatever of it we hold: local file headers walked from the head (jumping
 * over each entry's data when its size is known, else searching for the next header) and central
 * directory records found in the tail.
 */
export function zipEntryNames(head: Uint8Array, tail: Uint8Array = new Uint8Array()): Set<string> {
  const names = new Set<string>();
  let offset = 0;
  while (offset + 30 <= head.length && startsWith(head, ZIP_LOCAL, offset)) {
    const nameLength = u16(head, offset + 26);
    const extraLength = u16(head, offset + 28);
    if (offset + 30 + nameLength > head.length) break;
    names.add(text(head, offset + 30, nameLength));
    const dataStart = offset + 30 + nameLength + extraLength;
    const hasDescriptor = (u16(head, offset + 6) & 0x08) !== 0;
    const compressed = u32(head, offset + 18);
    offset = hasDescriptor && compressed === 0 ? indexOf(head, ZIP_LOCAL, dataStart) : dataStart + compressed;
    if (offset < 0) break;
  }
  for (let at = indexOf(tail, ZIP_CENTRAL, 0); at >= 0; at = indexOf(tail, ZIP_CENTRAL, at + 4)) {
    const nameLength = u16(tail, at + 28);
    if (at + 46 + nameLength <= tail.length) names.add(text(tail, at + 46, nameLength));
  }
  return names;
}

function indexOf(bytes: Uint8Array, magic: readonly number[], from: number): number {
  for (let at = from; at + magic.length <= bytes.length; at += 1) if (startsWith(bytes, magic, at)) return at;
  return -1;
}

function zipKind(head: Uint8Array, tail: Uint8Array): DetectedKind {
  const names = zipEntryNames(head, tail);
  // GB/T 33190 §7.1: the package's entry file is OFD.xml at its root.
  if (names.has('OFD.xml')) return 'ofd';
  const isWord = names.has('[Content_Types].xml') && [...names].some((name) => name.startsWith('word/'));
  // A macro-enabled document (.docm) carries word/vbaProject.bin: not a plain .docx, and not wanted.
  if (isWord && !names.has('word/vbaProject.bin')) return 'docx';
  // The same for a workbook: .xlsm carries xl/vbaProject.bin.
  const isWorkbook = names.has('[Content_Types].xml') && [...names].some((name) => name.startsWith('xl/'));
  if (isWorkbook && !names.has('xl/vbaProject.bin')) return 'xlsx';
  return 'zip';
}

const XML_DECLARATION = ascii('<?xml');
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** An XML document: the declaration `<?xml` first, after a UTF-8 byte order mark at most (XML 1.0 §2.8). */
function isXml(head: Uint8Array): boolean {
  return startsWith(head, XML_DECLARATION) || (startsWith(head, UTF8_BOM) && startsWith(head, XML_DECLARATION, UTF8_BOM.length));
}

/** The kind of file `head` (its first bytes) and `tail` (its last bytes; empty if unknown) belong to. */
export function detectFileKind(head: Uint8Array, tail: Uint8Array = new Uint8Array()): DetectedKind {
  if (EXECUTABLE_MAGIC.some((magic) => startsWith(head, magic))) return 'executable';
  // PDF 2.0 §7.5.2 allows bytes before the header; we do not: every PDF writer puts it at offset 0.
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, PNG)) return 'png';
  if (isHeic(head)) return 'heic';
  if (startsWith(head, ZIP_LOCAL)) return zipKind(head, tail);
  if (isXml(head)) return 'xml';
  return 'unknown';
}
