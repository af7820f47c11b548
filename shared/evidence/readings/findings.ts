import { BudgetKind, type BudgetItem } from '../../projects/application';
import type { Project } from '../../projects/model';
import type { Pilot } from '../../pilots/model';
import type { Principal } from '../../roles';
import { smeScopeFits } from '../../sme/decide';
import type { LoadedHolder } from '../holders';
import { canSeeFlags, FLAG_READERS } from '../rules';
import type { EvidenceHolder } from '../holder';
import type { Evidence } from '../model';
import type { EvidenceReading, InvoiceReading, PhotoReading } from './model';

/**
 * What a reading means for the holder it was handed in for (issue 15), pure. Two sorts of finding:
 * - notes on one file, computed whenever officials look (they depend on the project as it is now:
 *   its enterprise and its period), never stored: a buyer who is not the enterprise, an issue date
 *   or a capture time outside the project's period, a number typed that differs from the one read,
 *   a photo without capture data;
 * - re-use flags between two files (a similar photo in another project or SME, an invoice number
 *   read twice), stored on both sides at completion like the duplicate flags (rules.ts), since
 *   finding them needs every other holder's files.
 * Both reach officials only (FLAG_READERS), as the duplicate flags do.
 */

/** YYYY-MM-DD, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/**
 * A project's period: from its pilot's start (spending before the pilot is no pilot spending) to the
 * pilot's end or the project's last milestone, whichever is later (a project may run past the pilot
 * with an approved schedule). An SME's period is its pilot's.
 */
export function holderPeriod(pilot: Pick<Pilot, 'periodStart' | 'periodEnd'>, project?: Pick<Project, 'application'>): Period {
  const lastMilestone = project?.application.milestones.map((milestone) => milestone.due).sort().at(-1);
  return { from: pilot.periodStart, to: lastMilestone && lastMilestone > pilot.periodEnd ? lastMilestone : pilot.periodEnd };
}

/**
 * The record with what was read. An invoice number read from the file is the one every duplicate
 * check uses (the claim `INVOICE#<number>`, rules.ts claimsOf); a number the uploader typed is kept
 * beside it, and used only where nothing was read (a scan of a paper invoice).
 */
export function withReading(evidence: Evidence, reading: EvidenceReading | undefined): Evidence {
  if (!reading) return evidence;
  const read = reading.kind === 'invoice' ? reading.number : undefined;
  const typed = evidence.invoiceNumber;
  const { invoiceNumber: _typed, ...rest } = evidence;
  if (read) return { ...rest, reading, invoiceNumber: read, invoiceNumberSource: 'read', ...(typed ? { typedInvoiceNumber: typed } : {}) };
  return { ...rest, reading, ...(typed ? { invoiceNumber: typed, invoiceNumberSource: 'typed' as const } : {}) };
}

/** Where a record without a reading got its invoice number: typed, if it has one. */
export const invoiceNumberSource = (evidence: Evidence): 'read' | 'typed' | undefined =>
  evidence.invoiceNumberSource ?? (evidence.invoiceNumber ? 'typed' : undefined);

export const NoteKind = [
  'invoice_unread',
  'invoice_buyer_mismatch',
  'invoice_date_outside_period',
  'invoice_number_differs',
  'photo_unreadable',
  'photo_without_capture_data',
  'photo_taken_outside_period',
] as const;
export type NoteKind = (typeof NoteKind)[number];

export interface EvidenceNote {
  evidenceId: string;
  kind: NoteKind;
  /** what was read and what was expected, for the reviewer */
  details?: Record<string, string>;
}

export interface NoteContext {
  /** the enterprise the holder belongs to: an invoice's buyer must be it */
  uscc?: string;
  period?: Period;
}

const outside = (date: string, period: Period): boolean => date < period.from || date > period.to;

function invoiceNotes(evidence: Evidence, reading: InvoiceReading, context: NoteContext): EvidenceNote[] {
  const notes: EvidenceNote[] = [];
  const note = (kind: NoteKind, details: Record<string, string>) => notes.push({ evidenceId: evidence.id, kind, details });
  const buyer = reading.buyer.taxId;
  if (context.uscc && buyer !== context.uscc) note('invoice_buyer_mismatch', { buyer: buyer ?? '', ...(reading.buyer.name ? { buyerName: reading.buyer.name } : {}), expected: context.uscc });
  if (context.period && (!reading.issueDate || outside(reading.issueDate, context.period))) {
    note('invoice_date_outside_period', { issueDate: reading.issueDate ?? '', from: context.period.from, to: context.period.to });
  }
  if (evidence.typedInvoiceNumber && reading.number && evidence.typedInvoiceNumber !== reading.number) note('invoice_number_differs', { typed: evidence.typedInvoiceNumber, read: reading.number });
  return notes;
}

