import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import jpeg from 'jpeg-js';

/**
 * Sample evidence files the project ships (issue 15): a fully digitised e-invoice (数电票) as XML, as
 * OFD and as a PDF with a text layer, and site photos as JPEG with and without EXIF, plus a resized
 * and a cropped copy. The integration tests, the browser walk and the demo seed hand these in through
 * the real evidence routes, so the readers run on the same bytes everywhere. Every file is built from
 * its parameters (deterministic), so two tests never share a hash by accident unless they mean to.
 * `npx tsx scripts/demo/evidence-samples.ts <dir>` writes one of each into <dir> to open by hand.
 */

export interface SampleParty {
  name: string;
  /** 统一社会信用代码 / 纳税人识别号 */
  taxId: string;
}

export interface SampleInvoiceLine {
  name: string;
  /** 金额 without tax, yuan */
  amount: number;
  /** e.g. 0.13 */
  taxRate: number;
}

export interface SampleInvoice {
  /** 20 digits (数电票) */
  number: string;
  /** YYYY-MM-DD */
  issueDate: string;
  seller: SampleParty;
  buyer: SampleParty;
  lines: SampleInvoiceLine[];
}

const yuan = (value: number): string => value.toFixed(2);
const tax = (line: SampleInvoiceLine): number => Math.round(line.amount * line.taxRate * 100) / 100;

