import { CALENDAR_YEARS, type CalendarYear } from './years';

/**
 * Working days in mainland China: Monday to Friday, except public holidays, plus the weekend days
 * worked in their place (调休). Days are Beijing calendar days `YYYY-MM-DD`.
 *
 * A year the data does not hold is an explicit error (CalendarYearMissingError), never silently
 * "weekends only": a deadline counted without the holidays of its year is wrong by up to a week
 * (春节, 国庆). A caller that must not fail — a decision an official is taking — can choose the
 * weekends-only fallback (`createCalendar(years, { missingYears: 'weekends' })`) and must record
 * that the result is provisional (`isOfficial`).
 */
export class CalendarYearMissingError extends Error {
  readonly year: number;

  constructor(year: number) {
    super(`the working-day calendar has no data for ${year}: enter the State Council's notice in shared/calendar/years.ts`);
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /** The `n`-th working day after `day` (before it for negative `n`); `day` itself is not counted, n = 0 gives `day`. */
  addWorkingDays(day: string, n: number): string;
  /** Working days d with from < d ≤ to; negative when `to` is before `from`. Inverse of addWorkingDays. */
  workingDaysBetween(from: string, to: string): number;
  /** Whether the day's year is the State Council's published arrangement (false: provisional or absent). */
  isOfficial(day: string): boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function toTime(day: string): number {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!DAY_PATTERN.test(day) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  }
  return time;
}

function shift(day: string, days: number): string {
  return new Date(toTime(day) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(toTime(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

interface YearIndex {
  official: boolean;
  holidays: Set<string>;
  makeUpWorkdays: Set<string>;
}

/** Checks one year's entry; a data mistake fails when the module loads, not on some later deadline. */
function indexYear(entry: CalendarYear): YearIndex {
  const holidays = new Set<string>();
  const inYear = (day: string): void => {
    toTime(day);
    if (!day.startsWith(`${entry.year}-`)) throw new RangeError(`calendar ${entry.year}: ${day} is not in the year`);
  };
  for (const range of entry.holidays) {
    inYear(range.from);
    inYear(range.to);
    if (range.to < range.from) throw new RangeError(`calendar ${entry.year}: ${range.name} ends before it starts`);
    for (let day = range.from; day <= range.to; day = shift(day, 1)) holidays.add(day);
  }
  const makeUpWorkdays = new Set<string>();
  for (const workday of entry.makeUpWorkdays) {
    inYear(workday.day);
    // 调休 moves a weekend day into the working week; a weekday listed here is a data error.
    if (!isWeekend(workday.day)) throw new RangeError(`calendar ${entry.year}: make-up workday ${workday.day} is not a weekend day`);
    if (holidays.has(workday.day)) throw new RangeError(`calendar ${entry.year}: ${workday.day} is both a holiday and a workday`);
    makeUpWorkdays.add(workday.day);
  }
  return { official: entry.official, holidays, makeUpWorkdays };
}

export interface CalendarOptions {
  /** 'error' (default): a missing year throws; 'weekends': counts it as weekends only, not official. */
  missingYears?: 'error' | 'weekends';
}

export function createCalendar(years: readonly CalendarYear[], options: CalendarOptions = {}): WorkingCalendar {
  const byYear = new Map<number, YearIndex>();
  for (const entry of years) {
    if (byYear.has(entry.year)) throw new RangeError(`calendar ${entry.year} is entered twice`);
    byYear.set(entry.year, indexYear(entry));
  }
  const missing = options.missingYears ?? 'error';

  const yearOf = (day: string): YearIndex | undefined => {
    toTime(day);
    const year = Number(day.slice(0, 4));
    const index = byYear.get(year);
    if (index === undefined && missing === 'error') throw new CalendarYearMissingError(year);
    return index;
  };

  const isWorkingDay = (day: string): boolean => {
    const index = yearOf(day);
    if (index?.makeUpWorkdays.has(day)) return true;
    if (index?.holidays.has(day)) return false;
    return !isWeekend(day);
  };

  const addWorkingDays = (day: string, n: number): string => {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
    const step = n < 0 ? -1 : 1;
    let current = day;
    toTime(current);
    for (let remaining = Math.abs(n); remaining > 0; ) {
      current = shift(current, step);
      if (isWorkingDay(current)) remaining -= 1;
    }
    return current;
  };

  const workingDaysBetween = (from: string, to: string): number => {
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = shift(from, 1); day <= to; day = shift(day, 1)) if (isWorkingDay(day)) count += 1;
    return count;
  };

  const isOfficial = (day: string): boolean => {
    toTime(day);
    return byYear.get(Number(day.slice(0, 4)))?.official === true;
  };

  return { isWorkingDay, addWorkingDays, workingDaysBetween, isOfficial };
}

/** The calendar of 2025–2027 as shipped; any other year throws CalendarYearMissingError. */
export const CHINA_CALENDAR: WorkingCalendar = createCalendar(CALENDAR_YEARS);

/**
 * The same data, counting a year it does not hold as weekends only: for a decision that must not
 * fail for want of next year's notice. Whatever it computes is provisional (`isOfficial` is false).
 */
export const CHINA_CALENDAR_WEEKENDS_FALLBACK: WorkingCalendar = createCalendar(CALENDAR_YEARS, { missingYears: 'weekends' });

export const isWorkingDay = (day: string): boolean => CHINA_CALENDAR.isWorkingDay(day);
export const addWorkingDays = (day: string, n: number): string => CHINA_CALENDAR.addWorkingDays(day, n);
export const workingDaysBetween = (from: string, to: string): number => CHINA_CALENDAR.workingDaysBetween(from, to);
