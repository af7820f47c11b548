import { describe, expect, it } from 'vitest';
import { detectFileKind, SIGNATURE_BYTES, zipEntryNames } from '../../../shared/evidence/signature';
import { docx, heic, isoMedia, jpeg, ofd, pdf, png, programs, zip } from './files';

const head = (file: Uint8Array) => file.subarray(0, SIGNATURE_BYTES);
const tail = (file: Uint8Array) => file.subarray(Math.max(0, file.length - SIGNATURE_BYTES));
const detect = (file: Uint8Array) => detectFileKind(head(file), tail(file));

describe('detecting a file kind from its bytes', () => {
  it.each([
    ['a PDF', pdf(), 'pdf'],
    ['a JPEG', jpeg(), 'jpeg'],
    ['a PNG', png(), 'png'],
    ['an Apple HEIC photo (major brand heic)', heic(), 'heic'],
    ['a HEIF whose major brand is mif1 with heic compatible', isoMedia('mif1', ['heic']), 'heic'],
    ['a HEIF image sequence (msf1, hevc)', isoMedia('msf1', ['hevc']), 'heic'],
    ['a Word document', docx(), 'docx'],
    ['an OFD e-invoice', ofd(), 'ofd'],
  ] as const)('recognises %s', (_name, file, kind) => {
    expect(detect(file)).toBe(kind);
  });

  it.each(Object.entries(programs))('names a %s program an executable, whatever it is called', (_name, file) => {
    expect(detect(file)).toBe('executable');
  });

  it('calls an ELF binary with a PDF header further in an executable, not a PDF', () => {
    const disguised = Buffer.concat([programs.elf, Buffer.from('%PDF-1.7\n')]);
    expect(detect(disguised)).toBe('executable');
  });

  it('refuses a PDF header that is not at the very start', () => {
    expect(detect(Buffer.concat([Buffer.from('\n\n'), pdf()]))).toBe('unknown');
    expect(detect(Buffer.from('%PDF'))).toBe('unknown');
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['plain text', Buffer.from('发票号码 12345678')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a GIF', Buffer.from('GIF89a')],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8])],
    ['seven bytes of a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a])],
    ['an AVIF image (HEIF container, AV1 coded)', isoMedia('avif', ['mif1', 'miaf'])],
    ['a bare mif1 HEIF with no HEVC brand', isoMedia('mif1', ['miaf'])],
    ['an MP4 video', isoMedia('isom', ['iso2', 'mp41'])],
    ['an ftyp box claiming more bytes than there are', isoMedia('heic', [], 1_000_000)],
    ['an ftyp box too small to hold its brands', isoMedia('heic', [], 8)],
  ])('does not recognise %s', (_name, file) => {
    expect(detect(file)).toBe('unknown');
  });

  it.each([
    ['a ZIP of arbitrary files', zip([{ name: 'a.txt' }, { name: 'b.exe' }])],
    ['a macro-enabled Word document (.docm)', zip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }, { name: 'word/vbaProject.bin' }])],
    ['a macro-enabled Excel workbook (.xlsm)', zip([{ name: '[Content_Types].xml' }, { name: 'xl/workbook.xml' }, { name: 'xl/vbaProject.bin' }])],
    ['a package with xl/ entries but no content types', zip([{ name: 'xl/workbook.xml' }])],
    ['a Java archive', zip([{ name: 'META-INF/MANIFEST.MF' }, { name: 'Main.class' }])],
    ['a package with word/ entries but no content types', zip([{ name: 'word/document.xml' }])],
    ['an ofd.xml in a folder, not at the root', zip([{ name: 'Doc_0/OFD.xml' }])],
  ])('calls %s a plain ZIP', (_name, file) => {
    expect(detect(file)).toBe('zip');
  });

  it('knows an Excel workbook (statistical returns, financial statements) from its parts', () => {
    expect(detect(zip([{ name: '[Content_Types].xml' }, { name: '_rels/.rels' }, { name: 'xl/workbook.xml' }, { name: 'xl/worksheets/sheet1.xml' }]))).toBe('xlsx');
  });

  it('knows a workbook as a spreadsheet program writes it', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('统计快报').addRow(['指标', '数值']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(detect(bytes)).toBe('xlsx');
  });

  it('reads entry names past entries whose sizes come after their data', () => {
    const streamed = zip([{ name: '[Content_Types].xml' }, { name: '_rels/.rels' }, { name: 'word/document.xml' }], { descriptor: true });
    expect(detectFileKind(head(streamed))).toBe('docx');
  });

  it('finds a Word document from its central directory when its first entry outgrows the head', () => {
    const large = zip([{ name: 'docProps/thumbnail.jpeg', data: Buffer.alloc(SIGNATURE_BYTES * 2) }, { name: '[Content_Types].xml' }, { name: 'word/document.xml' }], { descriptor: true });
    expect(detectFileKind(head(large))).toBe('zip');
    expect(detectFileKind(head(large), tail(large))).toBe('docx');
  });

  it('lists entry names from local headers and the central directory alike', () => {
    const file = zip([{ name: 'OFD.xml' }, { name: '中文/名称.xml' }]);
    expect(zipEntryNames(head(file))).toEqual(zipEntryNames(Buffer.alloc(0), tail(file)));
    expect(zipEntryNames(head(file)).has('OFD.xml')).toBe(true);
  });

  it('stops at a truncated local header instead of reading past the bytes it has', () => {
    const truncated = docx().subarray(0, 40);
    expect(() => zipEntryNames(truncated)).not.toThrow();
    expect(detectFileKind(truncated)).toBe('zip');
  });
});
