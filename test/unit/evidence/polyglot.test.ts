import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { executableScanner, findEmbeddedExecutable } from '../../../shared/evidence/signature';
import { embeddedPrograms, jpeg, pdf, png } from './files';

function scanInChunks(file: Uint8Array, chunkSize: number): number | undefined {
  const scanner = executableScanner();
  for (let at = 0; at < file.length; at += chunkSize) scanner.push(file.subarray(at, at + chunkSize));
  return scanner.finish();
}

describe('a program hidden inside a PDF or an image (issue 12)', () => {
  const carriers = { 'a PDF': pdf('发票'), 'a JPEG': jpeg(), 'a PNG': png() };

  for (const [carrierName, carrier] of Object.entries(carriers)) {
    for (const [programName, program] of Object.entries(embeddedPrograms)) {
      it(`is found in ${carrierName} with a ${programName} program appended after it`, () => {
        const polyglot = Buffer.concat([carrier, program]);
        expect(findEmbeddedExecutable(polyglot)).toBe(carrier.length);
      });
    }
  }

  it('is found deep inside a large file, across the borders of the chunks it arrives in', () => {
    const filler = Buffer.alloc(300_000, 0x20);
    const polyglot = Buffer.concat([pdf(), filler, embeddedPrograms.windows, Buffer.from('\n%%EOF\n')]);
    const offset = pdf().length + filler.length;
    for (const chunkSize of [1, 7, 1000, 65_536, 1 << 20]) {
      expect(chunkSize === 1 ? scanInChunks(polyglot.subarray(offset - 10, offset + 600), 1) : scanInChunks(polyglot, chunkSize)).toBe(chunkSize === 1 ? 10 : offset);
    }
  });

  it('is found when the program is the last bytes of the file', () => {
    const polyglot = Buffer.concat([png(), embeddedPrograms.linux]);
    expect(scanInChunks(polyglot, 16)).toBe(png().length);
  });

  it('is not claimed for plain documents, random data or markers without a header behind them', () => {
    expect(findEmbeddedExecutable(pdf('MZ is a place name'))).toBeUndefined();
    expect(findEmbeddedExecutable(Buffer.from('MZ\x90\0PE\0\0 and \x7fELF and \xca\xfe\xba\xbe\0\0\0\x34', 'latin1'))).toBeUndefined();
    // A Java class begins with CAFEBABE followed by its version, not an architecture count.
    const javaClass = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0, 0, 0, 0]);
    expect(findEmbeddedExecutable(javaClass)).toBeUndefined();
    expect(scanInChunks(randomBytes(2_000_000), 65_536)).toBeUndefined();
  });
});
