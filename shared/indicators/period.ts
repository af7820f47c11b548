import * as z from 'zod';

/**
 * A reporting period: a year ('2025') or a quarter ('2025Q4'). The seeds ask for quarterly tracking
 * (000 §二(一)2 季度走访与检查) and yearly review (002 §三(六) 每年12月开展绩效自评); an indicator's value
 * belongs to the period it measures and is dated at the period's last day.
 */
export const Period = z.string().regex(/^\d{4}(Q[1-4])?$/, { error: '统计期格式应为 2025 或 2025Q4' });
export type Period = z.infer<typeof Period>;

const QUARTER_END = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' } as const;
const QUARTER_START = { 1: '01-01', 2: '04-01', 3: '07-01', 4: '10-01' } as const;

function parts(period: string): { year: string; quarter: 1 | 2 | 3 | 4 | undefined } {
  const year = period.slice(0, 4);
  const quarter = period.length > 4 ? (Number(period.slice(5)) as 1 | 2 | 3 | 4) : undefined;
  return { year, quarter };
}

/** The period's first calendar day (YYYY-MM-DD). */
export function periodStart(period: string): string {
  const { year, quarter } = parts(period);
  return `${year}-${quarter ? QUARTER_START[quarter] : '01-01'}`;
}

/** The period's last calendar day (YYYY-MM-DD): the date a value for it is plotted at. */
export function periodEnd(period: string): string {
  const { year, quarter } = parts(period);
  return `${year}-${quarter ? QUARTER_END[quarter] : '12-31'}`;
}

/** The quarter a calendar day falls in, e.g. '2025-11-03' → '2025Q4'. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Every quarter from the one holding `from` to the one holding `to`, in order. */
export function quartersBetween(from: string, to: string): string[] {
  const quarters: string[] = [];
  let year = Number(from.slice(0, 4));
  let quarter = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  const last = quarterOf(to);
  for (;;) {
    const label = `${year}Q${quarter}`;
    if (label > last) break;
    quarters.push(label);
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
  }
  return quarters;
}

/** The last instant (Beijing time) of a calendar day: what "as of 2025-12-31" means for records. */
export function endOfBeijingDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Whether a period is a year (for the yearly self-evaluation) rather than a quarter. */
export function isYear(period: string): boolean {
  return period.length === 4;
}
