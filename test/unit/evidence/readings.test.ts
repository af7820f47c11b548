import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { readEvidence } from '../../../shared/evidence/readings/read';
import { readInvoicePdfText, readInvoiceXml } from '../../../shared/evidence/readings/invoice';
import { hammingDistance, SIMILAR_PHOTO_MAX_DISTANCE } from '../../../shared/evidence/readings/findings';
import type { InvoiceReading, PhotoReading } from '../../../shared/evidence/readings/model';
import { alteredCopy, invoiceOfd, invoicePdf, invoiceXml, SAMPLE_CAPTURE, sampleInvoice, sitePhoto } from '../../../scripts/demo/evidence-samples';
import { demoPdf, demoPng } from '../../../scripts/demo/evidence';

const BUYER = { name: '天津武清示范制造有限公司', taxId: '91120222MA06ABCD1X' };
const INVOICE = sampleInvoice('25127000000012345678', BUYER);

const expectedFacts = {
  kind: 'invoice',
  number: '25127000000012345678',
  issueDate: '2025-06-18',
  buyer: BUYER,
  seller: { name: '天津智造装备有限公司', taxId: '91120116MA05K8XQ3P' },
  amountWithoutTax: 1000000,
  tax: 120200,
  totalWithTax: 1120200,
};

