import { describe, expect, it } from 'vitest';
import { EVIDENCE_CATEGORIES } from '../../../shared/evidence/categories';
import { PROJECT_ACTIONS } from '../../../shared/projects/lifecycle';
import { ProjectCategory } from '../../../shared/projects/model';
import { hasMessage, label, t } from '../../../web/src/lib/i18n';
import { ACTION_FIELDS, beijingInstant, buildInput, checkAction, CUSTOM_FORMS, emptyValues } from '../../../web/src/lib/project/action-forms';
import { offeredActions } from '../../../web/src/lib/project/actions';
import { applicationFieldPaths, checkApplication, stepOf, valuesOf } from '../../../web/src/lib/project/application';

/** A submission day before the fixture's milestones, which must not be past when it is submitted. */
const BEFORE_ALL_MILESTONES = new Date('2026-01-15T02:00:00Z');
import { projectTimeline } from '../../../web/src/lib/project/timeline';
import { PROJECT_CATEGORIES } from '../../../web/src/lib/projects';
import { APPLICATION, BUREAU, draft, ENTERPRISE, EXPERTS, step, TOWN, underReview, viewFor } from './project-fixtures';

describe('the project forms’ wording', () => {
  it('names every lifecycle step and evidence category exactly as shared/ does', () => {
    for (const [action, spec] of Object.entries(PROJECT_ACTIONS)) expect(label('action', action), action).toBe(spec.label);
    for (const [category, spec] of Object.entries(EVIDENCE_CATEGORIES)) expect(label('evidenceCategory', category), category).toBe(spec.label);
    expect([...PROJECT_CATEGORIES]).toEqual(ProjectCategory.options);
  });

  it('has a form for every step and a label for every field of it', () => {
    const withForms = [...Object.keys(ACTION_FIELDS), ...CUSTOM_FORMS, 'save_draft'].sort();
    expect(withForms).toEqual(Object.keys(PROJECT_ACTIONS).sort());
    for (const fields of Object.values(ACTION_FIELDS)) {
      for (const field of fields) expect(hasMessage(`field.${field.path}`), field.path).toBe(true);
    }
  });
});

describe('turning a step’s form into its input', () => {
  it('reads numbers as numbers, leaves blank optional fields out and splits one-per-line lists', () => {
    const fields = ACTION_FIELDS.record_spot_check;
    const values = { ...emptyValues(fields), checkedOn: '2025-06-01', inspectors: '张工\n\n李工 ', outcome: 'conforming', findings: '一致' };
    expect(buildInput(fields, values)).toEqual({ checkedOn: '2025-06-01', inspectors: ['张工', '李工'], outcome: 'conforming', findings: '一致', evidenceIds: [] });
    expect(checkAction('record_spot_check', buildInput(fields, values))).toEqual([]);
    expect(buildInput(ACTION_FIELDS.select, { approvedAmountWan: ' 450 ', noticeDays: '7', comments: '' })).toEqual({ approvedAmountWan: 450, noticeDays: 7 });
  });

  it('finds the same problems as the API, in Chinese, on the field’s own path', () => {
    const issues = checkAction('select', buildInput(ACTION_FIELDS.select, { approvedAmountWan: '', noticeDays: '90', comments: '' }));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['approvedAmountWan', 'noticeDays']);
    expect(issues.find((issue) => issue.path === 'noticeDays')?.message).toBe('不能大于 30');
    expect(checkAction('declare_conflict', { hasConflict: true, statement: '' })).toEqual([{ path: 'statement', message: '存在利益冲突时须说明情况' }]);
  });

  it('sends a Beijing wall-clock time as an instant and a termination request without a plan', () => {
    expect(beijingInstant('2025-06-01T09:30')).toBe('2025-06-01T01:30:00.000Z');
    const input = buildInput(ACTION_FIELDS.request_change, { 'details.kind': 'termination', 'details.implementationPlan': '旧方案', reason: '市场变化' });
    expect(input).toEqual({ details: { kind: 'termination' }, reason: '市场变化' });
    expect(checkAction('request_change', input)).toEqual([]);
  });
});

describe('the application form', () => {
  it('checks a draft with the API’s schema and a submission with what it still lacks, by step', () => {
    const empty = valuesOf({ ...APPLICATION, implementationPlan: '', milestones: [], indicators: [] });
    expect(checkApplication(empty).ok).toBe(true);
    const submit = checkApplication(empty, true, BEFORE_ALL_MILESTONES);
    expect(submit.ok).toBe(false);
    expect(submit.issues.map((issue) => [issue.path, stepOf(issue.path)])).toEqual([
      ['implementationPlan', 'plan'],
      ['milestones', 'milestones'],
      ['indicators', 'indicators'],
    ]);
    expect(checkApplication(valuesOf(APPLICATION), true, BEFORE_ALL_MILESTONES)).toMatchObject({ ok: true, application: APPLICATION });
  });

  it('puts a half-filled row’s message on its cell and refuses a request above the total', () => {
    const values = valuesOf(APPLICATION);
    values.milestones.push({ name: '', due: '2026-13-01' });
    values.fundRequestedWan = '2000';
    const check = checkApplication(values, true, BEFORE_ALL_MILESTONES);
    expect(check.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['milestones.1.name', 'milestones.1.due', 'fundRequestedWan']));
    expect(applicationFieldPaths(values)).toContain('milestones.1.due');
  });
});

describe('the steps offered on a project page', () => {
  it('offers each role what the lifecycle allows it now', () => {
    const submitted = step(draft(), 'submit', {}, ENTERPRISE);
    expect(offeredActions(viewFor(TOWN, submitted), TOWN)).toEqual(['recommend', 'return_for_revision']);
    expect(offeredActions(viewFor(ENTERPRISE, submitted), ENTERPRISE)).toEqual(['withdraw']);
    expect(offeredActions(viewFor(BUREAU, submitted), BUREAU)).toEqual([]);
  });

  it('leads an expert from the declaration to the score sheet, and then offers nothing', () => {
    const expert = EXPERTS[0] ?? BUREAU;
    let project = underReview();
    expect(offeredActions(viewFor(expert, project), expert)).toEqual(['declare_conflict']);
    project = step(project, 'declare_conflict', { hasConflict: false }, expert);
    expect(offeredActions(viewFor(expert, project), expert)).toEqual(['submit_score']);
    project = step(project, 'submit_score', { scores: [{ criterionId: 'c1', score: 80 }, { criterionId: 'c2', score: 70 }], comments: '可行' }, expert);
    expect(offeredActions(viewFor(expert, project), expert)).toEqual([]);
  });
});

describe('the project timeline', () => {
  it('lists what happened in order, with the reviewers’ own words', () => {
    const project = step(step(draft(), 'submit', {}, ENTERPRISE), 'return_for_revision', { comments: '请补充预算明细' }, TOWN);
    const entries = projectTimeline(viewFor(ENTERPRISE, project));
    expect(entries.map((entry) => entry.title)).toEqual([t('timeline.created'), t('timeline.submitted', { version: 1 }), t('timeline.returned', { version: 1 })]);
    expect(entries[2]).toMatchObject({ detail: '请补充预算明细', tone: 'warning' });
  });

  it('shows the enterprise the panel’s size but not who sits on it', () => {
    const view = viewFor(ENTERPRISE, underReview());
    expect(view.expertCount).toBe(3);
    expect(projectTimeline(view).some((entry) => entry.title.includes('专家1'))).toBe(false);
    expect(projectTimeline(viewFor(BUREAU, underReview())).some((entry) => entry.title.includes('专家1'))).toBe(true);
  });
});
