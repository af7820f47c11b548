import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CalendarYearMissingError,
  CHINA_CALENDAR,
  CHINA_CALENDAR_WEEKENDS_FALLBACK,
  createCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '../../shared/calendar/calendar';
import { CALENDAR_YEARS } from '../../shared/calendar/years';

const days = (from: string, to: string): string[] => {
  const list: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += 86_400_000) {
    list.push(new Date(time).toISOString().slice(0, 10));
  }
  return list;
};

describe('the working-day calendar: public holidays', () => {
  it.each([
    ['2025 元旦', '2025-01-01', '2025-01-01'],
    ['2025 春节', '2025-01-28', '2025-02-04'],
    ['2025 清明', '2025-04-04', '2025-04-06'],
    ['2025 劳动节', '2025-05-01', '2025-05-05'],
    ['2025 端午', '2025-05-31', '2025-06-02'],
    ['2025 国庆中秋', '2025-10-01', '2025-10-08'],
    ['2026 元旦', '2026-01-01', '2026-01-03'],
    ['2026 春节', '2026-02-15', '2026-02-23'],
    ['2026 清明', '2026-04-04', '2026-04-06'],
    ['2026 劳动节', '2026-05-01', '2026-05-05'],
    ['2026 端午', '2026-06-19', '2026-06-21'],
    ['2026 中秋', '2026-09-25', '2026-09-27'],
    ['2026 国庆', '2026-10-01', '2026-10-07'],
  ])('treats every day of %s (%s to %s) as a day off, even the weekdays', (_name, from, to) => {
    for (const day of days(from, to)) expect(isWorkingDay(day), day).toBe(false);
  });

  it('treats the weekday before and after each holiday as a working day', () => {
    expect(isWorkingDay('2025-01-27')).toBe(true); // Monday before 春节 2025
    expect(isWorkingDay('2025-02-05')).toBe(true); // Wednesday after it
    expect(isWorkingDay('2025-04-03')).toBe(true);
    expect(isWorkingDay('2025-04-07')).toBe(true);
    expect(isWorkingDay('2025-09-30')).toBe(true);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-06-18')).toBe(true);
    expect(isWorkingDay('2026-06-22')).toBe(true);
    expect(isWorkingDay('2026-10-08')).toBe(true);
  });
});

