import { describe, expect, it } from 'vitest';
import { beijingDay, formatDate, formatDateTime, formatNumber, formatPercent, formatPeriod, formatWan } from '../../../web/src/lib/format';

describe('money in 万元 and 亿元', () => {
  it('shows amounts under one 亿 in 万元 with grouping and at most two decimals', () => {
    expect(formatWan(0)).toBe('0 万元');
    expect(formatWan(350)).toBe('350 万元');
    expect(formatWan(3450.5)).toBe('3,450.5 万元');
    expect(formatWan(1234.567)).toBe('1,234.57 万元');
    expect(formatWan(9999.99)).toBe('9,999.99 万元');
  });

  it('switches to 亿元 from 10 000 万元 up', () => {
    expect(formatWan(10_000)).toBe('1 亿元');
    expect(formatWan(12_500)).toBe('1.25 亿元');
    expect(formatWan(200_000)).toBe('20 亿元');
  });

  it('keeps the sign of a negative amount', () => {
    expect(formatWan(-20_000)).toBe('-2 亿元');
    expect(formatWan(-5)).toBe('-5 万元');
  });

  it('formats plain numbers and ratios the Chinese way', () => {
    expect(formatNumber(175000)).toBe('175,000');
    expect(formatNumber(0.661)).toBe('0.66');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1.234)).toBe('123.4%');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('shows a calendar day as written, whatever the runtime time zone', () => {
    expect(formatDate('2027-12-31')).toBe('2027年12月31日');
    expect(formatDate('2025-01-01')).toBe('2025年1月1日');
  });

  it('shows an instant as the Beijing day it falls on', () => {
    // 16:30 UTC on 30 June is 00:30 on 1 July in Beijing.
    expect(formatDate('2025-06-30T16:30:00Z')).toBe('2025年7月1日');
    expect(formatDate('2025-06-30T15:59:00Z')).toBe('2025年6月30日');
    expect(beijingDay(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('shows an instant with Beijing wall-clock time', () => {
    expect(formatDateTime('2025-06-30T06:05:00Z')).toBe('2025年6月30日 14:05');
    expect(formatDateTime('2025-06-30T16:00:00.000Z')).toBe('2025年7月1日 00:00');
  });

  it('says 暂无 for a missing date and passes an unreadable one through', () => {
    expect(formatDate(undefined)).toBe('暂无');
    expect(formatDateTime(null)).toBe('暂无');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('names reporting periods: quarters, months and years', () => {
    expect(formatPeriod('2025Q3')).toBe('2025年第3季度');
    expect(formatPeriod('2026-06')).toBe('2026年6月');
    expect(formatPeriod('2025')).toBe('2025年');
    expect(formatPeriod('2025-06-30')).toBe('2025年6月30日');
    expect(formatPeriod('H1')).toBe('H1');
  });
});
