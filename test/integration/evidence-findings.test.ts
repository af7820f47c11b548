import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { attach, createDraft, publishGuide, registerEnterprise } from './support/evidence';
import { withUsccCheck } from '../../shared/uscc';
import type { Pilot } from '../../shared/pilots/model';
import { alteredCopy, invoiceOfd, invoicePdf, invoiceXml, SAMPLE_CAPTURE, sampleInvoice, sitePhoto } from '../../scripts/demo/evidence-samples';

/**
 * Evidence that checks itself (issue 15), through the gateway on the real engines: the shipped sample
 * files (scripts/demo/evidence-samples.ts) are handed in on the real evidence routes; completion reads
 * them; the list shows officials what was read and what it means, and the enterprise only its totals.
 */
const PILOT = 'p-find';
const OTHER_PILOT = 'p-find-2';
const TOWN = 'town-f';
const USCC_A = withUsccCheck('91120114MA0EF0001');
const USCC_B = withUsccCheck('91120114MA0EF0002');
const BUYER_A = { name: '天津甲制造有限公司', taxId: USCC_A };
const BUYER_B = { name: '天津乙制造有限公司', taxId: USCC_B };
const pilot = (id: string): Pilot => ({
  id, name: `${id} 试点`, city: '天津市', kind: 'tech_transformation', division: '120114',
  periodStart: '2025-01-01', periodEnd: '2026-12-31', towns: [{ code: TOWN, name: '测试镇' }], indicators: [], source: '000',
});
const accounts = {
  enterprise: testAccount('ent-fa', ['enterprise'], { uscc: USCC_A, pilot: PILOT }),
  otherEnterprise: testAccount('ent-fb', ['enterprise'], { uscc: USCC_B, pilot: OTHER_PILOT }),
  bureau: testAccount('bureau-f', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-f2', ['bureau'], { pilot: OTHER_PILOT }),
};
type Who = keyof typeof accounts;

interface Listing {
  items: Array<{ id: string; fileName: string; invoiceNumber?: string }>;
  invoiceTotals?: Array<{ budgetLine: string; approvedWan?: number; invoices: number; totalWithTax: number; unread: number }>;
  readings?: Array<{ evidenceId: string; reading?: Record<string, unknown>; invoiceNumber?: string; invoiceNumberSource?: string; typedInvoiceNumber?: string }>;
  notes?: Array<{ evidenceId: string; kind: string; details?: Record<string, string> }>;
  flags?: Array<{ kind: string; evidenceId: string; counterpart: { evidenceId: string }; distance?: number }>;
}

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;
let projectA = '';
let projectB = '';
const ids = { xmlNumber: '', xml: '', ofd: '', pdf: '', photo: '', bare: '' };

const list = async (who: Who, projectId: string): Promise<Listing> => {
  const reply = await clients[who].get<Listing>(`/projects/${projectId}/evidence`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};

const invoiceFile = (bytes: Buffer, fileName: string, contentType: string, extra: { invoiceNumber?: string; budgetLine?: string } = {}) => ({ bytes, category: 'invoice', fileName, contentType, ...extra });

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(pilot(PILOT));
  await putPilot(pilot(OTHER_PILOT));
  stack.setNow(new Date('2025-07-10T02:00:00Z'));
  await publishGuide(clients.bureau, PILOT);
  await publishGuide(clients.otherBureau, OTHER_PILOT);
  await registerEnterprise(USCC_A, PILOT, TOWN, BUYER_A.name);
  await registerEnterprise(USCC_B, OTHER_PILOT, TOWN, BUYER_B.name);
  // Submitted, so the officials of each pilot see them (a draft is the enterprise's alone).
  const submitted = async (who: Who, pilotId: string, title: string) => {
    const { id, version } = await createDraft(clients[who], pilotId, TOWN, title);
    const reply = await clients[who].post<{ status: string }>(`/projects/${id}/actions/submit`, { expectedVersion: version, input: {} });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return id;
  };
  projectA = await submitted('enterprise', PILOT, '甲数字化车间');
  projectB = await submitted('otherEnterprise', OTHER_PILOT, '乙智能工厂');
});

afterAll(async () => {
  await stack.close();
});