function photoNotes(evidence: Evidence, reading: PhotoReading, context: NoteContext): EvidenceNote[] {
  if (!reading.takenAt) return [{ evidenceId: evidence.id, kind: 'photo_without_capture_data' }];
  const day = reading.takenAt.slice(0, 10);
  if (context.period && outside(day, context.period)) {
    return [{ evidenceId: evidence.id, kind: 'photo_taken_outside_period', details: { takenAt: reading.takenAt, from: context.period.from, to: context.period.to } }];
  }
  return [];
}

/** The notes on one file in its holder's context; none for files that are not read. */
export function evidenceNotes(evidence: Evidence, context: NoteContext): EvidenceNote[] {
  const reading = evidence.reading;
  if (!reading) return [];
  if (reading.kind === 'invoice') return invoiceNotes(evidence, reading, context);
  if (reading.kind === 'photo') return photoNotes(evidence, reading, context);
  // A site photo that cannot be decoded, or an invoice file without invoice facts (a scanned PDF).
  return [{ evidenceId: evidence.id, kind: evidence.category === 'site_photo' ? 'photo_unreadable' : 'invoice_unread', details: { reason: reading.reason } }];
}

/** Findings reach the officials who see a project's duplicate flags, and the same officials for an SME in their scope. */
export function canSeeFindings(actor: Principal, loaded: LoadedHolder): boolean {
  if (loaded.type === 'project') return canSeeFlags(actor, loaded.project);
  if (loaded.type === 'sme') return actor.roles.some((role) => FLAG_READERS.includes(role) && smeScopeFits(role, actor, loaded.firm));
  return false;
}

/** The context notes are judged in: the enterprise (a buyer must be it) and the period, for the holders whose files are read. */
export function noteContext(loaded: LoadedHolder, pilot: Pick<Pilot, 'periodStart' | 'periodEnd'> | undefined): NoteContext {
  if (loaded.type === 'project') return { uscc: loaded.project.uscc, ...(pilot ? { period: holderPeriod(pilot, loaded.project) } : {}) };
  if (loaded.type === 'sme') return { uscc: loaded.firm.uscc, ...(pilot ? { period: holderPeriod(pilot) } : {}) };
  return {};
}

/** What officials see of a reading next to the file. */
export function readingView(evidence: Evidence) {
  return {
    evidenceId: evidence.id,
    ...(evidence.reading ? { reading: evidence.reading } : {}),
    ...(evidence.invoiceNumber ? { invoiceNumber: evidence.invoiceNumber, invoiceNumberSource: invoiceNumberSource(evidence) } : {}),
    ...(evidence.typedInvoiceNumber ? { typedInvoiceNumber: evidence.typedInvoiceNumber } : {}),
    ...(evidence.budgetLine ? { budgetLine: evidence.budgetLine } : {}),
  };
}
export type ReadingView = ReturnType<typeof readingView>;

// --- Photos seen before -------------------------------------------------------------------------

/**
 * Two pHashes at most this many bits apart show the same photo. Measured on the shipped samples
 * (test/unit/evidence/readings.test.ts): a resized and re-saved copy lies 0–2 bits away, a 2 % crop
 * of each edge up to 6, a 3 % crop up to 8, a 5 % crop 10–14; different scenes lie 24 or more apart.
 */
export const SIMILAR_PHOTO_MAX_DISTANCE = 8;

/**
 * The hash split into SIMILAR_PHOTO_MAX_DISTANCE + 1 bands of 7 or 8 bits: two hashes within that
 * distance agree on at least one whole band (pigeonhole), so looking up each band of a new photo
 * finds every similar earlier one without reading them all. The band's index is part of its key.
 */
export function photoBands(phash: string): string[] {
  const bits = BigInt(`0x${phash}`);
  const count = SIMILAR_PHOTO_MAX_DISTANCE + 1;
  return Array.from({ length: count }, (_, index) => {
    const from = Math.floor((index * 64) / count);
    const to = Math.floor(((index + 1) * 64) / count);
    const band = (bits >> BigInt(64 - to)) & ((1n << BigInt(to - from)) - 1n);
    return `${index}:${band.toString(16)}`;
  });
}

export function hammingDistance(a: string, b: string): number {
  let difference = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  while (difference > 0n) {
    bits += Number(difference & 1n);
    difference >>= 1n;
  }
  return bits;
}

/** An earlier site photo, as its band entry names it. */
export interface PhotoEntry {
  holder: EvidenceHolder;
  evidenceId: string;
  phash: string;
  /** the enterprise whose dossier holds it */
  uscc?: string;
}

