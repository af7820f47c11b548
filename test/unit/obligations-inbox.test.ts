import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../shared/errors';
import { boxesOf, missRecipients, responsibleBoxes } from '../../shared/obligations/inbox';
import type { Obligation } from '../../shared/obligations/model';
import { decisionInboxItems } from '../../shared/obligations/notices';
import { providerRectification, selfEvaluation } from '../../shared/obligations/periods';
import { chooseBox, manualFulfilment } from '../../shared/obligations/requests';
import { decide } from '../../shared/projects/decide';
import { actor, at, stateFixtures } from './projects/fixtures';

const codeOf = (run: () => unknown): ErrorCode | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

const pilot = { id: 'wuqing', periodStart: '2025-01-01', periodEnd: '2028-03-31' };
const evaluation = selfEvaluation(pilot, 2026, '2026-12-01T00:00:00.000Z') as Obligation;
const visit: Obligation = {
  id: 'proj-1:quarterly_visit:2026Q1', kind: 'quarterly_visit', subjectType: 'project', subjectId: 'proj-1', pilotId: 'wuqing', period: '2026Q1',
  responsible: 'operator', uscc: 'U', town: 'T', dueDay: '2026-03-31', status: 'open', openedAt: '2026-01-01T00:00:00.000Z',
};

describe('inboxes belong to offices', () => {
  it('gives each role its office, scoped by the token', () => {
    expect(boxesOf(actor('enterprise'))).toEqual([{ role: 'enterprise', box: `ENTERPRISE#${actor('enterprise').uscc ?? ''}` }]);
    expect(boxesOf(actor('town'))).toEqual([{ role: 'town', box: 'TOWN#wuqing#120114001' }]);
    expect(boxesOf(actor('supervisor'))).toEqual([{ role: 'supervisor', box: 'SUPERVISOR' }]);
    expect(boxesOf(actor('finance'))).toEqual([{ role: 'finance', box: 'FINANCE#wuqing' }]);
    expect(boxesOf(actor('assessor'))).toEqual([{ role: 'assessor', box: 'ASSESSOR#wuqing' }]);
    expect(boxesOf({ ...actor('data_unit'), pilot: 'wuqing' })).toEqual([{ role: 'data_unit', box: 'DATA_UNIT#wuqing#stats' }]);
    // A data unit's office is its unit within a pilot: without the pilot claim there is none (fails closed).
    expect(boxesOf(actor('data_unit'))).toEqual([]);
    expect(boxesOf({ subject: 's', name: 'n', roles: ['bureau', 'operator'], pilot: 'wuqing' }).map((box) => box.box)).toEqual(['BUREAU#wuqing', 'OPERATOR#wuqing']);
  });

  it('reads the office asked for only among the caller’s own', () => {
    expect(chooseBox(actor('bureau'), undefined).box).toBe('BUREAU#wuqing');
    expect(codeOf(() => chooseBox(actor('bureau'), 'BUREAU#binhai'))).toBe('NOT_FOUND');
    expect(codeOf(() => chooseBox(actor('data_unit'), undefined))).toBe('NOT_FOUND');
  });

  it('sends a miss to who must act and who oversees', () => {
    expect(missRecipients(visit)).toEqual(['OPERATOR#wuqing', 'BUREAU#wuqing']);
    expect(missRecipients(evaluation)).toEqual(['BUREAU#wuqing', 'SUPERVISOR']);
    const provider = providerRectification({ providerId: 'prov-1', pilotId: 'wuqing', rectificationId: 'PR1', deadline: '2026-05-01', openedAt: '2026-04-01T00:00:00.000Z' });
    expect(missRecipients(provider)).toEqual(['PROVIDER#prov-1', 'BUREAU#wuqing']);
    const scoring: Obligation = { ...visit, kind: 'review_stage', stage: 'expert_scoring', responsible: 'expert', holders: ['expert-2', 'expert-3'] };
    expect(responsibleBoxes(scoring)).toEqual(['EXPERT#expert-2', 'EXPERT#expert-3']);
    expect(missRecipients(scoring)).toEqual(['EXPERT#expert-2', 'EXPERT#expert-3', 'BUREAU#wuqing']);
  });

  it('carries the bureau’s own 警示 on a project to the enterprise, its town and the bureau', () => {
    const { project, now } = stateFixtures().in_progress;
    const decision = decide(project, 'issue_warning', { category: 'late', reason: '进度滞后' }, actor('bureau'), now);
    expect(decisionInboxItems(decision.project, decision.event).map((item) => `${item.kind} ${item.recipient}`)).toEqual([
      `warning ENTERPRISE#${project.uscc}`,
      `warning TOWN#${project.pilotId}#${project.town}`,
      `warning BUREAU#${project.pilotId}`,
    ]);
    const other = decide(project, 'record_spot_check', { checkedOn: '2025-07-01', inspectors: ['甲'], outcome: 'conforming', findings: '一致' }, actor('operator'), at('2025-07-02T02:00:00Z'));
    expect(decisionInboxItems(other.project, other.event)).toEqual([]);
  });
});

describe('duties an official records by hand', () => {
  it('lets the operator record a visit, also late, and the bureau its self-evaluation', () => {
    expect(manualFulfilment(visit, actor('operator'), { note: '已走访' }).close).toMatchObject({ expected: 'open', to: 'fulfilled' });
    expect(manualFulfilment({ ...visit, status: 'missed' }, actor('operator'), { note: '补登' }).close.expected).toBe('missed');
    expect(manualFulfilment(evaluation, actor('bureau'), { note: '已完成自评' }).note).toBe('已完成自评');
  });

  it('refuses another pilot, a lifecycle duty, a wrong role, a closed duty and an empty note', () => {
    expect(codeOf(() => manualFulfilment(visit, { ...actor('operator'), pilot: 'binhai' }, { note: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(() => manualFulfilment(undefined, actor('operator'), { note: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(() => manualFulfilment({ ...visit, kind: 'quarterly_report', responsible: 'enterprise' }, actor('bureau'), { note: 'x' }))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => manualFulfilment(evaluation, actor('operator'), { note: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(() => manualFulfilment({ ...visit, status: 'cancelled' }, actor('operator'), { note: 'x' }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => manualFulfilment(visit, actor('operator'), { note: '' }))).toBe('VALIDATION_FAILED');
  });
});