describe('e-invoices are read, not typed', () => {
  it('takes a 数电票 XML, OFD and PDF without a typed number, and reads each', async () => {
    // Distinct numbers per run: the INVOICE# claims are global, across every project and pilot.
    const base = String(Date.now()).slice(-9);
    ids.xmlNumber = `251270000${base}01`.slice(0, 20);
    ids.xml = await attach(clients.enterprise, projectA, invoiceFile(invoiceXml(sampleInvoice(ids.xmlNumber, BUYER_A)), '设备发票.xml', 'application/xml', { budgetLine: 'equipment' }));
    ids.ofd = await attach(clients.enterprise, projectA, invoiceFile(invoiceOfd(sampleInvoice(`251270000${base}02`.slice(0, 20), BUYER_B, '2024-05-01')), '服务发票.ofd', 'application/ofd', { budgetLine: 'service' }));
    ids.pdf = await attach(
      clients.enterprise,
      projectA,
      invoiceFile(invoicePdf(sampleInvoice(`251270000${base}03`.slice(0, 20), BUYER_A, '2025-08-01')), '软件发票.pdf', 'application/pdf', { invoiceNumber: '11112222333344445555', budgetLine: 'software' }),
    );

    const listing = await list('bureau', projectA);
    const reading = (id: string) => listing.readings?.find((entry) => entry.evidenceId === id);
    expect(reading(ids.xml)).toMatchObject({
      invoiceNumber: ids.xmlNumber,
      invoiceNumberSource: 'read',
      budgetLine: 'equipment',
      reading: { kind: 'invoice', source: 'xml', number: ids.xmlNumber, issueDate: '2025-06-18', buyer: BUYER_A, seller: { taxId: '91120116MA05K8XQ3P' }, amountWithoutTax: 1000000, tax: 120200, totalWithTax: 1120200 },
    });
    expect((reading(ids.xml)?.reading as { lines: unknown[] }).lines).toHaveLength(2);
    expect(reading(ids.ofd)).toMatchObject({ invoiceNumberSource: 'read', reading: { source: 'ofd', buyer: BUYER_B, issueDate: '2024-05-01' } });
    expect(reading(ids.pdf)).toMatchObject({ invoiceNumberSource: 'read', typedInvoiceNumber: '11112222333344445555', reading: { source: 'pdf', buyer: BUYER_A, totalWithTax: 1120200 } });
  });

  it('notes a buyer who is not the enterprise, a date outside the project period and a typed number that differs', async () => {
    const { notes } = await list('bureau', projectA);
    const of = (id: string) => (notes ?? []).filter((note) => note.evidenceId === id).map((note) => note.kind).sort();
    expect(of(ids.xml)).toEqual([]);
    expect(of(ids.ofd)).toEqual(['invoice_buyer_mismatch', 'invoice_date_outside_period']);
    expect(of(ids.pdf)).toEqual(['invoice_number_differs']);
    expect(notes?.find((note) => note.kind === 'invoice_date_outside_period')?.details).toEqual({ issueDate: '2024-05-01', from: '2025-01-01', to: '2026-12-31' });
  });

  it('flags the number read from the file when another pilot\'s project hands in the same invoice', async () => {
    const again = await attach(clients.otherEnterprise, projectB, invoiceFile(invoicePdf(sampleInvoice(ids.xmlNumber, BUYER_A)), '同一发票.pdf', 'application/pdf'));
    const flags = (await list('bureau', projectA)).flags ?? [];
    expect(flags.filter((flag) => flag.kind === 'same_invoice').map((flag) => [flag.evidenceId, flag.counterpart.evidenceId])).toEqual([[ids.xml, again]]);
    const theirs = (await list('otherBureau', projectB)).flags ?? [];
    expect(theirs.filter((flag) => flag.kind === 'same_invoice').map((flag) => [flag.evidenceId, flag.counterpart.evidenceId])).toEqual([[again, ids.xml]]);
  });

  it('totals the invoices by budget line beside the approved budget, for the enterprise too', async () => {
    const listing = await list('enterprise', projectA);
    expect(listing.invoiceTotals).toEqual([
      { budgetLine: 'equipment', approvedWan: 1000, invoices: 1, totalWithTax: 1120200, amountWithoutTax: 1000000, unread: 0 },
      { budgetLine: 'software', invoices: 1, totalWithTax: 1120200, amountWithoutTax: 1000000, unread: 0 },
      { budgetLine: 'service', invoices: 1, totalWithTax: 1120200, amountWithoutTax: 1000000, unread: 0 },
    ]);
    expect(listing.readings).toBeUndefined();
    expect(listing.notes).toBeUndefined();
    expect(listing.flags).toBeUndefined();
  });

  it('still wants a typed number for a scanned invoice', async () => {
    const photo = sitePhoto(99);
    const { declare, declarationFor } = await import('./support/evidence');
    const reply = await declare(clients.enterprise, projectA, declarationFor(photo, 'invoice', '扫描件.jpg', 'image/jpeg'));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('site photos are compared by what they show', () => {
  it('shows the capture time and GPS position, and notes a photo without capture data', async () => {
    ids.photo = await attach(clients.enterprise, projectA, { bytes: sitePhoto(4242, SAMPLE_CAPTURE), category: 'site_photo', fileName: '车间现场.jpg', contentType: 'image/jpeg' });
    ids.bare = await attach(clients.enterprise, projectA, { bytes: sitePhoto(4343), category: 'site_photo', fileName: '无拍摄信息.jpg', contentType: 'image/jpeg' });
    const { readings, notes } = await list('bureau', projectA);
    expect(readings?.find((entry) => entry.evidenceId === ids.photo)?.reading).toMatchObject({ kind: 'photo', takenAt: '2025-07-02T09:41:27', takenAtOffset: '+08:00', gps: { latitude: 39.3846, longitude: 117.0412 } });
    expect((notes ?? []).filter((note) => note.evidenceId === ids.bare).map((note) => note.kind)).toEqual(['photo_without_capture_data']);
    expect((notes ?? []).filter((note) => note.evidenceId === ids.photo)).toEqual([]);
  });

  it('flags a resized copy of the photo in another firm\'s project of another pilot, on both sides', async () => {
    const copy = await attach(clients.otherEnterprise, projectB, { bytes: alteredCopy(sitePhoto(4242, SAMPLE_CAPTURE), 0.5), category: 'site_photo', fileName: '现场.jpg', contentType: 'image/jpeg' });
    const ours = ((await list('bureau', projectA)).flags ?? []).filter((flag) => flag.kind === 'similar_photo');
    expect(ours.map((flag) => [flag.evidenceId, flag.counterpart.evidenceId])).toEqual([[ids.photo, copy]]);
    expect(ours[0]?.distance).toBeLessThanOrEqual(8);
    const theirs = ((await list('otherBureau', projectB)).flags ?? []).filter((flag) => flag.kind === 'similar_photo');
    expect(theirs.map((flag) => [flag.evidenceId, flag.counterpart.evidenceId])).toEqual([[copy, ids.photo]]);
  });
});
