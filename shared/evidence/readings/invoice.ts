import { XMLParser } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import type { InvoiceLine, InvoiceReading, UnreadableReading } from './model';

/**
 * Reading a fully digitised e-invoice (数电票). Three forms carry the same facts:
 * - the XML the tax platform issues: `EInvoice/EInvoiceData` (SellerInformation, BuyerInformation,
 *   BasicInformation with the totals, IssuItemInformation per line) and `TaxSupervisionInfo`
 *   (InvoiceNumber, IssueTime);
 * - the OFD (GB/T 33190-2016, a ZIP): that XML as an attachment when present, else the key facts in
 *   `OFD.xml`'s CustomData (发票号码, 开票日期, 合计金额, 合计税额, 购买方/销售方纳税人识别号);
 * - the PDF: its text layer, read by pattern (pdf-text.ts extracts it).
 * Nothing here asks the tax bureau whether the invoice is genuine (docs/architecture.md "Evidence findings").
 */

// Entities stay off: an invoice has no use for them, and they are the XML bomb's door.
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: false });

type Node = Record<string, unknown>;

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The first element named `name` anywhere below `node`, depth first. */
function find(node: unknown, name: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === name) return Array.isArray(value) ? value[0] : value;
    const inner = find(value, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return textOf((value as Node)['#text']);
  const text = String(value).trim();
  return text.length > 0 ? text : undefined;
}

const text = (node: unknown, name: string): string | undefined => textOf(find(node, name));

/** Yuan from `1,234.50` or `¥1234.50`; undefined when it is no amount. */
export function yuan(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cleaned = value.replace(/[¥￥,\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) / 100 : undefined;
}

/** YYYY-MM-DD from `2025-06-18 10:30:00`, `2025-06-18`, `20250618` or `2025年06月18日`. */
export function isoDate(value: string | undefined): string | undefined {
  const match = value?.match(/(\d{4})\D?(\d{1,2})\D?(\d{1,2})/);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** Spaces and dashes a printed number may carry go; what remains must be the 8–20 digits of an invoice number. */
function invoiceNumber(value: string | undefined): string | undefined {
  const digits = value?.replace(/[\s-]/g, '');
  return digits && /^\d{8,20}$/.test(digits) ? digits : undefined;
}

const NOT_AN_INVOICE: UnreadableReading = { kind: 'unreadable', reason: 'not_an_invoice' };

/** The facts of a 数电票 XML; `not_an_invoice` when it has no invoice number. */
export function readInvoiceXml(xml: string, source: InvoiceReading['source'] = 'xml'): InvoiceReading | UnreadableReading {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return NOT_AN_INVOICE;
  }
  const number = invoiceNumber(text(find(document, 'TaxSupervisionInfo'), 'InvoiceNumber') ?? text(document, 'InvoiceNumber') ?? text(document, 'EIid'));
  if (!number) return NOT_AN_INVOICE;
  const seller = find(document, 'SellerInformation');
  const buyer = find(document, 'BuyerInformation');
  const basic = find(document, 'BasicInformation');
  const items = find(document, 'EInvoiceData');
  const lines: InvoiceLine[] = asArray(items && typeof items === 'object' ? (items as Node).IssuItemInformation : undefined).flatMap((item) => {
    const name = text(item, 'ItemName');
    if (!name) return [];
    const amount = yuan(text(item, 'Amount'));
    const taxRate = text(item, 'TaxRate');
    const tax = yuan(text(item, 'ComTaxAm'));
    return [{ name, ...(amount !== undefined ? { amount } : {}), ...(taxRate ? { taxRate } : {}), ...(tax !== undefined ? { tax } : {}) }];
  });
  return compact({
    kind: 'invoice',
    source,
    number,
    issueDate: isoDate(text(find(document, 'TaxSupervisionInfo'), 'IssueTime') ?? text(document, 'IssueTime') ?? text(basic, 'RequestTime')),
    seller: party(text(seller, 'SellerName'), text(seller, 'SellerIdNum')),
    buyer: party(text(buyer, 'BuyerName'), text(buyer, 'BuyerIdNum')),
    amountWithoutTax: yuan(text(basic, 'TotalAmWithoutTax')),
    tax: yuan(text(basic, 'TotalTaxAm')),
    totalWithTax: yuan(text(basic, 'TotalTax-includedAmount')),
    lines,
  });
}

function party(name: string | undefined, taxId: string | undefined) {
  return { ...(name ? { name } : {}), ...(taxId ? { taxId: taxId.toUpperCase() } : {}) };
}

/** Drops the fields a form did not carry, so a record holds no `undefined`. */
function compact(reading: InvoiceReading): InvoiceReading {
  return Object.fromEntries(Object.entries(reading).filter(([, value]) => value !== undefined)) as unknown as InvoiceReading;
}

/** The largest OFD part we inflate; an invoice's parts are a few kilobytes, so anything bigger is not one (a zip bomb's door). */
const MAX_OFD_PART_BYTES = 2 * 1024 * 1024;

/** The facts of an OFD invoice: its embedded invoice XML if any, else OFD.xml's CustomData. */
export function readInvoiceOfd(bytes: Uint8Array): InvoiceReading | UnreadableReading {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (file) => file.name.toLowerCase().endsWith('.xml') && file.originalSize <= MAX_OFD_PART_BYTES });
  } catch {
    return { kind: 'unreadable', reason: 'undecodable' };
  }
  for (const [name, part] of Object.entries(parts)) {
    if (name === 'OFD.xml') continue;
    const content = strFromU8(part);
    if (!content.includes('EInvoice')) continue;
    const reading = readInvoiceXml(content, 'ofd');
    if (reading.kind === 'invoice') return reading;
  }
  const root = parts['OFD.xml'];
  if (!root) return NOT_AN_INVOICE;
  let document: unknown;
  try {
    document = parser.parse(strFromU8(root));
  } catch {
    return NOT_AN_INVOICE;
  }
  const custom = new Map<string, string>();
  const datas = find(document, 'CustomDatas');
  for (const entry of asArray(datas && typeof datas === 'object' ? (datas as Node).CustomData : undefined)) {
    const name = (entry as Node)?.['@_Name'];
    const value = textOf(entry);
    if (typeof name === 'string' && value) custom.set(name, value);
  }
  const number = invoiceNumber(custom.get('发票号码'));
  if (!number) return NOT_AN_INVOICE;
  const withoutTax = yuan(custom.get('合计金额'));
  const tax = yuan(custom.get('合计税额'));
  return compact({
    kind: 'invoice',
    source: 'ofd',
    number,
    issueDate: isoDate(custom.get('开票日期')),
    seller: party(custom.get('销售方名称'), custom.get('销售方纳税人识别号')),
    buyer: party(custom.get('购买方名称'), custom.get('购买方纳税人识别号')),
    amountWithoutTax: withoutTax,
    tax,
    totalWithTax: yuan(custom.get('价税合计')) ?? (withoutTax !== undefined && tax !== undefined ? Math.round((withoutTax + tax) * 100) / 100 : undefined),
    lines: [],
  });
}