describe('reading e-invoices (数电票)', () => {
  it('reads number, date, both parties, totals and lines from the XML form', async () => {
    const reading = (await readEvidence('invoice', 'xml', invoiceXml(INVOICE))) as InvoiceReading;
    expect(reading).toMatchObject({ ...expectedFacts, source: 'xml' });
    expect(reading.lines).toEqual([
      { name: '*机械设备*数控加工中心', amount: 860000, taxRate: '0.13', tax: 111800 },
      { name: '*信息技术服务*制造执行系统实施', amount: 140000, taxRate: '0.06', tax: 8400 },
    ]);
  });

  it('reads the OFD through the invoice XML it carries', async () => {
    const reading = (await readEvidence('invoice', 'ofd', invoiceOfd(INVOICE))) as InvoiceReading;
    expect(reading).toMatchObject({ ...expectedFacts, source: 'ofd' });
    expect(reading.lines).toHaveLength(2);
  });

  it('reads an OFD without the XML from the CustomData of OFD.xml', async () => {
    const ofdXml = `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocInfo><ofd:CustomDatas>
      <ofd:CustomData Name="发票号码">25127000000099990000</ofd:CustomData><ofd:CustomData Name="开票日期">2025年03月01日</ofd:CustomData>
      <ofd:CustomData Name="合计金额">100.00</ofd:CustomData><ofd:CustomData Name="合计税额">13.00</ofd:CustomData>
      <ofd:CustomData Name="购买方纳税人识别号">91120222MA06ABCD1X</ofd:CustomData><ofd:CustomData Name="销售方纳税人识别号">91120116MA05K8XQ3P</ofd:CustomData>
      </ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
    const reading = await readEvidence('invoice', 'ofd', zipSync({ 'OFD.xml': strToU8(ofdXml) }));
    expect(reading).toEqual({
      kind: 'invoice', source: 'ofd', number: '25127000000099990000', issueDate: '2025-03-01',
      buyer: { taxId: '91120222MA06ABCD1X' }, seller: { taxId: '91120116MA05K8XQ3P' },
      amountWithoutTax: 100, tax: 13, totalWithTax: 113, lines: [],
    });
  });

  it('reads the PDF form from its text layer', async () => {
    const reading = await readEvidence('invoice', 'pdf', invoicePdf(INVOICE));
    expect(reading).toEqual({ ...expectedFacts, source: 'pdf', lines: [] });
  });

  it('says a PDF without invoice facts is not an invoice, and an empty text layer is a scan', async () => {
    expect(await readEvidence('invoice', 'pdf', demoPdf('Quarterly report', 'report'))).toEqual({ kind: 'unreadable', reason: 'not_an_invoice' });
    expect(readInvoicePdfText('  \n ')).toEqual({ kind: 'unreadable', reason: 'no_text_layer' });
  });

  it('says a broken PDF or OFD cannot be decoded instead of failing', async () => {
    expect(await readEvidence('invoice', 'pdf', Buffer.from('%PDF-1.7\n% nothing here\n'))).toEqual({ kind: 'unreadable', reason: 'undecodable' });
    expect(await readEvidence('invoice', 'ofd', Buffer.from('PK\u0003\u0004 broken'))).toEqual({ kind: 'unreadable', reason: 'undecodable' });
  });

  it('reads no entities and needs an invoice number', () => {
    expect(readInvoiceXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "1234567890">]><EInvoice><InvoiceNumber>&a;</InvoiceNumber></EInvoice>')).toEqual({ kind: 'unreadable', reason: 'not_an_invoice' });
    expect(readInvoiceXml('<?xml version="1.0"?><Report><Title>年度报告</Title></Report>')).toEqual({ kind: 'unreadable', reason: 'not_an_invoice' });
    expect(readInvoiceXml('<?xml version="1.0"?><unclosed')).toEqual({ kind: 'unreadable', reason: 'not_an_invoice' });
  });

  it('reads nothing from other categories or from an image of an invoice', async () => {
    expect(await readEvidence('contract', 'pdf', invoicePdf(INVOICE))).toBeUndefined();
    expect(await readEvidence('invoice', 'jpeg', sitePhoto(1))).toBeUndefined();
  });
});

describe('reading site photos', () => {
  const original = sitePhoto(7, SAMPLE_CAPTURE);

  it('reads the capture time (as the camera wrote it, with its offset) and the GPS position', async () => {
    const reading = (await readEvidence('site_photo', 'jpeg', original)) as PhotoReading;
    expect(reading).toMatchObject({ kind: 'photo', takenAt: '2025-07-02T09:41:27', takenAtOffset: '+08:00', gps: { latitude: 39.3846, longitude: 117.0412 }, width: 480, height: 360 });
    expect(reading.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('has no capture data for a photo without EXIF', async () => {
    const reading = (await readEvidence('site_photo', 'jpeg', sitePhoto(11))) as PhotoReading;
    expect(reading.takenAt).toBeUndefined();
    expect(reading.gps).toBeUndefined();
    expect(reading.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('hashes a resized, recompressed or slightly cropped copy within the similarity distance, and other scenes far beyond it', async () => {
    const hash = async (bytes: Buffer) => ((await readEvidence('site_photo', 'jpeg', bytes)) as PhotoReading).phash!;
    const base = await hash(original);
    const resized = hammingDistance(base, await hash(alteredCopy(original, 0.5)));
    const cropped = hammingDistance(base, await hash(alteredCopy(original, 0.8, 0.02)));
    const others = await Promise.all([1, 2, 11, 21].map(async (seed) => hammingDistance(base, await hash(sitePhoto(seed)))));
    console.info('pHash distances', { resized, cropped, others });
    expect(resized).toBeLessThanOrEqual(SIMILAR_PHOTO_MAX_DISTANCE);
    expect(cropped).toBeLessThanOrEqual(SIMILAR_PHOTO_MAX_DISTANCE);
    for (const distance of others) expect(distance).toBeGreaterThan(SIMILAR_PHOTO_MAX_DISTANCE * 2);
    // Encoding and decoding seven JPEGs in pure JS takes seconds on a busy machine: no speed is asserted here.
  }, 120_000);

  it('hashes a PNG as well, and says an undecodable image cannot be read', async () => {
    // The demo seed's PNG carries its label after IEND, as some writers do: still read.
    expect(await readEvidence('site_photo', 'png', demoPng('1×1'))).toMatchObject({ kind: 'photo', width: 1, height: 1 });
    expect(await readEvidence('site_photo', 'jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toEqual({ kind: 'unreadable', reason: 'undecodable' });
  });
});
