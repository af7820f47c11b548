import { describe, expect, it } from 'vitest';
import { INDICATOR_STATUS_LABELS, RISK_REASON_LABELS } from '../../../shared/indicators/progress';
import { VALUE_ACTIONS, VALUE_STATUS_LABELS } from '../../../shared/indicators/model';
import { boxesOf } from '../../../shared/obligations/inbox';
import { OBLIGATION_LABELS, type Obligation } from '../../../shared/obligations/model';
import { ROLES, type Principal } from '../../../shared/roles';
import { INBOX_ROLES } from '../../../web/src/lib/access';
import { t } from '../../../web/src/lib/i18n';
import { checkReview, checkSave, emptySaveValues, saveInput } from '../../../web/src/lib/indicators/value-form';
import { canRecord, checkFulfil, periodLabel } from '../../../web/src/lib/obligations/obligations';

const fullScope = (role: Principal['roles'][number]): Principal => ({
  subject: 'u-1',
  name: 'x',
  roles: [role],
  pilot: 'wuqing-tech',
  town: 'wq-kfq',
  uscc: '91120114MA05T8K3XX',
  providerId: 'prov-1',
  dataUnit: '区统计局',
});

describe('the officials’ pages’ rules in the browser', () => {
  it('offers the inbox to exactly the roles whose office has one', () => {
    const withBox = ROLES.filter((role) => boxesOf(fullScope(role)).length > 0);
    expect([...INBOX_ROLES].sort()).toEqual([...withBox].sort());
  });

  it('words obligation kinds, indicator and value states and value steps as shared/ does', () => {
    for (const [kind, text] of Object.entries(OBLIGATION_LABELS)) expect(t(`obligationKind.${kind}` as never), kind).toBe(text);
    for (const [status, text] of Object.entries(INDICATOR_STATUS_LABELS)) expect(t(`indicatorStatus.${status}` as never), status).toBe(text);
    for (const [reason, text] of Object.entries(RISK_REASON_LABELS)) expect(t(`riskReason.${reason}` as never), reason).toBe(text);
    for (const [status, text] of Object.entries(VALUE_STATUS_LABELS)) expect(t(`valueStatus.${status}` as never), status).toBe(text);
    for (const [action, spec] of Object.entries(VALUE_ACTIONS)) expect(t(`valueAction.${action}` as never), action).toBe(spec.label);
  });

  it('lets the operator or bureau of the pilot record an open visit, and nobody record a lifecycle duty', () => {
    const visit = { id: 'P1:quarterly_visit:2025Q3', kind: 'quarterly_visit', pilotId: 'wuqing-tech', status: 'open' } as Obligation;
    expect(canRecord(visit, fullScope('operator'))).toBe(true);
    expect(canRecord(visit, fullScope('bureau'))).toBe(true);
    expect(canRecord(visit, fullScope('town'))).toBe(false);
    expect(canRecord({ ...visit, pilotId: 'binhai' }, fullScope('bureau'))).toBe(false);
    expect(canRecord({ ...visit, status: 'fulfilled' }, fullScope('bureau'))).toBe(false);
    expect(canRecord({ ...visit, kind: 'quarterly_report' }, fullScope('bureau'))).toBe(false);
    expect(checkFulfil('  ')).toEqual([{ path: 'note', message: '至少 1 个字符' }]);
  });

  it('checks an indicator value with the API’s schemas: a period, and exactly one way of giving the figure', () => {
    expect(checkSave({ ...emptySaveValues('2025Q5'), value: '3' }).map((issue) => issue.path)).toEqual(['period']);
    expect(checkSave(emptySaveValues('2025'))).toEqual([{ path: 'value', message: '请填写数值，或分子与分母，或逐户明细，三者择一' }]);
    expect(checkSave({ ...emptySaveValues('2025'), value: 'abc' })).toEqual([{ path: 'value', message: '请填写数字' }]);
    expect(checkSave({ ...emptySaveValues('2025Q2'), numerator: '30', denominator: '40' })).toEqual([]);
    expect(saveInput({ ...emptySaveValues('2025'), value: ' 12.5 ', note: '统计年报' })).toEqual({ value: 12.5, note: '统计年报', evidenceIds: [] });
    expect(checkReview('return', '')).toEqual([{ path: 'comments', message: '至少 1 个字符' }]);
    expect(checkReview('approve', '')).toEqual([]);
  });
});

describe('an obligation’s period as people say it', () => {
  it('writes quarters and years out, numbers a provider’s orders within its pool, and names an SME’s batch', () => {
    expect(periodLabel({ kind: 'quarterly_report', period: '2025Q3' })).toBe('2025年第3季度');
    expect(periodLabel({ kind: 'yearly_review', period: '2026' })).toBe('2026年');
    expect(periodLabel({ kind: 'provider_rectification', period: 'wuqing-tech.R2' })).toBe('第 2 次整改');
    expect(periodLabel({ kind: 'sme_acceptance', period: 'B1' })).toBe('第 1 批');
    expect(periodLabel({ kind: 'sme_transformation', period: 'odd' })).toBe('odd');
  });

  it('names a review stage’s entry by the application version or acceptance round, never by its stored code', () => {
    expect(periodLabel({ kind: 'review_stage', period: 'preliminary_review.v2' })).toBe('申报第 2 版');
    expect(periodLabel({ kind: 'review_stage', period: 'formal_review.A1' })).toBe('第 1 轮验收');
    expect(periodLabel({ kind: 'review_stage', period: 'expert_organisation' })).toBe('暂无');
  });
});