// The tax id printed after its label: 18 characters for a USCC, 15–20 for an older taxpayer number.
const TAX_ID = /纳\s*税\s*人\s*识\s*别\s*号\s*[:：]?\s*([0-9A-Z]{15,20})/g;

/**
 * The facts of a 数电票 PDF from its text. The layout prints the buyer's block before the seller's
 * (购买方信息 left, 销售方信息 right), so the first name and tax id are the buyer's.
 */
export function readInvoicePdfText(pageText: string): InvoiceReading | UnreadableReading {
  const flat = pageText.replace(/[ \t\u3000]+/g, ' ');
  if (flat.replace(/\s/g, '').length === 0) return { kind: 'unreadable', reason: 'no_text_layer' };
  const number = invoiceNumber(flat.match(/发\s*票\s*号\s*码\s*[:：]?\s*([\d ]{8,30})/)?.[1]);
  if (!number) return NOT_AN_INVOICE;
  const names = [...flat.matchAll(/名\s*称\s*[:：]\s*([^\s|:：]+)/g)].map((match) => match[1]);
  const taxIds = [...flat.toUpperCase().matchAll(TAX_ID)].map((match) => match[1]);
  const totals = flat.match(/合\s*计\s*[¥￥]\s*([\d,.]+)\s*[¥￥]\s*([\d,.]+)/);
  return compact({
    kind: 'invoice',
    source: 'pdf',
    number,
    issueDate: isoDate(flat.match(/开\s*票\s*日\s*期\s*[:：]?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}-\d{2})/)?.[1]?.replace(/\s/g, '')),
    buyer: party(names[0], taxIds[0]),
    seller: party(names[1], taxIds[1]),
    amountWithoutTax: yuan(totals?.[1]),
    tax: yuan(totals?.[2]),
    totalWithTax: yuan(flat.match(/[（(]\s*小\s*写\s*[)）]\s*[¥￥]?\s*([\d,.]+)/)?.[1]),
    lines: [],
  });
}
