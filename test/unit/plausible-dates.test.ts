import { describe, expect, it } from 'vitest';
import { decideValue } from '../../shared/indicators/decide';
import { applicationIssues, milestoneIssues } from '../../shared/projects/application';
import { expectDomainError } from './projects/fixtures';
import { actor, at, FIGURE, LABOUR, TECH_PILOT } from './indicators/fixtures';
import { APPLICATION } from './web/project-fixtures';

describe('plausible dates (issue 12)', () => {
  it('takes milestones in order, none past on the day of submission', () => {
    expect(milestoneIssues([{ due: '2026-03-31' }, { due: '2026-03-31' }, { due: '2026-09-30' }], '2026-01-15')).toEqual([]);
  });

  it('names a milestone earlier than the one above it', () => {
    expect(milestoneIssues([{ due: '2026-09-30' }, { due: '2026-06-30' }], '2026-01-15')).toEqual([
      { path: 'application.milestones.1.due', message: '节点日期不能早于上一节点（2026-09-30）' },
    ]);
  });

  it('names a milestone already past, by the Beijing calendar day', () => {
    expect(milestoneIssues([{ due: '2026-01-14' }, { due: '2026-06-30' }], '2026-01-15')).toEqual([
      { path: 'application.milestones.0.due', message: '节点日期已过（今天是 2026-01-15），请修改实施计划' },
    ]);
    // 2026-01-14T17:00Z is already 15 January in Beijing.
    const issues = applicationIssues({ ...APPLICATION, milestones: [{ name: '上线', due: '2026-01-14' }] }, new Date('2026-01-14T17:00:00Z'));
    expect(issues.map((issue) => issue.path)).toContain('application.milestones.0.due');
    expect(applicationIssues({ ...APPLICATION, milestones: [{ name: '上线', due: '2026-01-14' }] }, new Date('2026-01-14T15:00:00Z'))).toEqual([]);
  });

  it('refuses a reporting period outside the pilot’s own period and its base year', () => {
    // TECH_PILOT runs 2025-01-01 to 2028-03-31; 2024 is its base year.
    for (const period of ['2023', '2023Q4', '2028Q2', '2031', '0000Q1']) {
      const error = expectDomainError(() => decideValue(undefined, TECH_PILOT, LABOUR, period, 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'IMPLAUSIBLE_DATE');
      expect(error.issues).toEqual([{ path: 'period', message: '统计期应在试点期内（2025-01-01 至 2028-03-31，可含前一年基期）' }]);
    }
  });

  it('refuses a period that has not begun, and takes one under way or past within the pilot', () => {
    expectDomainError(() => decideValue(undefined, TECH_PILOT, LABOUR, '2026Q2', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')), 'PRECONDITION_FAILED');
    expect(decideValue(undefined, TECH_PILOT, LABOUR, '2026Q1', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')).value.status).toBe('draft');
    expect(decideValue(undefined, TECH_PILOT, LABOUR, '2025Q1', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')).value.status).toBe('draft');
    expect(decideValue(undefined, TECH_PILOT, LABOUR, '2024', 'save', FIGURE, actor('data_unit'), at('2026-01-20T02:00:00Z')).value.status).toBe('draft');
  });
});
