import { describe, expect, it } from 'vitest';
import { smeEvidenceReferences } from '../../../shared/evidence/references';
import type { EvidenceHolder } from '../../../shared/evidence/holder';
import { SME_ACTIONS, SME_ACTION_NAMES, SME_STATUS_LABELS } from '../../../shared/sme/lifecycle';
import { SmeStatus } from '../../../shared/sme/model';
import { SME_UPLOAD_ROLES } from '../../../web/src/lib/access';
import { label } from '../../../web/src/lib/i18n';
import { paths } from '../../../web/src/lib/paths';
import { matchRoute } from '../../../web/src/lib/routes';
import {
  catalogueGroups,
  currentLevel,
  firmProgress,
  gapText,
  namedIds,
  offeredSmeActions,
  policyAmount,
  poolNames,
  REPORT_CATEGORY,
  smeUploadable,
  unnamedFiles,
} from '../../../web/src/lib/sme/firm';
import { smeFixtures } from '../sme/fixtures';
import { evidenceOf } from './evidence-fixtures';

const fixtures = smeFixtures();
const HOLDER: EvidenceHolder = { type: 'sme', firmId: 'sme-1' };
const file = (id: string, category: Parameters<typeof evidenceOf>[1], role: 'enterprise' | 'assessor' | 'provider' = 'enterprise') => ({
  ...evidenceOf(id, category, `${id}.pdf`, HOLDER),
  uploader: { subject: `u-${role}`, name: role, role },
});

describe('the SME path’s words', () => {
  it('labels every SME state and step exactly as shared/sme does', () => {
    for (const status of SmeStatus.options) expect(label('smeStatus', status), status).toBe(SME_STATUS_LABELS[status]);
    for (const action of SME_ACTION_NAMES) expect(label('smeAction', action), action).toBe(SME_ACTIONS[action].label);
  });
});

describe('which files a step names (shared/evidence/references.ts)', () => {
  it('offers in each single-file field the one category the API accepts there', () => {
    const fields = { record_diagnosis: 'reportEvidenceId', adopt_plan: 'planEvidenceId', assess_maturity: 'reportEvidenceId' } as const;
    for (const [action, field] of Object.entries(fields)) {
      const [reference] = smeEvidenceReferences(action, { [field]: 'ev-x' });
      expect(reference?.categories, action).toEqual([REPORT_CATEGORY[action as keyof typeof REPORT_CATEGORY]]);
    }
  });

  it('knows the files the record names already, and offers the others oldest first', () => {
    const { firm } = fixtures.assessed;
    expect([...namedIds(firm)].sort()).toEqual(['ev-diag', 'ev-done', 'ev-maturity', 'ev-survey']);
    const items = [file('ev-new-photo', 'site_photo'), file('ev-done', 'site_photo'), file('ev-newer-photo', 'site_photo')];
    expect(unnamedFiles(firm, items, (item) => item.category === 'site_photo').map((item) => item.id)).toEqual(['ev-new-photo', 'ev-newer-photo']);
  });
});

describe('who may hand in which of a firm’s files', () => {
  it('gives the assessor of a transformed firm its report first, then photos and other files', () => {
    const { firm } = fixtures.transformed;
    expect(smeUploadable(['assessor'], { ...firm, availableActions: ['assess_maturity'] }, SME_UPLOAD_ROLES)).toEqual(['maturity_report', 'site_photo', 'other']);
  });

  it('gives the enterprise its photos, plan and other files, the provider its diagnosis report, and the bureau nothing (it may not call the upload route)', () => {
    const { firm } = fixtures.diagnosed;
    expect(smeUploadable(['enterprise'], { ...firm, availableActions: ['adopt_plan', 'withdraw'] }, SME_UPLOAD_ROLES)).toEqual(['plan', 'site_photo', 'other']);
    expect(smeUploadable(['provider'], firm, SME_UPLOAD_ROLES)).toEqual(['diagnosis_report', 'other']);
    expect(smeUploadable(['bureau'], firm, SME_UPLOAD_ROLES)).toEqual([]);
  });

  it('takes no more files once the firm is subsidised or withdrawn', () => {
    expect(smeUploadable(['enterprise'], fixtures.subsidised.firm, SME_UPLOAD_ROLES)).toEqual([]);
    expect(smeUploadable(['enterprise'], fixtures.withdrawn.firm, SME_UPLOAD_ROLES)).toEqual([]);
  });
});

