/**
 * The Chinese working-day calendar as data, one entry per year, from the State Council's yearly
 * notice (国务院办公厅关于某年部分节假日安排的通知). A year lists its public holidays as ranges and its
 * make-up workdays (调休上班), the weekend days that are worked to bridge a holiday. Extending the
 * calendar is adding one entry here; `calendar.ts` checks each entry when the module loads.
 */
export interface HolidayRange {
  name: string;
  /** first and last day off, inclusive */
  from: string;
  to: string;
}

export interface MakeUpWorkday {
  day: string;
  /** the holiday the day is worked for */
  for: string;
}

export interface CalendarYear {
  year: number;
  /**
   * true when the entry is the State Council's published arrangement; false when the notice was not
   * yet available and only the dates fixed by law are entered (see 2027). Callers can show the difference.
   */
  official: boolean;
  source: string;
  holidays: readonly HolidayRange[];
  makeUpWorkdays: readonly MakeUpWorkday[];
}

export const CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    official: true,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: [
      { day: '2025-01-26', for: '春节' },
      { day: '2025-02-08', for: '春节' },
      { day: '2025-04-27', for: '劳动节' },
      { day: '2025-09-28', for: '国庆节、中秋节' },
      { day: '2025-10-11', for: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    official: true,
    // The notice's document number is not recorded here because it could not be confirmed; the
    // dates are those of the published 2026 arrangement.
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      { day: '2026-01-04', for: '元旦' },
      { day: '2026-02-14', for: '春节' },
      { day: '2026-02-28', for: '春节' },
      { day: '2026-05-09', for: '劳动节' },
      { day: '2026-09-20', for: '国庆节' },
      { day: '2026-10-10', for: '国庆节' },
    ],
  },
  {
    year: 2027,
    // The State Council publishes the 2027 arrangement late in 2026 and it was not available when this
    // entry was written. Until it is entered, the year holds only the days that the 全国年节及纪念日放假办法
    // (2024年修订) fixes by the Gregorian date — 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October —
    // and no lunar holiday (春节、清明、端午、中秋) and no make-up workday. `official: false` marks it,
    // and the reminder timer logs when it counts on such a year. Replace this entry with the notice.
    official: false,
    source: '全国年节及纪念日放假办法（2024年修订）：仅公历固定日期的法定节日，2027年放假安排通知待录入',
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-02' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
    ],
    makeUpWorkdays: [],
  },
];
