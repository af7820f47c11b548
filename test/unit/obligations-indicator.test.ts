import { describe, expect, it } from 'vitest';
import { missRecipients, responsibleBoxes } from '../../shared/obligations/inbox';
import { indicatorObligationChanges } from '../../shared/obligations/indicator-lifecycle';
import { dutyLabel } from '../../shared/obligations/notices';
import { runPeriodic, type PeriodicPort } from '../../shared/obligations/periodic';
import { indicatorReport } from '../../shared/obligations/periods';
import type { Obligation } from '../../shared/obligations/model';
import type { Pilot } from '../../shared/pilots/model';

const pilot = { id: 'wuqing', periodStart: '2025-01-01', periodEnd: '2028-03-31' };
const reported = { code: 'tt-04', source: 'reported', responsibleUnit: '区统计局' };

describe('a data unit’s indicator reporting deadlines', () => {
  it('owe each quarter’s value of a reported indicator with a responsible unit, by the 15th day after the quarter', () => {
    expect(indicatorReport(pilot, reported, '2025Q3', '2025-10-01T00:00:00.000Z')).toMatchObject({
      id: 'wuqing.tt-04:indicator_report:2025Q3',
      subjectType: 'indicator',
      responsible: 'data_unit',
      dataUnit: '区统计局',
      dueDay: '2025-10-15',
      status: 'open',
    });
  });

  it('owe nothing for a derived indicator, one without a unit, or a quarter outside the pilot', () => {
    expect(indicatorReport(pilot, { ...reported, source: 'derived' }, '2025Q3', '2025-10-01T00:00:00.000Z')).toBeUndefined();
    expect(indicatorReport(pilot, { code: 'x', source: 'reported' }, '2025Q3', '2025-10-01T00:00:00.000Z')).toBeUndefined();
    expect(indicatorReport(pilot, reported, '2024Q4', '2025-01-01T00:00:00.000Z')).toBeUndefined();
    expect(indicatorReport(pilot, reported, '2028Q1', '2028-04-01T00:00:00.000Z')).toBeDefined();
    expect(indicatorReport(pilot, reported, '2028Q2', '2028-07-01T00:00:00.000Z')).toBeUndefined();
  });

  it('reach the data unit’s office and, on a miss, the bureau too', () => {
    const report = indicatorReport(pilot, reported, '2025Q3', '2025-10-01T00:00:00.000Z') as Obligation;
    expect(responsibleBoxes(report)).toEqual(['DATA_UNIT#wuqing#区统计局']);
    expect(missRecipients(report)).toEqual(['DATA_UNIT#wuqing#区统计局', 'BUREAU#wuqing']);
    expect(dutyLabel(report)).toBe('2025年第3季度指标数据报送');
  });

  it('are fulfilled by submitting the quarter’s value, or the year’s for the fourth quarter', () => {
    const value = { pilotId: 'wuqing', code: 'tt-04', period: '2025Q3' };
    expect(indicatorObligationChanges(value, { action: 'submit' }).fulfil.map((duty) => duty.id)).toEqual(['wuqing.tt-04:indicator_report:2025Q3']);
    expect(indicatorObligationChanges({ ...value, period: '2025' }, { action: 'submit' }).fulfil.map((duty) => duty.id)).toEqual(['wuqing.tt-04:indicator_report:2025Q4']);
    expect(indicatorObligationChanges(value, { action: 'save' }).fulfil).toEqual([]);
  });

  it('are opened by the periodic timer on the first day of the next quarter, once', async () => {
    const opened = new Map<string, Obligation>();
    let mark: string | undefined = '2025-09-30';
    const port: PeriodicPort = {
      mark: () => Promise.resolve(mark),
      advanceMark: (_name, day) => {
        mark = day;
        return Promise.resolve();
      },
      pilots: () => Promise.resolve([{ ...pilot, indicators: [reported, { code: 'tt-09', source: 'derived' }] } as unknown as Pilot]),
      // eslint-disable-next-line require-yield
      projectsIn: async function* () {
        return;
      },
      openIfAbsent: (obligation) => {
        if (opened.has(obligation.id)) return Promise.resolve(false);
        opened.set(obligation.id, obligation);
        return Promise.resolve(true);
      },
    };
    expect((await runPeriodic(port, new Date('2025-10-01T00:00:00Z'))).opened).toBe(1);
    expect([...opened.keys()]).toEqual(['wuqing.tt-04:indicator_report:2025Q3']);
    mark = '2025-09-30';
    expect((await runPeriodic(port, new Date('2025-10-01T00:00:00Z'))).opened).toBe(0);
  });
});
