import type { SheetCell } from '../../../../shared/evaluation/sheets';

/**
 * The printable self-evaluation: the year in the address checked as the API checks it
 * (shared/evaluation/access.ts `YearPath`), cells shown as the workbook holds them, and the workbook
 * saved under the name the API gave it.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}$/.test(text.trim())) return undefined;
  const year = Number(text.trim());
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}

/** The calendar year in Beijing (a report is yearly; the workbench links to the current one). */
export function beijingYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

/**
 * A cell as text, exactly as the workbook holds it (already rounded by shared/evaluation/sheets.ts; no
 * grouping, so a year stays 2025); an empty cell as `empty`.
 */
export function cellText(cell: SheetCell, empty: string): string {
  if (cell === null || cell === '') return empty;
  return String(cell);
}

export function isNumberCell(cell: SheetCell): boolean {
  return typeof cell === 'number';
}

/** Saves bytes as a file through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