/** A photo that shows what another file of another project or SME showed before. */
export interface PhotoReuseFlag {
  kind: 'similar_photo';
  holder: EvidenceHolder;
  /** a project's id, so the flag lists with the duplicate flags (absent for an SME's) */
  projectId?: string;
  uscc?: string;
  evidenceId: string;
  value: string;
  distance: number;
  counterpart: { holder: EvidenceHolder; projectId?: string; evidenceId: string };
  raisedBy: string;
  raisedAt: string;
}

const sameHolderAs = (a: EvidenceHolder, b: EvidenceHolder): boolean => JSON.stringify(a) === JSON.stringify(b);
const projectOf = (holder: EvidenceHolder) => (holder.type === 'project' ? { projectId: holder.projectId } : {});

/**
 * Flag pairs for a new photo against earlier ones within the distance. The same photo twice in one
 * holder is no re-use (one photo may back two reports); across projects, firms or pilots it is.
 */
export function photoReuseFlags(later: PhotoEntry, earlier: readonly PhotoEntry[], now: Date): PhotoReuseFlag[] {
  const raised = { kind: 'similar_photo' as const, raisedBy: later.evidenceId, raisedAt: now.toISOString() };
  const seen = new Set<string>();
  return earlier.flatMap((entry) => {
    if (entry.evidenceId === later.evidenceId || seen.has(entry.evidenceId) || sameHolderAs(entry.holder, later.holder)) return [];
    seen.add(entry.evidenceId);
    const distance = hammingDistance(entry.phash, later.phash);
    if (distance > SIMILAR_PHOTO_MAX_DISTANCE) return [];
    return [
      { ...raised, holder: later.holder, ...projectOf(later.holder), ...(later.uscc ? { uscc: later.uscc } : {}), evidenceId: later.evidenceId, value: later.phash, distance, counterpart: { holder: entry.holder, ...projectOf(entry.holder), evidenceId: entry.evidenceId } },
      { ...raised, holder: entry.holder, ...projectOf(entry.holder), ...(entry.uscc ? { uscc: entry.uscc } : {}), evidenceId: entry.evidenceId, value: entry.phash, distance, counterpart: { holder: later.holder, ...projectOf(later.holder), evidenceId: later.evidenceId } },
    ];
  });
}

// --- Invoices against the budget ----------------------------------------------------------------

export interface BudgetLineTotal {
  /** a line of the approved budget (经费使用计划), or `unassigned` for invoices declared without one */
  budgetLine: BudgetKind | 'unassigned';
  /** 万元, as the application states it; absent for `unassigned` and for lines the budget lacks */
  approvedWan?: number;
  invoices: number;
  /** yuan, from the invoices read (价税合计 and 金额); invoices whose amounts were not read are counted apart */
  totalWithTax: number;
  amountWithoutTax: number;
  unread: number;
}

/**
 * Invoice totals per budget line beside the approved budget, for the acceptance review and the
 * self-evaluation (002 §三(五)9: 发票和银行付款凭证). Sums run in fen, so they never drift.
 */
export function invoiceTotalsByBudgetLine(evidence: readonly Evidence[], budget: readonly BudgetItem[]): BudgetLineTotal[] {
  const lines = new Map<BudgetLineTotal['budgetLine'], { invoices: number; withTax: number; withoutTax: number; unread: number }>();
  for (const item of budget) lines.set(item.kind, { invoices: 0, withTax: 0, withoutTax: 0, unread: 0 });
  for (const file of evidence) {
    if (file.category !== 'invoice') continue;
    const key = file.budgetLine ?? 'unassigned';
    const line = lines.get(key) ?? { invoices: 0, withTax: 0, withoutTax: 0, unread: 0 };
    line.invoices += 1;
    const reading = file.reading?.kind === 'invoice' ? file.reading : undefined;
    if (reading?.totalWithTax === undefined) line.unread += 1;
    else {
      line.withTax += Math.round(reading.totalWithTax * 100);
      line.withoutTax += Math.round((reading.amountWithoutTax ?? reading.totalWithTax) * 100);
    }
    lines.set(key, line);
  }
  const approved = new Map(budget.map((item) => [item.kind, item.amountWan]));
  // In the budget form's order, invoices without a line last.
  const order = (line: BudgetLineTotal['budgetLine']) => (line === 'unassigned' ? BudgetKind.options.length : BudgetKind.options.indexOf(line));
  return [...lines].sort(([a], [b]) => order(a) - order(b)).map(([budgetLine, line]) => ({
    budgetLine,
    ...(budgetLine !== 'unassigned' && approved.has(budgetLine) ? { approvedWan: approved.get(budgetLine)! } : {}),
    invoices: line.invoices,
    totalWithTax: line.withTax / 100,
    amountWithoutTax: line.withoutTax / 100,
    unread: line.unread,
  }));
}
