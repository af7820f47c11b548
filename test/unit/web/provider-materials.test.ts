import { describe, expect, it } from 'vitest';
import { evidenceReferencesIn } from '../../../shared/evidence/references';
import { mapIssuesToFields } from '../../../web/src/lib/api/errors';
import { Arrivals } from '../../../web/src/lib/evidence/arrivals';
import { preselectSources, saveInput, emptySaveValues, sourcesHolder } from '../../../web/src/lib/indicators/value-form';
import {
  emptySelection,
  groupByField,
  initialSelection,
  MATERIAL_FIELDS,
  materialErrors,
  materialFieldOf,
  materialsInput,
  requiredMaterials,
  unreportedReports,
  withUploaded,
} from '../../../web/src/lib/providers/materials';
import { checkProviderRegistration, emptyProfile, REGISTRATION_FIELDS, registrationBody, type ProfileValues } from '../../../web/src/lib/providers/registration';
import { MATERIALS, REGISTRATION } from '../providers/fixtures';
import { evidenceOf, providerFiles } from './evidence-fixtures';

const PROFILE: ProfileValues = {
  ...emptyProfile(),
  name: REGISTRATION.name,
  uscc: REGISTRATION.uscc,
  kind: 'industry',
  industries: '汽车制造业、通用设备制造业',
  scenarios: '设备联网',
  summary: REGISTRATION.summary,
  hasLocalOffice: false,
  'contact.name': '陈经理',
  'contact.phone': '022-88886666',
};

describe('the provider materials picker', () => {
  it('offers in each field the categories the API accepts there (shared/evidence/references.ts)', () => {
    for (const field of MATERIAL_FIELDS) {
      const [reference] = evidenceReferencesIn({ materials: { [field.name]: 'ev-x' } });
      // `otherIds` takes any category; it offers the 其他材料 ones.
      expect(reference?.categories ?? ['other'], field.name).toEqual([field.category]);
    }
  });

  it('groups the uploaded files into the fields, newest first, leaving out what fills none', () => {
    const groups = groupByField(providerFiles());
    expect(groups.caseIds.map((item) => item.id)).toEqual(['ev-case-2', 'ev-case-1']);
    expect(groups.applicationFormId.map((item) => item.id)).toEqual(['ev-form']);
    expect(groups.otherIds).toEqual([]);
    expect(Object.values(groups).flat().map((item) => item.id)).not.toContain('ev-rect');
  });

  it('picks every file of a list and the newest of a single document at first, or what the record names', () => {
    const files = [...providerFiles(), evidenceOf('ev-licence-new', 'business_licence')];
    const fresh = initialSelection(files);
    expect(fresh.caseIds).toEqual(['ev-case-2', 'ev-case-1']);
    expect(fresh.businessLicenceId).toEqual(['ev-licence-new']);
    expect(fresh.otherIds).toEqual([]);
    const again = initialSelection(files, { ...MATERIALS, caseIds: ['ev-case-1', 'ev-gone'] });
    expect(again.caseIds).toEqual(['ev-case-1']);
    expect(again.businessLicenceId).toEqual(['ev-licence']);
    expect(again.financialStatementIds).toEqual(['ev-fs-2024']);
    expect(again.localServiceCommitmentId).toEqual(['ev-local']);
  });

  it('puts a file just uploaded into its field: replacing a single document, joining a list', () => {
    const selection = initialSelection(providerFiles());
    const licence = withUploaded(selection, evidenceOf('ev-licence-2', 'business_licence'));
    expect(licence.businessLicenceId).toEqual(['ev-licence-2']);
    expect(withUploaded(selection, evidenceOf('ev-case-3', 'case_study')).caseIds).toEqual(['ev-case-2', 'ev-case-1', 'ev-case-3']);
    expect(withUploaded(selection, evidenceOf('ev-rect-2', 'rectification_report'))).toBe(selection);
  });

  it('sends single documents as one id, left out when none is chosen, and lists as arrays', () => {
    const input = materialsInput({ ...emptySelection(), applicationFormId: ['ev-form'], caseIds: ['ev-case-1'] });
    expect(input).toEqual({ applicationFormId: 'ev-form', financialStatementIds: [], qualificationIds: [], caseIds: ['ev-case-1'], expertResumeIds: [], otherIds: [] });
  });

  it('requires the statements unless founded within two years, and the commitment without a local office', () => {
    expect([...requiredMaterials({ hasLocalOffice: true, foundedWithinTwoYears: true })].sort()).toEqual(['applicationFormId', 'businessLicenceId', 'caseIds', 'expertResumeIds']);
    const strict = requiredMaterials({ hasLocalOffice: false, foundedWithinTwoYears: false });
    expect(strict.has('financialStatementIds') && strict.has('localServiceCommitmentId')).toBe(true);
  });

  it('reads which material field an issue names, an item’s issue included', () => {
    expect(materialFieldOf('materials.caseIds.0')).toBe('caseIds');
    expect(materialFieldOf('materials')).toBeUndefined();
    expect(materialFieldOf('caseIds')).toBeUndefined();
    expect(materialErrors({ 'materials.caseIds': ['应为实施案例'], name: ['必填项'] })).toEqual({ caseIds: ['应为实施案例'] });
  });

  it('ticks the 整改报告 not yet sent with the rectification under way', () => {
    const files = [...providerFiles(), evidenceOf('ev-rect-2', 'rectification_report')];
    expect(unreportedReports(files, undefined)).toEqual(['ev-rect', 'ev-rect-2']);
    expect(unreportedReports(files, { reports: [{ summary: '第一次', evidenceIds: ['ev-rect'], at: '2025-04-01T00:00:00Z', by: 'u' }] })).toEqual(['ev-rect-2']);
  });
});

