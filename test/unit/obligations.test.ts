import { describe, expect, it } from 'vitest';
import { daysThroughToday, daysToSweep, obligationId, parseObligationId, beijingDate, type Obligation } from '../../shared/obligations/model';
import { dutyLabel, reminderDueDays, warningForMiss } from '../../shared/obligations/notices';
import {
  providerRectification,
  quarterlyObligations,
  quarterlyReportDue,
  quarterlyVisitDue,
  quarterOf,
  selfEvaluation,
  nextQuarter,
} from '../../shared/obligations/periods';
import { periodsBeginning } from '../../shared/obligations/periodic';
import { REVIEW_STAGES, windowDueDay } from '../../shared/obligations/review-windows';
import { CHINA_CALENDAR } from '../../shared/calendar/calendar';

const PROJECT = { id: 'proj-1', pilotId: 'wuqing', uscc: '911201141234567890', town: 'yangcun' };
const report = (quarter: string): Obligation => quarterlyObligations(PROJECT, quarter, '2025-07-01T00:00:00.000Z')[0] as Obligation;

describe('deadline sweep days', () => {
  it('uses the Beijing calendar day', () => {
    expect(beijingDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(beijingDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('sweeps every day after the last completed sweep up to yesterday', () => {
    expect(daysToSweep('2026-11-20', new Date('2026-11-23T01:00:00Z'))).toEqual(['2026-11-21', '2026-11-22']);
  });

  it('sweeps nothing twice on the same day, and the first time everything since the earliest pilot phase', () => {
    expect(daysToSweep('2026-11-22', new Date('2026-11-23T01:00:00Z'))).toEqual([]);
    const first = daysToSweep(undefined, new Date('2024-10-08T01:00:00Z'));
    expect(first).toEqual(['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07']);
  });

  it('lets the reminder and period timers catch up through today, a first run doing today only', () => {
    expect(daysThroughToday('2026-11-21', new Date('2026-11-23T01:00:00Z'))).toEqual(['2026-11-22', '2026-11-23']);
    expect(daysThroughToday(undefined, new Date('2026-11-23T01:00:00Z'))).toEqual(['2026-11-23']);
  });
});

describe('obligation ids', () => {
  it('are deterministic per subject, kind and period, and parse back even when the subject id holds colons', () => {
    expect(report('2025Q3').id).toBe('proj-1:quarterly_report:2025Q3');
    expect(parseObligationId('a:b:quarterly_visit:2025Q3')).toEqual({ subjectType: 'project', subjectId: 'a:b', kind: 'quarterly_visit', period: '2025Q3' });
    expect(parseObligationId(obligationId('wuqing', 'self_evaluation', '2026'))?.subjectType).toBe('pilot');
    expect(parseObligationId('x:not_a_kind:1')).toBeUndefined();
    expect(parseObligationId('quarterly_report:2025Q3')).toBeUndefined();
  });
});

describe('periodic due days (武清 §二(一)2 季度走访与检查、年度审查与报告; 滨海 §三(五)7, §三(六))', () => {
  it('dates a quarterly report the 15th calendar day after the quarter ends, even across a year', () => {
    expect(quarterlyReportDue('2025Q1')).toBe('2025-04-15');
    expect(quarterlyReportDue('2025Q3')).toBe('2025-10-15');
    expect(quarterlyReportDue('2026Q4')).toBe('2027-01-15');
    expect(quarterlyReportDue('2027Q4')).toBe('2028-01-15');
  });

  it('dates a quarterly visit the last day of its quarter', () => {
    expect(quarterlyVisitDue('2025Q1')).toBe('2025-03-31');
    expect(quarterlyVisitDue('2025Q2')).toBe('2025-06-30');
    expect(quarterlyVisitDue('2024Q4')).toBe('2024-12-31');
  });

  it('knows quarters', () => {
    expect(quarterOf('2025-01-01')).toBe('2025Q1');
    expect(quarterOf('2025-09-30')).toBe('2025Q3');
    expect(quarterOf('2025-10-01')).toBe('2025Q4');
    expect(nextQuarter('2025Q4')).toBe('2026Q1');
  });

  it('opens the December self-evaluation only in years of the implementation period', () => {
    const pilot = { id: 'binhai', periodStart: '2024-11-01', periodEnd: '2027-12-31' };
    expect(selfEvaluation(pilot, 2024, '2024-12-01T00:00:00.000Z')).toMatchObject({ id: 'binhai:self_evaluation:2024', dueDay: '2024-12-31', responsible: 'bureau' });
    expect(selfEvaluation(pilot, 2027, '2027-12-01T00:00:00.000Z')).toBeDefined();
    expect(selfEvaluation(pilot, 2028, '2028-12-01T00:00:00.000Z')).toBeUndefined();
    expect(selfEvaluation({ ...pilot, periodEnd: '2026-10-31' }, 2026, '2026-12-01T00:00:00.000Z')).toBeUndefined();
  });

  it('tells the periodic timer what begins on a day', () => {
    expect(periodsBeginning('2026-04-01', false)).toEqual({ quarter: '2026Q2' });
    expect(periodsBeginning('2026-01-01', false)).toEqual({ quarter: '2026Q1', year: 2026 });
    expect(periodsBeginning('2026-12-01', false)).toEqual({ selfEvaluationYear: 2026 });
    expect(periodsBeginning('2026-05-17', false)).toEqual({});
    expect(periodsBeginning('2026-12-17', true)).toEqual({ quarter: '2026Q4', year: 2026, selfEvaluationYear: 2026 });
  });

  it('opens a provider rectification deadline for the provider pool, never one already past', () => {
    const opened = providerRectification({ providerId: 'prov-7', pilotId: 'binhai', rectificationId: 'PR1', deadline: '2026-03-31', openedAt: '2026-03-01T02:00:00.000Z' });
    expect(opened).toMatchObject({ id: 'prov-7:provider_rectification:binhai.PR1', period: 'binhai.PR1', subjectType: 'provider', responsible: 'provider', status: 'open' });
    // the same provider's first order in another pilot's pool is another obligation
    expect(providerRectification({ providerId: 'prov-7', pilotId: 'wuqing', rectificationId: 'PR1', deadline: '2026-03-31', openedAt: '2026-03-01T02:00:00.000Z' }).id).not.toBe(opened.id);
    expect(() => providerRectification({ providerId: 'p', pilotId: 'b', rectificationId: 'PR1', deadline: '2026-02-28', openedAt: '2026-03-01T02:00:00.000Z' })).toThrow(/past/);
  });
});

describe('review-stage windows in working days', () => {
  it('holds the table of stages, holders and the level above', () => {
    expect(REVIEW_STAGES.preliminary_review).toMatchObject({ status: 'submitted', holder: 'town', escalateTo: 'bureau', workingDays: 10 });
    expect(REVIEW_STAGES.expert_organisation).toMatchObject({ holder: 'bureau', escalateTo: 'supervisor' });
    expect(REVIEW_STAGES.formal_review.workingDays).toBe(5);
  });

  it('counts a window across 国庆 and its make-up Saturday', () => {
    // from 2025-09-26 (Fri): 28 (Sun, worked), 29, 30, then 10-09, 10-10, 10-11 (Sat, worked), 10-13 … 
    expect(windowDueDay('2025-09-26', 5)).toEqual({ dueDay: '2025-10-10', provisional: false });
    expect(windowDueDay('2025-09-26', 10)).toEqual({ dueDay: '2025-10-16', provisional: false });
  });

  it('never fails a decision for want of next year’s notice, and says the window is provisional', () => {
    expect(windowDueDay('2027-12-24', 10)).toEqual({ dueDay: '2028-01-07', provisional: true });
    expect(windowDueDay('2027-03-01', 5).provisional).toBe(true);
  });
});

describe('warnings and reminders', () => {
  it('derives the warning id from the obligation so a miss can raise only one', () => {
    const obligation = report('2026Q3');
    const first = warningForMiss(obligation, new Date('2026-10-16T01:00:00Z'));
    const again = warningForMiss(obligation, new Date('2026-10-17T01:00:00Z'));
    expect(first.id).toBe(again.id);
    expect(first).toMatchObject({ severity: 'warning', title: '2026年第3季度进度报告已逾期', message: '2026年第3季度进度报告已逾期（截止 2026-10-15）' });
  });

  it('raises an escalation, not a warning, for an official’s review stage', () => {
    const stage: Obligation = { ...report('2026Q3'), kind: 'review_stage', stage: 'preliminary_review', period: 'preliminary_review.v1', responsible: 'town' };
    expect(warningForMiss(stage, new Date('2026-10-16T01:00:00Z'))).toMatchObject({ severity: 'escalation', title: '街镇初审推荐超过办理时限' });
    expect(dutyLabel({ kind: 'self_evaluation', period: '2026' })).toBe('2026年度绩效自评');
  });

  it('reminds 7 and 1 working days ahead, from the working day before a due day that falls on a day off', () => {
    // Q3 2025 reports are due Wed 15 Oct; seven working days back crosses 国庆 and the make-up Saturday 11 Oct.
    expect(reminderDueDays('2025-09-29', 7, CHINA_CALENDAR)).toEqual(['2025-10-15']);
    expect(reminderDueDays('2025-10-14', 1, CHINA_CALENDAR)).toEqual(['2025-10-15']);
    // Friday before a weekend: 1 working day ahead covers Saturday, Sunday and Monday.
    expect(reminderDueDays('2026-11-20', 1, CHINA_CALENDAR)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    // The working day before 国庆 2025 carries every due day of the holiday and the day after it.
    expect(reminderDueDays('2025-09-30', 1, CHINA_CALENDAR)).toHaveLength(9);
    expect(reminderDueDays('2025-10-04', 1, CHINA_CALENDAR)).toEqual([]);
  });

  it('covers every due day exactly once per offset over a stretch of days', () => {
    for (const offset of [1, 7]) {
      const covered: string[] = [];
      for (let time = Date.parse('2025-09-01T00:00:00Z'); time <= Date.parse('2026-03-31T00:00:00Z'); time += 86_400_000) {
        covered.push(...reminderDueDays(new Date(time).toISOString().slice(0, 10), offset, CHINA_CALENDAR));
      }
      expect(new Set(covered).size, `offset ${offset}`).toBe(covered.length);
      for (const due of ['2025-10-15', '2025-10-05', '2026-01-01', '2026-02-20', '2026-03-31']) expect(covered, `${due} at ${offset}`).toContain(due);
    }
  });
});

describe('whose obligations a holder’s route lists', () => {
  it('a project’s and an SME’s all, a provider’s of its own pool only, an indicator period’s none', async () => {
    const { obligationSubject } = await import('../../shared/obligations/requests');
    const { providerRectification } = await import('../../shared/obligations/periods');
    expect(obligationSubject({ type: 'project', projectId: 'P-1' })).toMatchObject({ type: 'project', id: 'P-1' });
    expect(obligationSubject({ type: 'sme', firmId: 'S-1' })).toMatchObject({ type: 'sme', id: 'S-1' });
    expect(obligationSubject({ type: 'indicator', pilotId: 'p', code: 'c', period: '2025' })).toBeUndefined();
    const subject = obligationSubject({ type: 'provider', pilotId: 'wuqing', providerId: 'prov-7' });
    const order = (pilotId: string) => providerRectification({ providerId: 'prov-7', pilotId, rectificationId: 'R1', deadline: '2026-03-31', openedAt: '2026-03-01T02:00:00.000Z' });
    expect(subject?.id).toBe('prov-7');
    expect([order('wuqing'), order('binhai')].filter((obligation) => subject?.includes(obligation)).map((obligation) => obligation.pilotId)).toEqual(['wuqing']);
  });
});
