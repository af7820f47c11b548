import { describe, expect, it } from 'vitest';
import { projectHolder } from '../../../shared/evidence/holder';
import type { Evidence } from '../../../shared/evidence/model';
import {
  evidenceNotes,
  hammingDistance,
  holderPeriod,
  invoiceTotalsByBudgetLine,
  photoBands,
  photoReuseFlags,
  SIMILAR_PHOTO_MAX_DISTANCE,
  withReading,
} from '../../../shared/evidence/readings/findings';
import type { InvoiceReading, PhotoReading } from '../../../shared/evidence/readings/model';

const NOW = new Date('2025-07-10T02:00:00Z');
const USCC = '91120222MA06ABCD1X';
const PERIOD = { from: '2025-01-01', to: '2026-12-31' };

const evidence = (overrides: Partial<Evidence> = {}): Evidence => ({
  id: 'e-1', holder: projectHolder('p-1'), uscc: USCC, category: 'invoice', fileName: '发票.xml', contentType: 'application/xml', kind: 'xml', size: 100,
  sha256: 'a'.repeat(64), uploader: { subject: 'u', name: '企业', role: 'enterprise' }, uploadedAt: NOW.toISOString(), key: 'projects/p-1/e-1', ...overrides,
});
const invoice = (overrides: Partial<InvoiceReading> = {}): InvoiceReading => ({
  kind: 'invoice', source: 'xml', number: '25127000000012345678', issueDate: '2025-06-18', buyer: { name: '甲', taxId: USCC }, seller: { taxId: '91120116MA05K8XQ3P' },
  amountWithoutTax: 100, tax: 13, totalWithTax: 113, lines: [], ...overrides,
});
const photo = (overrides: Partial<PhotoReading> = {}): PhotoReading => ({ kind: 'photo', phash: 'f0f0f0f0f0f0f0f0', takenAt: '2025-07-02T09:41:27', ...overrides });
const kinds = (file: Evidence) => evidenceNotes(file, { uscc: USCC, period: PERIOD }).map((note) => note.kind);

describe('the number an invoice is known by', () => {
  it('is the number read from the file, with the typed one kept beside it', () => {
    const read = withReading(evidence({ invoiceNumber: '11112222333344445555' }), invoice());
    expect(read).toMatchObject({ invoiceNumber: '25127000000012345678', invoiceNumberSource: 'read', typedInvoiceNumber: '11112222333344445555' });
  });

  it('is the typed number when nothing was read', () => {
    expect(withReading(evidence({ invoiceNumber: '11112222333344445555' }), { kind: 'unreadable', reason: 'no_text_layer' })).toMatchObject({ invoiceNumber: '11112222333344445555', invoiceNumberSource: 'typed' });
    expect(withReading(evidence(), { kind: 'unreadable', reason: 'no_text_layer' }).invoiceNumber).toBeUndefined();
  });
});

describe('notes on one file', () => {
  it('has none for an invoice to the enterprise within the period', () => {
    expect(kinds(evidence({ reading: invoice() }))).toEqual([]);
  });

  it('notes a buyer who is not the enterprise, and an invoice without a buyer tax id', () => {
    expect(kinds(evidence({ reading: invoice({ buyer: { taxId: '91120116MA05K8XQ3P' } }) }))).toEqual(['invoice_buyer_mismatch']);
    expect(kinds(evidence({ reading: invoice({ buyer: {} }) }))).toEqual(['invoice_buyer_mismatch']);
  });

  it('notes an issue date before or after the period, or none read; both ends are inside', () => {
    expect(kinds(evidence({ reading: invoice({ issueDate: '2024-12-31' }) }))).toEqual(['invoice_date_outside_period']);
    expect(kinds(evidence({ reading: invoice({ issueDate: '2027-01-01' }) }))).toEqual(['invoice_date_outside_period']);
    expect(kinds(evidence({ reading: invoice({ issueDate: undefined }) }))).toEqual(['invoice_date_outside_period']);
    expect(kinds(evidence({ reading: invoice({ issueDate: '2025-01-01' }) }))).toEqual([]);
    expect(kinds(evidence({ reading: invoice({ issueDate: '2026-12-31' }) }))).toEqual([]);
  });

  it('notes a typed number that differs from the one read', () => {
    expect(kinds(withReading(evidence({ invoiceNumber: '11112222333344445555' }), invoice()))).toEqual(['invoice_number_differs']);
    expect(kinds(withReading(evidence({ invoiceNumber: '25127000000012345678' }), invoice()))).toEqual([]);
  });

  it('notes an invoice file that could not be read, and a photo that could not be decoded', () => {
    expect(kinds(evidence({ reading: { kind: 'unreadable', reason: 'no_text_layer' } }))).toEqual(['invoice_unread']);
    expect(kinds(evidence({ category: 'site_photo', reading: { kind: 'unreadable', reason: 'undecodable' } }))).toEqual(['photo_unreadable']);
  });

  it('notes a site photo without capture data, or taken outside the period', () => {
    expect(kinds(evidence({ category: 'site_photo', reading: photo({ takenAt: undefined }) }))).toEqual(['photo_without_capture_data']);
    expect(kinds(evidence({ category: 'site_photo', reading: photo({ takenAt: '2024-11-30T08:00:00' }) }))).toEqual(['photo_taken_outside_period']);
    expect(kinds(evidence({ category: 'site_photo', reading: photo() }))).toEqual([]);
  });

  it('has nothing to say about files that are not read', () => {
    expect(kinds(evidence({ category: 'contract' }))).toEqual([]);
  });
});

