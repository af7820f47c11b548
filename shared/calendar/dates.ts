/**
 * Calendar days as the plans write them: Beijing time (UTC+8, no daylight saving), `YYYY-MM-DD`.
 * Deadlines, notice periods and due days are days, not instants.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar day (YYYY-MM-DD) that an instant falls on. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar day `days` after `date` (YYYY-MM-DD); negative goes back. */
export function addDays(date: string, days: number): string {
  const start = Date.parse(`${date}T00:00:00Z`);
  return new Date(start + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (24 * 60 * 60 * 1000));
}