describe('a firm’s page', () => {
  it('offers the steps in the path’s order whatever order they came in', () => {
    expect(offeredSmeActions({ availableActions: ['withdraw', 'resume_transformation', 'accept', 'unknown'] })).toEqual(['resume_transformation', 'accept', 'withdraw']);
  });

  it('tells what a subsidised firm went through, oldest first, with the pool’s names and the files of each step', () => {
    const { firm } = fixtures.subsidised;
    const names = poolNames([{ id: 'prod-mes-lite', providerId: 'ind-7', providerName: '食安云', name: '排产轻应用', kind: 'product', summary: '', industries: [], scenarios: [], smallFastLightPrecise: true }]);
    const entries = firmProgress(firm, names);
    expect(entries.map((entry) => entry.title)).toEqual([
      '入选第 1 批试点企业',
      '综合型服务商 comp-1 登记诊断报告',
      '选用“小快轻准”产品：排产轻应用（服务商：食安云）',
      '开始数字化改造',
      '数字化改造完成，申请评测',
      '数字化水平评测：3 级',
      '验收通过（数字化水平 3 级）',
      '按 3 级拨付奖补资金 20 万元',
    ]);
    expect(entries[5]?.files).toEqual(['ev-maturity', 'ev-survey']);
    expect(entries.at(-1)?.tone).toBe('success');
    expect(currentLevel(firm)).toBe(3);
    expect(currentLevel(fixtures.transformed.firm)).toBeUndefined();
  });

  it('groups the catalogue by provider for a plan of products', () => {
    const product = (id: string, providerId: string, providerName: string) => ({ id, providerId, providerName, name: id, kind: 'product' as const, summary: '', industries: [], scenarios: [], smallFastLightPrecise: true });
    expect(catalogueGroups([product('p1', 'b', '乙'), product('p2', 'a', '甲'), product('p3', 'b', '乙')]).map((group) => [group.providerId, group.products.map((item) => item.id)])).toEqual([
      ['a', ['p2']],
      ['b', ['p1', 'p3']],
    ]);
  });
});

describe('the maturity page’s words', () => {
  it('says how far each level is from its target, and the subsidy of a level', () => {
    expect(gapText(-471)).toBe('还差 471 家');
    expect(gapText(0)).toBe('已达到');
    expect(gapText(2)).toBe('已超出 2 家');
    expect(gapText(null)).toBe('不设目标');
    expect(policyAmount({ subsidyWanByLevel: { 2: 10, 3: 20, 4: 30.5 } }, 4)).toBe('30.5 万元');
    expect(policyAmount(null, 2)).toBe('尚未设定');
  });
});

describe('the SME pages’ addresses', () => {
  it('routes the list, a firm and the maturity page to roles the API admits', () => {
    expect(matchRoute(paths.smeFirms('wuqing-sme'))).toMatchObject({ route: { name: 'smeFirms' }, params: { pilotId: 'wuqing-sme' } });
    expect(matchRoute(paths.smeFirm('SME-DEMO-3'))).toMatchObject({ route: { name: 'smeFirm' }, params: { firmId: 'SME-DEMO-3' } });
    const maturity = matchRoute(paths.smeMaturity('wuqing-sme'));
    expect(maturity.route.name).toBe('smeMaturity');
    expect(maturity.route.roles).toContain('assessor');
    expect(maturity.route.roles).not.toContain('enterprise');
    expect(matchRoute(paths.smeFirms('wuqing-sme')).route.roles).toContain('enterprise');
  });
});