describe("a project's period", () => {
  const pilot = { periodStart: '2025-01-01', periodEnd: '2026-12-31' };
  it("runs from the pilot's start to its end, or to the project's last milestone when that is later", () => {
    const project = (dues: string[]) => ({ application: { milestones: dues.map((due) => ({ name: '节点', due })) } }) as never;
    expect(holderPeriod(pilot)).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(holderPeriod(pilot, project(['2025-06-30', '2026-06-30']))).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(holderPeriod(pilot, project(['2027-03-31', '2025-06-30']))).toEqual({ from: '2025-01-01', to: '2027-03-31' });
  });
});

describe('photos seen before', () => {
  it('finds every hash within the distance through a shared band (pigeonhole)', () => {
    const base = 'c3a5f00f12345678';
    let value = BigInt(`0x${base}`);
    // Flip one bit in each of SIMILAR_PHOTO_MAX_DISTANCE different bands: still one band untouched.
    for (let bit = 0; bit < SIMILAR_PHOTO_MAX_DISTANCE; bit += 1) value ^= 1n << BigInt(bit * 7 + 3);
    const near = value.toString(16).padStart(16, '0');
    expect(hammingDistance(base, near)).toBe(SIMILAR_PHOTO_MAX_DISTANCE);
    const shared = photoBands(base).filter((band) => photoBands(near).includes(band));
    expect(shared.length).toBeGreaterThanOrEqual(1);
    expect(photoBands(base)).toHaveLength(SIMILAR_PHOTO_MAX_DISTANCE + 1);
  });

  it('flags a similar photo of another holder on both sides, and not one of the same holder or far away', () => {
    const later = { holder: projectHolder('p-2'), evidenceId: 'e-2', phash: 'f0f0f0f0f0f0f0f1', uscc: 'B' };
    const flags = photoReuseFlags(
      later,
      [
        { holder: projectHolder('p-1'), evidenceId: 'e-1', phash: 'f0f0f0f0f0f0f0f0', uscc: 'A' },
        { holder: projectHolder('p-1'), evidenceId: 'e-1', phash: 'f0f0f0f0f0f0f0f0', uscc: 'A' },
        { holder: projectHolder('p-2'), evidenceId: 'e-3', phash: 'f0f0f0f0f0f0f0f1' },
        { holder: { type: 'sme', firmId: 'f-9' }, evidenceId: 'e-4', phash: '0f0f0f0f0f0f0f0f' },
      ],
      NOW,
    );
    expect(flags.map((flag) => [flag.evidenceId, flag.counterpart.evidenceId, flag.distance, flag.projectId])).toEqual([
      ['e-2', 'e-1', 1, 'p-2'],
      ['e-1', 'e-2', 1, 'p-1'],
    ]);
  });
});

describe('invoice totals by budget line', () => {
  it('sums the invoices read per declared line beside the approved amount, counts unread ones, and lists undeclared ones last', () => {
    const totals = invoiceTotalsByBudgetLine(
      [
        evidence({ id: 'a', budgetLine: 'software', reading: invoice({ totalWithTax: 0.1, amountWithoutTax: 0.09 }) }),
        evidence({ id: 'b', budgetLine: 'software', reading: invoice({ totalWithTax: 0.2, amountWithoutTax: 0.18 }) }),
        evidence({ id: 'c', budgetLine: 'equipment', reading: { kind: 'unreadable', reason: 'no_text_layer' } }),
        evidence({ id: 'd', reading: invoice() }),
        evidence({ id: 'e', category: 'contract' }),
      ],
      [{ kind: 'equipment', amountWan: 100 }, { kind: 'software', amountWan: 20 }, { kind: 'service', amountWan: 5 }],
    );
    expect(totals).toEqual([
      { budgetLine: 'equipment', approvedWan: 100, invoices: 1, totalWithTax: 0, amountWithoutTax: 0, unread: 1 },
      { budgetLine: 'software', approvedWan: 20, invoices: 2, totalWithTax: 0.3, amountWithoutTax: 0.27, unread: 0 },
      { budgetLine: 'service', approvedWan: 5, invoices: 0, totalWithTax: 0, amountWithoutTax: 0, unread: 0 },
      { budgetLine: 'unassigned', invoices: 1, totalWithTax: 113, amountWithoutTax: 100, unread: 0 },
    ]);
  });
});