describe('the working-day calendar: make-up workdays (调休)', () => {
  it.each([
    ['2025-01-26', 'Sunday before 春节'],
    ['2025-02-08', 'Saturday after 春节'],
    ['2025-04-27', 'Sunday before 劳动节'],
    ['2025-09-28', 'Sunday before 国庆'],
    ['2025-10-11', 'Saturday after 国庆'],
    ['2026-01-04', 'Sunday after 元旦'],
    ['2026-02-14', 'Saturday before 春节'],
    ['2026-02-28', 'Saturday after 春节'],
    ['2026-05-09', 'Saturday after 劳动节'],
    ['2026-09-20', 'Sunday before 国庆'],
    ['2026-10-10', 'Saturday after 国庆'],
  ])('works on %s (%s)', (day) => {
    expect(isWorkingDay(day)).toBe(true);
  });

  it('keeps ordinary weekends off', () => {
    expect(isWorkingDay('2025-01-25')).toBe(false);
    expect(isWorkingDay('2025-02-09')).toBe(false);
    expect(isWorkingDay('2026-05-10')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('counts 2025 and 2026 at the number of working days the notices give', () => {
    // 2025: 261 weekdays − 18 weekdays off + 5 make-up days; 2026: 261 − 19 + 6 (counted by hand)
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(days('2025-01-01', '2025-12-31').filter(isWorkingDay).length);
    expect(days('2025-01-01', '2025-12-31').filter(isWorkingDay)).toHaveLength(248);
    expect(days('2026-01-01', '2026-12-31').filter(isWorkingDay)).toHaveLength(248);
  });
});

describe('adding and counting working days', () => {
  it('skips a whole holiday and lands on the make-up Saturday after it', () => {
    // 2025-01-24 (Fri) → 26 (Sun, worked) → 27 (Mon) → 28..2/4 off → 2/5, 2/6, 2/7, 2/8 (Sat, worked)
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
  });

  it('counts the 国庆 make-up Sunday as the working day before the holiday', () => {
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-28', 1)).toBe('2025-09-29');
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', 2)).toBe('2026-10-10');
  });

  it('starts counting on the next working day when given a day off, and 0 gives the day itself', () => {
    expect(addWorkingDays('2026-02-15', 1)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
  });

  it('counts backwards for reminders before a due day', () => {
    expect(addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(addWorkingDays('2026-01-05', -1)).toBe('2026-01-04');
    expect(addWorkingDays('2026-01-05', -2)).toBe('2025-12-31');
    expect(addWorkingDays('2026-10-15', -7)).toBe('2026-09-30');
  });

  it('crosses a year boundary in both directions', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2026-01-04', -1)).toBe('2025-12-31');
  });

  it('is the inverse of workingDaysBetween', () => {
    for (const start of ['2025-01-20', '2025-09-25', '2026-02-10', '2026-04-30', '2026-09-18']) {
      for (const n of [0, 1, 2, 5, 7, 10, 20]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n)), `${start} + ${n}`).toBe(n);
      }
    }
    expect(workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
  });

  it('counts a holiday week as no working days at all', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
  });
});

describe('years the calendar does not hold', () => {
  it('throws an explicit error rather than counting weekends only', () => {
    expect(() => isWorkingDay('2028-01-03')).toThrow(CalendarYearMissingError);
    expect(() => addWorkingDays('2027-12-30', 3)).toThrow(CalendarYearMissingError);
    expect(() => isWorkingDay('2024-10-01')).toThrow(/2024/);
  });

  it('offers a weekends-only fallback that says it is not official', () => {
    expect(CHINA_CALENDAR_WEEKENDS_FALLBACK.addWorkingDays('2027-12-30', 3)).toBe('2028-01-04');
    expect(CHINA_CALENDAR_WEEKENDS_FALLBACK.isOfficial('2028-01-04')).toBe(false);
    expect(CHINA_CALENDAR.isOfficial('2026-06-01')).toBe(true);
  });

  it('marks 2027 as provisional, holding only the statutory Gregorian-date holidays', () => {
    expect(CHINA_CALENDAR.isOfficial('2027-03-01')).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(isWorkingDay('2027-10-01')).toBe(false);
    expect(isWorkingDay('2027-10-04')).toBe(true);
  });

  it('extends by data alone: a new year entry is all a year needs', () => {
    const extended = createCalendar([
      ...CALENDAR_YEARS,
      { year: 2028, official: true, source: 'test', holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }], makeUpWorkdays: [] },
    ]);
    expect(extended.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });
});

describe('the calendar data', () => {
  it('refuses an entry whose make-up workday is a weekday or a holiday', () => {
    const year = { year: 2030, official: true, source: 'test', holidays: [{ name: 'x', from: '2030-01-05', to: '2030-01-06' }] };
    expect(() => createCalendar([{ ...year, makeUpWorkdays: [{ day: '2030-01-07', for: 'x' }] }])).toThrow(/not a weekend/);
    expect(() => createCalendar([{ ...year, makeUpWorkdays: [{ day: '2030-01-05', for: 'x' }] }])).toThrow(/both/);
    expect(() => createCalendar([{ ...year, holidays: [{ name: 'x', from: '2031-01-01', to: '2031-01-01' }], makeUpWorkdays: [] }])).toThrow(/not in the year/);
  });

  it('holds 2025, 2026 and 2027, the first two official', () => {
    expect(CALENDAR_YEARS.map((year) => [year.year, year.official])).toEqual([
      [2025, true],
      [2026, true],
      [2027, false],
    ]);
  });
});