describe('the provider registration form, checked with the shared schema', () => {
  it('accepts a complete profile with its materials and builds the API body', () => {
    const check = checkProviderRegistration(PROFILE, initialSelection(providerFiles()));
    expect(check.ok).toBe(true);
    const body = registrationBody({ ...PROFILE, 'contact.email': '' }, initialSelection(providerFiles()));
    expect(body.industries).toEqual(['汽车制造业', '通用设备制造业']);
    expect(body.contact).toEqual({ name: '陈经理', phone: '022-88886666' });
    expect((body.materials as Record<string, unknown>).localServiceCommitmentId).toBe('ev-local');
  });

  it('refuses missing required materials at their fields', () => {
    const check = checkProviderRegistration({ ...PROFILE, kind: '' }, emptySelection());
    if (check.ok) throw new Error('an empty selection is refused');
    const { byField, unmatched } = mapIssuesToFields(check.issues, REGISTRATION_FIELDS);
    expect(unmatched).toEqual([]);
    expect(Object.keys(byField).sort()).toEqual(['kind', 'materials.applicationFormId', 'materials.businessLicenceId', 'materials.caseIds', 'materials.expertResumeIds'].sort());
  });

  it('asks for the statements and the 本地化服务承诺 as the schema does, once the rest is complete', () => {
    const selection = { ...initialSelection(providerFiles()), financialStatementIds: [], localServiceCommitmentId: [] };
    const check = checkProviderRegistration(PROFILE, selection);
    expect(check.ok ? [] : check.issues.map((issue) => issue.path).sort()).toEqual(['materials.financialStatementIds', 'materials.localServiceCommitmentId']);
    expect(checkProviderRegistration({ ...PROFILE, hasLocalOffice: true, foundedWithinTwoYears: true }, selection).ok).toBe(true);
  });

  it('puts a server issue on one item of a list beside the list', () => {
    const { byField } = mapIssuesToFields([{ path: 'materials.caseIds.0', message: '应为实施案例及证明材料，该证据为营业执照' }], REGISTRATION_FIELDS);
    expect(byField).toEqual({ 'materials.caseIds': ['应为实施案例及证明材料，该证据为营业执照'] });
  });
});

describe('an indicator period’s data sources', () => {
  it('names the holder only once the typed period is one', () => {
    expect(sourcesHolder('wuqing-tech', 'tt-04', ' 2025Q2 ')).toEqual({ type: 'indicator', pilotId: 'wuqing-tech', code: 'tt-04', period: '2025Q2' });
    expect(sourcesHolder('wuqing-tech', 'tt-04', '2025Q')).toBeUndefined();
  });

  it('ticks what the stored figure names, else every file of the period', () => {
    const items = [{ id: 'S1' }, { id: 'S2' }];
    expect(preselectSources(items)).toEqual(['S1', 'S2']);
    expect(preselectSources(items, ['S2', 'S-gone'])).toEqual(['S2']);
    expect(preselectSources(items, ['S-gone'])).toEqual(['S1', 'S2']);
  });

  it('always sends the sources with the figure, since a save replaces both', () => {
    expect(saveInput({ ...emptySaveValues('2025'), value: '3', evidenceIds: ['S1'] })).toEqual({ value: 3, note: '', evidenceIds: ['S1'] });
  });
});

describe('files arriving while a form is open', () => {
  it('hands each new file over once', () => {
    const first = evidenceOf('A', 'other');
    const arrivals = new Arrivals([first]);
    const second = evidenceOf('B', 'other');
    expect(arrivals.take([first, second]).map((item) => item.id)).toEqual(['B']);
    expect(arrivals.take([first, second])).toEqual([]);
  });
});
