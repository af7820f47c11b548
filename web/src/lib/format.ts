import { t } from './i18n';

/**
 * Numbers, money and dates as the platform shows them: money in 万元 (the unit every amount is
 * stored in), switching to 亿元 from 10 000 万元 up; instants in Beijing time (Asia/Shanghai)
 * whatever the viewer's own zone; calendar days (deadlines, targets) as the day they name.
 */
export const TIME_ZONE = 'Asia/Shanghai';
const WAN_PER_YI = 10_000;

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('zh-CN', { maximumFractionDigits, minimumFractionDigits: 0 });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format;
}

/** A plain number with grouping, at most `maximumFractionDigits` decimals (default 2). */
export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return numberFormat(maximumFractionDigits).format(value);
}

/** An amount held in 万元: "3,450.5 万元", or "1.25 亿元" from 1 亿 up. */
export function formatWan(wan: number): string {
  if (Math.abs(wan) >= WAN_PER_YI) return t('format.yi', { value: formatNumber(wan / WAN_PER_YI, 2) });
  return t('format.wan', { value: formatNumber(wan, 2) });
}

/** An amount in 万元 always in 万元, for tables whose column header carries the unit. */
export function formatWanPlain(wan: number): string {
  return formatNumber(wan, 2);
}

/** A ratio (0.5) as a percentage ("50%"), one decimal at most. */
export function formatPercent(ratio: number): string {
  return t('format.percent', { value: formatNumber(ratio * 100, 1) });
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const beijingParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// A type alias (not an interface) so it passes as t()'s parameter record.
type DateParts = {
  y: string;
  m: string;
  d: string;
  hh: string;
  mm: string;
};

function partsInBeijing(instant: Date): DateParts {
  const parts: Record<string, string> = {};
  for (const part of beijingParts.formatToParts(instant)) parts[part.type] = part.value;
  return {
    y: parts.year ?? '',
    m: String(Number(parts.month)),
    d: String(Number(parts.day)),
    hh: parts.hour ?? '',
    mm: parts.minute ?? '',
  };
}

/**
 * A day: "2025年6月30日". A date-only string is a calendar day and is shown as written; an instant
 * is shown as the Beijing day it falls on. Anything unreadable is shown unchanged.
 */
export function formatDate(value: string | undefined | null): string {
  if (!value) return t('common.none');
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) return t('format.date', { y: dateOnly[1] ?? '', m: String(Number(dateOnly[2])), d: String(Number(dateOnly[3])) });
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const { y, m, d } = partsInBeijing(instant);
  return t('format.date', { y, m, d });
}

/** An instant with its Beijing wall-clock time: "2025年6月30日 14:05". */
export function formatDateTime(value: string | undefined | null): string {
  if (!value) return t('common.none');
  if (DATE_ONLY.test(value)) return formatDate(value);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return t('format.dateTime', partsInBeijing(instant));
}

/** The Beijing calendar day (YYYY-MM-DD) an instant falls on. */
export function beijingDay(instant: Date): string {
  const { y, m, d } = partsInBeijing(instant);
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

/** A reporting period: "2025Q3" → 2025年第3季度, "2025-06" → 2025年6月, "2025" → 2025年. */
export function formatPeriod(period: string): string {
  const quarter = QUARTER.exec(period);
  if (quarter) return t('format.quarter', { y: quarter[1] ?? '', q: quarter[2] ?? '' });
  const month = MONTH.exec(period);
  if (month) return t('format.month', { y: month[1] ?? '', m: String(Number(month[2])) });
  const year = YEAR.exec(period);
  if (year) return t('format.year', { y: year[1] ?? '' });
  return DATE_ONLY.test(period) ? formatDate(period) : period;
}
