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

/** The kind of file `head` (its first bytes) and `tail` (its last bytes; empty if unknown) belong to. */
export function detectFileKind(head: Uint8Array, tail: Uint8Array = new Uint8Array()): DetectedKind {
  if (EXECUTABLE_MAGIC.some((magic) => startsWith(head, magic))) return 'executable';
  // PDF 2.0 §7.5.2 allows bytes before the header; we do not: every PDF writer puts it at offset 0.
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, PNG)) return 'png';
  if (isHeic(head)) return 'heic';
  if (startsWith(head, ZIP_LOCAL)) return zipKind(head, tail);
  return 'unknown';
}

/**
 * Executables hidden inside another file (issue 12). A polyglot — a PDF or an image with a Windows,
 * Linux or macOS program appended or embedded (after a JPEG's EOI, a PNG's IEND, a PDF's %%EOF, or in
 * a PDF stream stored uncompressed) — passes every check on its first bytes. The completion step
 * therefore feeds the whole object through this scanner. Each marker is checked with the header
 * fields behind it, so compressed data does not trip it by chance (MZ alone is two bytes; MZ with a
 * PE header where e_lfanew points is 2⁻⁴⁸ per position):
 * - PE: `MZ`, e_lfanew (u32 LE at +0x3C) in 0x40..0x400, `PE\0\0` there;
 * - ELF: `\x7fELF`, class and data 1|2, version 1, type EXEC or DYN;
 * - Mach-O thin (either byte order): a known CPU type and a file type 1..12; fat: 1..8 architectures
 *   and a known CPU type first (which leaves out Java classes, whose CAFEBABE is followed by a version).
 */
const PE_LOOKAHEAD = 0x400 + 4;
const MACHO_CPU_TYPES = new Set([7, 0x01000007, 12, 0x0100000c, 18, 0x01000012]);

function u32be(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

function executableAt(bytes: Uint8Array, at: number): boolean {
  const first = bytes[at];
  if (first === 0x4d) {
    if (bytes[at + 1] !== 0x5a || at + 0x40 > bytes.length) return false;
    const peOffset = u32(bytes, at + 0x3c);
    return peOffset >= 0x40 && peOffset <= 0x400 && startsWith(bytes, [0x50, 0x45, 0x00, 0x00], at + peOffset);
  }
  if (first === 0x7f) {
    if (!startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46], at) || at + 24 > bytes.length) return false;
    const elfClass = bytes[at + 4];
    const data = bytes[at + 5];
    if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2) || bytes[at + 6] !== 1) return false;
    const type = data === 1 ? u16(bytes, at + 16) : ((bytes[at + 16] ?? 0) << 8) | (bytes[at + 17] ?? 0);
    return type === 2 || type === 3;
  }
  if (first === 0xfe || first === 0xce || first === 0xcf) {
    if (at + 16 > bytes.length) return false;
    const bigEndian = startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce], at) || startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf], at);
    const littleEndian = startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe], at) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe], at);
    if (!bigEndian && !littleEndian) return false;
    const cpu = bigEndian ? u32be(bytes, at + 4) : u32(bytes, at + 4);
    const fileType = bigEndian ? u32be(bytes, at + 12) : u32(bytes, at + 12);
    return MACHO_CPU_TYPES.has(cpu) && fileType >= 1 && fileType <= 12;
  }
  if (first === 0xca) {
    if (!startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe], at) || at + 12 > bytes.length) return false;
    const architectures = u32be(bytes, at + 4);
    return architectures >= 1 && architectures <= 8 && MACHO_CPU_TYPES.has(u32be(bytes, at + 8));
  }
  return false;
}

/** The offset of the first executable in `bytes` starting in [from, to), or undefined. */
export function findEmbeddedExecutable(bytes: Uint8Array, from = 0, to = bytes.length): number | undefined {
  for (let at = from; at < to; at += 1) if (executableAt(bytes, at)) return at;
  return undefined;
}

/** Feeds an object through findEmbeddedExecutable chunk by chunk, markers across chunk borders included. */
export interface ExecutableScanner {
  push(chunk: Uint8Array): void;
  /** the offset of the first executable found, once every chunk was pushed */
  finish(): number | undefined;
}

export function executableScanner(): ExecutableScanner {
  let carry = new Uint8Array(0);
  let carryOffset = 0;
  let found: number | undefined;
  return {
    push(chunk) {
      if (found !== undefined) return;
      const window = new Uint8Array(carry.length + chunk.length);
      window.set(carry, 0);
      window.set(chunk, carry.length);
      // Positions with a whole header behind them are decided now; the rest wait for the next chunk.
      const decided = Math.max(0, window.length - PE_LOOKAHEAD);
      const at = findEmbeddedExecutable(window, 0, decided);
      if (at !== undefined) {
        found = carryOffset + at;
        return;
      }
      carry = window.slice(decided);
      carryOffset += decided;
    },
    finish() {
      if (found === undefined) {
        const at = findEmbeddedExecutable(carry);
        if (at !== undefined) found = carryOffset + at;
      }
      return found;
    },
  };
}
