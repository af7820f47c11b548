import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../shared/evidence/model';
import { assertReferences, evidenceReferences, evidenceReferencesIn, referencedEvidenceIds, referenceIssues } from '../../../shared/evidence/references';
import { DomainError } from '../../../shared/errors';
import { APPLICATION, MATERIALS, stateFixtures } from '../projects/fixtures';

const fixtures = stateFixtures();
const draft = fixtures.draft.project;

const stored = (id: string, category: Evidence['category']): Evidence => ({
  id, holder: { type: 'project', projectId: draft.id }, uscc: draft.uscc, category, fileName: `${id}.pdf`, contentType: 'application/pdf', kind: 'pdf', size: 1, sha256: '0'.repeat(64),
  uploader: { subject: 'ent-1', name: 'n', role: 'enterprise' }, uploadedAt: '2025-03-03T02:00:00.000Z', key: `projects/${draft.id}/${id}`,
});

describe('finding the evidence an action names', () => {
  it.each([
    ['save_draft', { ...APPLICATION, evidenceIds: ['a', 'b'] }, [['a', 'evidenceIds.0', null], ['b', 'evidenceIds.1', null]]],
    ['sign_agreement', { agreementEvidenceId: ' ag ' }, [['ag', 'agreementEvidenceId', ['agreement']]]],
    ['report_progress', { period: '2025Q2', evidenceIds: ['p1'] }, [['p1', 'evidenceIds.0', null]]],
    ['record_spot_check', { findings: 'x', evidenceIds: ['s1'] }, [['s1', 'evidenceIds.0', null]]],
    ['assess', { conclusion: 'pass', reportEvidenceId: 'r1' }, [['r1', 'reportEvidenceId', ['acceptance_report']]]],
    ['recommend', { recommendation: '同意' }, []],
  ] as const)('%s', (action, input, expected) => {
    const found = evidenceReferences(action, input, draft).map((reference) => [reference.id, reference.path, reference.categories]);
    expect(found).toEqual(expected);
  });

  it('reads each acceptance material with its own category', () => {
    const found = evidenceReferences('request_acceptance', { summary: '完成', materials: { ...MATERIALS, otherIds: ['o1'] } }, draft);
    expect(found.map((reference) => `${reference.path}=${reference.id}:${reference.categories?.join('|') ?? '*'}`)).toEqual([
      'materials.selfEvaluationIds.0=ev-self:self_evaluation',
      'materials.planIds.0=ev-plan:plan',
      'materials.contractIds.0=ev-contract:contract',
      'materials.invoiceIds.0=ev-invoice:invoice',
      'materials.paymentVoucherIds.0=ev-voucher:payment_voucher',
      'materials.otherIds.0=o1:*',
    ]);
  });

  it('checks the submitted application on submission, whatever the (empty) input says', () => {
    expect(evidenceReferences('submit', {}, draft).map((reference) => reference.path)).toEqual(['application.evidenceIds.0']);
  });

  it('ignores what is not an id and stops at a depth no input reaches', () => {
    expect(evidenceReferencesIn({ evidenceIds: [1, null, '', ' '] })).toEqual([]);
    let deep: unknown = { evidenceIds: ['deep'] };
    for (let level = 0; level < 20; level += 1) deep = { nested: deep };
    expect(evidenceReferencesIn(deep)).toEqual([]);
  });
});

describe('what a project locks', () => {
  it('is everything it and its submitted application versions reference', () => {
    const accepted = fixtures.accepted.project;
    const ids = referencedEvidenceIds(accepted, [{ ...APPLICATION, evidenceIds: ['old-plan'] }]);
    expect([...ids].sort()).toEqual(['ev-agreement', 'ev-contract', 'ev-invoice', 'ev-photo', 'ev-plan', 'ev-plan-1', 'ev-report', 'ev-self', 'ev-voucher', 'old-plan']);
  });
});

describe('checking references against stored evidence', () => {
  const found = new Map([['ag', stored('ag', 'agreement')], ['inv', stored('inv', 'invoice')]]);

  it('passes completed evidence of the right category', () => {
    expect(referenceIssues(evidenceReferences('sign_agreement', { agreementEvidenceId: 'ag' }, draft), found)).toEqual([]);
  });

  it('names each missing or miscategorised reference by its field path', () => {
    const references = evidenceReferences('request_acceptance', { materials: { invoiceIds: ['inv', 'ghost'], contractIds: ['inv'] } }, draft);
    expect(referenceIssues(references, found)).toEqual([
      { path: 'materials.invoiceIds.1', message: '证据不存在、尚未完成上传或不属于本项目' },
      { path: 'materials.contractIds.0', message: '应为合同，该证据为发票' },
    ]);
    expect(() => assertReferences(references, found)).toThrow(DomainError);
  });
});