export function invoiceTotals(invoice: SampleInvoice): { withoutTax: number; tax: number; withTax: number } {
  const withoutTax = invoice.lines.reduce((sum, line) => sum + Math.round(line.amount * 100), 0) / 100;
  const taxTotal = invoice.lines.reduce((sum, line) => sum + Math.round(tax(line) * 100), 0) / 100;
  return { withoutTax, tax: taxTotal, withTax: Math.round((withoutTax + taxTotal) * 100) / 100 };
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The 数电票 XML as the tax bureau's platform issues it (国家税务总局 全面数字化的电子发票 XML 报文):
 * `EInvoice` with `EInvoiceData` (seller, buyer, basic information with totals, one
 * `IssuItemInformation` per line) and `TaxSupervisionInfo` (number and issue time).
 */
export function invoiceXml(invoice: SampleInvoice): Buffer {
  const totals = invoiceTotals(invoice);
  const lines = invoice.lines
    .map(
      (line) =>
        `    <IssuItemInformation><ItemName>${escapeXml(line.name)}</ItemName><Amount>${yuan(line.amount)}</Amount><TaxRate>${line.taxRate}</TaxRate><ComTaxAm>${yuan(tax(line))}</ComTaxAm></IssuItemInformation>`,
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<EInvoice>
  <Header><EIid>${invoice.number}</EIid><EInvoiceTag>SWEI1200</EInvoiceTag><Version>0.1</Version></Header>
  <EInvoiceData>
    <SellerInformation><SellerIdNum>${invoice.seller.taxId}</SellerIdNum><SellerName>${escapeXml(invoice.seller.name)}</SellerName></SellerInformation>
    <BuyerInformation><BuyerIdNum>${invoice.buyer.taxId}</BuyerIdNum><BuyerName>${escapeXml(invoice.buyer.name)}</BuyerName></BuyerInformation>
    <BasicInformation><TotalAmWithoutTax>${yuan(totals.withoutTax)}</TotalAmWithoutTax><TotalTaxAm>${yuan(totals.tax)}</TotalTaxAm><TotalTax-includedAmount>${yuan(totals.withTax)}</TotalTax-includedAmount><Drawer>开票人</Drawer></BasicInformation>
${lines}
  </EInvoiceData>
  <TaxSupervisionInfo><InvoiceNumber>${invoice.number}</InvoiceNumber><IssueTime>${invoice.issueDate} 10:30:00</IssueTime><TaxBureauCode>11200000000</TaxBureauCode></TaxSupervisionInfo>
</EInvoice>
`;
  return Buffer.from(xml, 'utf8');
}

/**
 * An OFD package (GB/T 33190-2016): `OFD.xml` at the root names the document (`Doc_0/Document.xml`)
 * and carries the invoice's key facts as CustomData, as the tax bureau's OFD invoices do; the
 * invoice XML rides along as an attachment (`Doc_0/Attachs/`).
 */
export function invoiceOfd(invoice: SampleInvoice): Buffer {
  const totals = invoiceTotals(invoice);
  const custom = (name: string, value: string) => `<ofd:CustomData Name="${name}">${escapeXml(value)}</ofd:CustomData>`;
  const ofd = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">
  <ofd:DocBody>
    <ofd:DocInfo><ofd:DocID>${invoice.number}</ofd:DocID><ofd:Creator>PilotOps sample</ofd:Creator><ofd:CustomDatas>${[
      custom('发票号码', invoice.number),
      custom('开票日期', invoice.issueDate.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日')),
      custom('合计金额', yuan(totals.withoutTax)),
      custom('合计税额', yuan(totals.tax)),
      custom('购买方纳税人识别号', invoice.buyer.taxId),
      custom('销售方纳税人识别号', invoice.seller.taxId),
    ].join('')}</ofd:CustomDatas></ofd:DocInfo>
    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>
  </ofd:DocBody>
</ofd:OFD>
`;
  const document = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>10</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages><ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>
`;
  const page = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="10 10 100 8" Font="4" Size="4"><ofd:TextCode X="0" Y="4">电子发票（增值税专用发票） ${invoice.number}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>
`;
  const attachments = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Attachments xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Attachment ID="5" Name="original_invoice" Format="xml" Visible="false"><ofd:FileLoc>original_invoice.xml</ofd:FileLoc></ofd:Attachment></ofd:Attachments>
`;
  return Buffer.from(
    zipSync({
      'OFD.xml': strToU8(ofd),
      'Doc_0/Document.xml': strToU8(document),
      'Doc_0/Pages/Page_0/Content.xml': strToU8(page),
      'Doc_0/Attachs/Attachments.xml': strToU8(attachments),
      'Doc_0/Attachs/original_invoice.xml': new Uint8Array(invoiceXml(invoice)),
    }, { mtime: new Date('2025-01-01T00:00:00Z') }),
  );
}

/**
 * A one-page PDF laid out like a 数电票's, with a text layer: a Type0 font (Identity-H) whose CIDs
 * are the characters' code points and whose ToUnicode CMap maps them back, so text extraction gives
 * the Chinese text. The font is not embedded (a viewer substitutes one), which text extraction does not need.
 */
export function invoicePdf(invoice: SampleInvoice): Buffer {
  const totals = invoiceTotals(invoice);
  const date = invoice.issueDate.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日');
  const textLines = [
    '电子发票（增值税专用发票）',
    `发票号码：${invoice.number}`,
    `开票日期：${date}`,
    `购买方信息 名称：${invoice.buyer.name}`,
    `统一社会信用代码/纳税人识别号：${invoice.buyer.taxId}`,
    `销售方信息 名称：${invoice.seller.name}`,
    `统一社会信用代码/纳税人识别号：${invoice.seller.taxId}`,
    '项目名称 金额 税率/征收率 税额',
    ...invoice.lines.map((line) => `${line.name} ${yuan(line.amount)} ${Math.round(line.taxRate * 100)}% ${yuan(tax(line))}`),
    `合计 ¥${yuan(totals.withoutTax)} ¥${yuan(totals.tax)}`,
    `价税合计（大写） （小写）¥${yuan(totals.withTax)}`,
  ];
  const characters = [...new Set(textLines.join(''))].sort();
  const hex = (char: string) => (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const content = textLines.map((line, index) => `BT /F1 10 Tf 40 ${800 - index * 18} Td <${[...line].map(hex).join('')}> Tj ET`).join('\n');
  const bfchar = characters.map((char) => `<${hex(char)}> <${hex(char)}>`);
  // A CMap's bfchar block holds at most 100 entries.
  const blocks: string[] = [];
  for (let start = 0; start < bfchar.length; start += 100) {
    const slice = bfchar.slice(start, start + 100);
    blocks.push(`${slice.length} beginbfchar\n${slice.join('\n')}\nendbfchar`);
  }
  const toUnicode = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /PilotOpsSample-Song /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PilotOpsSample-Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
    `<< /Length ${Buffer.byteLength(toUnicode)} >>\nstream\n${toUnicode}\nendstream`,
    // Without a descriptor, readers take a font for one of the base 14 (a simple font, one byte a character).
    '<< /Type /FontDescriptor /FontName /PilotOpsSample-Song /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}

export interface SampleCapture {
  /** EXIF DateTimeOriginal, local time: `YYYY:MM:DD HH:MM:SS` */
  takenAt: string;
  /** e.g. `+08:00` (EXIF 2.31 OffsetTimeOriginal) */
  offset?: string;
  latitude: number;
  longitude: number;
}

/**
 * A TIFF/EXIF block (little-endian) with IFD0 pointing at an EXIF IFD (DateTimeOriginal,
 * OffsetTimeOriginal) and a GPS IFD (latitude and longitude as degrees, minutes, seconds).
 */
function exifBlock(capture: SampleCapture): Buffer {
  const buffer = Buffer.alloc(200);
  let entryAt = 0;
  const entry = (tag: number, type: number, count: number, value: number) => {
    buffer.writeUInt16LE(tag, entryAt);
    buffer.writeUInt16LE(type, entryAt + 2);
    buffer.writeUInt32LE(count, entryAt + 4);
    buffer.writeUInt32LE(value, entryAt + 8);
    entryAt += 12;
  };
  const ifd = (at: number, count: number) => {
    buffer.writeUInt16LE(count, at);
    entryAt = at + 2;
  };
  buffer.write('II', 0, 'latin1');
  buffer.writeUInt16LE(42, 2);
  buffer.writeUInt32LE(8, 4);
  // IFD0 at 8 (2 entries → 30 bytes), EXIF IFD at 38 (2 → 30), GPS IFD at 68 (4 → 54), data from 122.
  ifd(8, 2);
  entry(0x8769, 4, 1, 38);
  entry(0x8825, 4, 1, 68);
  ifd(38, 2);
  entry(0x9003, 2, 20, 122);
  entry(0x9011, 2, 7, 142);
  ifd(68, 4);
  const ref = (letter: string) => letter.charCodeAt(0);
  entry(0x0001, 2, 2, ref(capture.latitude >= 0 ? 'N' : 'S'));
  entry(0x0002, 5, 3, 150);
  entry(0x0003, 2, 2, ref(capture.longitude >= 0 ? 'E' : 'W'));
  entry(0x0004, 5, 3, 174);
  buffer.write(`${capture.takenAt}\0`, 122, 'latin1');
  buffer.write(`${capture.offset ?? '+08:00'}\0`, 142, 'latin1');
  const dms = (at: number, value: number) => {
    const absolute = Math.abs(value);
    const degrees = Math.floor(absolute);
    const minutes = Math.floor((absolute - degrees) * 60);
    const seconds = Math.round(((absolute - degrees) * 60 - minutes) * 60 * 1000);
    [degrees, 1, minutes, 1, seconds, 1000].forEach((number, index) => buffer.writeUInt32LE(number, at + index * 4));
  };
  dms(150, capture.latitude);
  dms(174, capture.longitude);
  return buffer.subarray(0, 198);
}

/** A site scene drawn from `seed`: sky, ground, a building and a machine, placed by the seed. */
function scene(seed: number, width = 480, height = 360): { width: number; height: number; data: Buffer } {
  const data = Buffer.alloc(width * height * 4);
  let state = seed >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 0x100000000);
  const horizon = Math.floor(height * (0.35 + random() * 0.3));
  const boxes = Array.from({ length: 5 }, () => {
    const w = Math.floor(width * (0.1 + random() * 0.3));
    const h = Math.floor(height * (0.1 + random() * 0.4));
    const x = Math.floor(random() * (width - w));
    const y = Math.floor(random() * (height - h));
    return { x, y, w, h, color: [Math.floor(random() * 255), Math.floor(random() * 255), Math.floor(random() * 255)] };
  });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      let color = y < horizon ? [120 + (y * 100) / horizon, 160 + (y * 60) / horizon, 230] : [110 - ((y - horizon) * 60) / height, 90, 70];
      for (const box of boxes) if (x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h) color = box.color;
      data[at] = color[0] ?? 0;
      data[at + 1] = color[1] ?? 0;
      data[at + 2] = color[2] ?? 0;
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Inserts an APP1 (Exif) segment right after the JPEG's SOI marker. */
function withExif(jpegBytes: Buffer, capture: SampleCapture): Buffer {
  const tiff = exifBlock(capture);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), header, Buffer.from('Exif\0\0', 'latin1'), tiff, jpegBytes.subarray(2)]);
}

/** A site photo (JPEG) of scene `seed`, with EXIF capture data when given. */
export function sitePhoto(seed: number, capture?: SampleCapture): Buffer {
  const encoded = Buffer.from(jpeg.encode(scene(seed), 85).data);
  return capture ? withExif(encoded, capture) : encoded;
}

/**
 * The same photo resized by `scale` and re-saved at a lower quality, optionally cropped by
 * `cropFraction` of each edge first, as someone re-using it for another project would: its bytes
 * (and SHA-256) differ from the original's, its EXIF is gone, and what it shows is the same.
 */
export function alteredCopy(photo: Buffer, scale: number, cropFraction = 0): Buffer {
  const source = jpeg.decode(photo, { useTArray: true });
  const cropX = Math.floor(source.width * cropFraction);
  const cropY = Math.floor(source.height * cropFraction);
  const sourceWidth = source.width - 2 * cropX;
  const sourceHeight = source.height - 2 * cropY;
  const width = Math.max(1, Math.round(sourceWidth * scale));
  const height = Math.max(1, Math.round(sourceHeight * scale));
  const data = Buffer.alloc(width * height * 4);
  // Each target pixel averages the source pixels it covers (a box filter, as image editors downscale).
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [top, bottom] = [cropY + Math.floor(y / scale), cropY + Math.max(Math.floor((y + 1) / scale), Math.floor(y / scale) + 1)];
      const [left, right] = [cropX + Math.floor(x / scale), cropX + Math.max(Math.floor((x + 1) / scale), Math.floor(x / scale) + 1)];
      for (let channel = 0; channel < 4; channel += 1) {
        let sum = 0;
        for (let row = top; row < bottom; row += 1) for (let column = left; column < right; column += 1) sum += source.data[(row * source.width + column) * 4 + channel] ?? 0;
        data[(y * width + x) * 4 + channel] = Math.round(sum / ((bottom - top) * (right - left)));
      }
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data }, 70).data);
}

/** The sample set: one invoice in three forms and the photos, for a buyer and a project period. */
export const SAMPLE_SELLER: SampleParty = { name: '天津智造装备有限公司', taxId: '91120116MA05K8XQ3P' };

export function sampleInvoice(number: string, buyer: SampleParty, issueDate = '2025-06-18'): SampleInvoice {
  return {
    number,
    issueDate,
    seller: SAMPLE_SELLER,
    buyer,
    lines: [
      { name: '*机械设备*数控加工中心', amount: 860000, taxRate: 0.13 },
      { name: '*信息技术服务*制造执行系统实施', amount: 140000, taxRate: 0.06 },
    ],
  };
}

export const SAMPLE_CAPTURE: SampleCapture = { takenAt: '2025:07:02 09:41:27', offset: '+08:00', latitude: 39.3846, longitude: 117.0412 };

function main(directory: string): void {
  mkdirSync(directory, { recursive: true });
  const invoice = sampleInvoice('25127000000012345678', { name: '天津武清示范制造有限公司', taxId: '91120222MA06ABCD1X' });
  const photo = sitePhoto(7, SAMPLE_CAPTURE);
  const files: Record<string, Buffer> = {
    'invoice.xml': invoiceXml(invoice),
    'invoice.ofd': invoiceOfd(invoice),
    'invoice.pdf': invoicePdf(invoice),
    'site-photo-exif.jpg': photo,
    'site-photo-no-exif.jpg': sitePhoto(11),
    'site-photo-resized.jpg': alteredCopy(photo, 0.5),
    'site-photo-cropped.jpg': alteredCopy(photo, 0.8, 0.02),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(directory, name), bytes);
  console.log(`wrote ${Object.keys(files).join(', ')} to ${directory}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv[2] ?? 'evidence-samples');
