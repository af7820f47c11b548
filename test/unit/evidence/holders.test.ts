import { describe, expect, it } from 'vitest';
import { categoriesFor, EVIDENCE_CATEGORIES, EvidenceCategory } from '../../../shared/evidence/categories';
import { HOLDER_KEY_ROOTS, HOLDER_TYPES, holderApiPath, holderPrefix, providerHolder, storageKey, type EvidenceHolder } from '../../../shared/evidence/holder';
import { assertTakesUploads, canReadHolder, holderOfKey, loadedProject, type LoadedHolder } from '../../../shared/evidence/holders';
import { EvidencePath, HolderPath, UploadPath } from '../../../shared/evidence/model';
import { planUpload } from '../../../shared/evidence/rules';
import type { ReportedValue } from '../../../shared/indicators/model';
import type { Indicator } from '../../../shared/pilots/model';
import { ROLES, type Principal, type Role } from '../../../shared/roles';
import { ROUTES } from '../../../shared/routes';
import { parseInput } from '../../../shared/validation';
import { ENERGY, FIRMS, LABOUR, actor as indicatorActor } from '../indicators/fixtures';
import { expectDomainError, actor as projectActor, PILOT, stateFixtures } from '../projects/fixtures';
import { providerFixtures, PROVIDER_ID, actor as providerActor } from '../providers/fixtures';
import { smeActor, smeFixtures } from '../sme/fixtures';
import { smeEvidenceReferences } from '../../../shared/evidence/references';
import { pdf, sha256Hex } from './files';

/**
 * Evidence held by something other than a project (shared/evidence/holders.ts): a provider's
 * registration and rectification materials, a reported indicator period's data sources.
 */
const NOW = new Date('2026-01-20T02:00:00Z');
const FILE = pdf('材料');
const declaration = (category: EvidenceCategory, extra: Record<string, unknown> = {}) => ({ category, fileName: `${category}.pdf`, contentType: 'application/pdf', size: FILE.length, sha256: sha256Hex(FILE), ...extra });

const providers = providerFixtures();
const providerPlace: EvidenceHolder & { type: 'provider' } = { type: 'provider', pilotId: PILOT, providerId: PROVIDER_ID };
const unregistered: LoadedHolder = { type: 'provider', holder: providerPlace };
const registered = (status: keyof typeof providers): LoadedHolder => ({ type: 'provider', holder: providerHolder(providers[status].provider), provider: providers[status].provider });

const period = (indicator: Indicator, value?: Partial<ReportedValue>): LoadedHolder => ({
  type: 'indicator',
  holder: { type: 'indicator', pilotId: PILOT, code: indicator.code, period: '2025' },
  indicator,
  ...(value ? { value: value as ReportedValue } : {}),
});


describe('a holder’s place', () => {
  const holders: EvidenceHolder[] = [
    { type: 'project', projectId: 'P-1' },
    providerPlace,
    { type: 'indicator', pilotId: PILOT, code: 'tt-04', period: '2025Q4' },
    { type: 'sme', firmId: 'sme-1' },
  ];

  it('is the same segments in the storage key and the API path, and a key names its holder back', () => {
    expect(holders.map(holderPrefix)).toEqual(['projects/P-1', `providers/${PILOT}/${PROVIDER_ID}`, `indicators/${PILOT}/tt-04/2025Q4`, 'sme-firms/sme-1']);
    expect(holders.map(holderApiPath)).toEqual(['/projects/P-1', `/pilots/${PILOT}/providers/${PROVIDER_ID}`, `/pilots/${PILOT}/indicators/tt-04/periods/2025Q4`, '/sme-firms/sme-1']);
    for (const holder of holders) expect(holderOfKey(storageKey(holder, 'u-1'))).toEqual({ holder, uploadId: 'u-1' });
  });

  it('starts with its type’s root, the only prefixes evidence is written (and may be deleted) under', () => {
    for (const holder of holders) expect(holderPrefix(holder).split('/')[0]).toBe(HOLDER_KEY_ROOTS[holder.type]);
  });

  it('is read from each route family’s path parameters, with the route’s own ids', () => {
    expect(parseInput(HolderPath, { projectId: 'P-1' })).toEqual({ holder: holders[0] });
    expect(parseInput(UploadPath, { pilotId: PILOT, providerId: PROVIDER_ID, uploadId: 'u-1' })).toEqual({ holder: providerPlace, uploadId: 'u-1' });
    expect(parseInput(EvidencePath, { pilotId: PILOT, code: 'tt-04', period: '2025Q4', evidenceId: 'e-1' })).toEqual({ holder: holders[2], evidenceId: 'e-1' });
    expect(parseInput(UploadPath, { firmId: 'sme-1', uploadId: 'u-2' })).toEqual({ holder: holders[3], uploadId: 'u-2' });
    expectDomainError(() => parseInput(HolderPath, { pilotId: PILOT, code: 'tt-04', period: '2025-13' }), 'VALIDATION_FAILED');
  });

  it('has evidence routes for every holder, each served by the same four handlers', () => {
    const families = ROUTES.filter((route) => route.handler.startsWith('evidence/') && route.handler !== 'evidence/remove');
    for (const expected of ['/projects/{projectId}', '/pilots/{pilotId}/providers/{providerId}', '/pilots/{pilotId}/indicators/{code}/periods/{period}', '/sme-firms/{firmId}']) {
      expect(families.filter((route) => route.path.startsWith(`${expected}/evidence`)).map((route) => route.handler).sort()).toEqual(['evidence/complete', 'evidence/download', 'evidence/list', 'evidence/upload']);
    }
  });
});

describe('the categories each holder takes', () => {
  it('give every category at least one holder and every holder its own materials', () => {
    for (const category of EvidenceCategory.options) expect(EVIDENCE_CATEGORIES[category].holders.length, category).toBeGreaterThan(0);
    expect(categoriesFor('provider')).toEqual(['business_licence', 'provider_application', 'financial_statement', 'qualification', 'case_study', 'expert_resume', 'service_commitment', 'rectification_report', 'other']);
    expect(categoriesFor('indicator')).toEqual(['statistical_source', 'other']);
    expect(categoriesFor('sme')).toEqual(['site_photo', 'plan', 'diagnosis_report', 'maturity_report', 'other']);
    expect(categoriesFor('project')).not.toContain('statistical_source');
    for (const holder of HOLDER_TYPES) expect(categoriesFor(holder)).toContain('other');
  });

  it('take statistical returns and financial statements as workbooks', () => {
    expect(EVIDENCE_CATEGORIES.statistical_source.kinds).toContain('xlsx');
    expect(EVIDENCE_CATEGORIES.financial_statement.kinds).toContain('xlsx');
    expect(EVIDENCE_CATEGORIES.invoice.kinds).not.toContain('xlsx');
  });
});

describe('a provider’s materials', () => {
  it('are uploaded by the provider itself before it registers, and named by nobody’s dossier', () => {
    const upload = planUpload(unregistered, providerActor('provider'), declaration('case_study'), NOW, 'u-1');
    expect(upload).toMatchObject({ holder: providerPlace, key: `providers/${PILOT}/${PROVIDER_ID}/u-1`, uploader: { role: 'provider' } });
    expect(upload.uscc).toBeUndefined();
  });

  it('are refused to another provider, to officials, and in a category that is a project’s', () => {
    expectDomainError(() => planUpload(unregistered, { ...providerActor('provider'), providerId: 'prov-2' }, declaration('case_study'), NOW, 'u-1'), 'FORBIDDEN');
    expectDomainError(() => planUpload(registered('applied'), providerActor('bureau'), declaration('other'), NOW, 'u-1'), 'FORBIDDEN');
    const wrong = expectDomainError(() => planUpload(unregistered, providerActor('provider'), declaration('contract'), NOW, 'u-1'), 'VALIDATION_FAILED');
    expect(wrong.issues).toEqual([{ path: 'category', message: '合同不属于此处的材料' }]);
  });

  it('are taken in every state but the two that end the provider’s pool membership', () => {
    for (const status of Object.keys(providers) as Array<keyof typeof providers>) {
      const run = () => planUpload(registered(status), providerActor('provider'), declaration('rectification_report'), NOW, 'u-1');
      if (status === 'rejected' || status === 'eliminated') expectDomainError(run, 'ILLEGAL_TRANSITION');
      else expect(run().category).toBe('rectification_report');
    }
  });

  it('are read by the provider always, and by the pilot’s bureau and operator and any supervisor once it registered', () => {
    const readers = (loaded: LoadedHolder) => ROLES.filter((role) => canReadHolder(providerActor(role), loaded));
    expect(readers(unregistered)).toEqual(['provider']);
    expect(readers(registered('applied'))).toEqual(['bureau', 'operator', 'provider', 'supervisor']);
    expect(canReadHolder({ ...providerActor('bureau'), pilot: 'elsewhere' }, registered('applied'))).toBe(false);
    expect(canReadHolder({ ...providerActor('provider'), providerId: 'prov-2' }, registered('applied'))).toBe(false);
  });
});

describe('an indicator period’s data sources', () => {
  const stats = indicatorActor('data_unit');

  it('are uploaded by the unit responsible for the indicator, or the operator', () => {
    expect(planUpload(period(LABOUR), stats, declaration('statistical_source'), NOW, 'u-1')).toMatchObject({ key: `indicators/${PILOT}/tt-04/2025/u-1`, uploader: { role: 'data_unit' } });
    expect(planUpload(period(LABOUR), indicatorActor('operator'), declaration('other'), NOW, 'u-1').uploader.role).toBe('operator');
    expectDomainError(() => planUpload(period(ENERGY), stats, declaration('statistical_source'), NOW, 'u-1'), 'FORBIDDEN');
    expectDomainError(() => planUpload(period(LABOUR), indicatorActor('bureau'), declaration('other'), NOW, 'u-1'), 'FORBIDDEN');
    expectDomainError(() => planUpload(period(LABOUR), { ...stats, pilot: 'elsewhere' }, declaration('statistical_source'), NOW, 'u-1'), 'FORBIDDEN');
  });

  it('are not taken for a derived indicator nor a locked period', () => {
    expectDomainError(() => assertTakesUploads(period(FIRMS)), 'PRECONDITION_FAILED');
    expectDomainError(() => planUpload(period(LABOUR, { status: 'locked' }), stats, declaration('statistical_source'), NOW, 'u-1'), 'ILLEGAL_TRANSITION');
    for (const status of ['draft', 'submitted', 'approved', 'returned'] as const) expect(() => assertTakesUploads(period(LABOUR, { status }))).not.toThrow();
  });

  it('are read by the pilot’s officials and data units and by supervisors, not by enterprises or providers', () => {
    const readers = ROLES.filter((role: Role) => canReadHolder({ ...indicatorActor(role), ...(role === 'supervisor' ? {} : { pilot: PILOT }) } as Principal, period(LABOUR)));
    expect(readers).toEqual(['town', 'bureau', 'finance', 'operator', 'data_unit', 'supervisor']);
    expect(canReadHolder({ ...indicatorActor('bureau'), pilot: 'elsewhere' }, period(LABOUR))).toBe(false);
  });
});

describe('a pilot SME’s files', () => {
  const sme = smeFixtures();
  const firmOf = (status: keyof typeof sme): LoadedHolder => ({ type: 'sme', holder: { type: 'sme', firmId: sme[status].firm.id }, firm: sme[status].firm });

  it('come from the party each step belongs to, and go into the enterprise’s dossier', () => {
    const diagnosis = planUpload(firmOf('enrolled'), smeActor('provider'), declaration('diagnosis_report'), NOW, 'u-1');
    expect(diagnosis).toMatchObject({ key: 'sme-firms/sme-1/u-1', uscc: sme.enrolled.firm.uscc, uploader: { role: 'provider' } });
    expect(planUpload(firmOf('transformed'), smeActor('assessor'), declaration('maturity_report'), NOW, 'u-2').uploader.role).toBe('assessor');
    expectDomainError(() => planUpload(firmOf('transformed'), smeActor('enterprise'), declaration('maturity_report'), NOW, 'u-3'), 'FORBIDDEN');
    expectDomainError(() => planUpload(firmOf('enrolled'), { ...smeActor('provider'), providerId: 'ind-9' }, declaration('diagnosis_report'), NOW, 'u-4'), 'FORBIDDEN');
    expectDomainError(() => planUpload(firmOf('enrolled'), smeActor('provider'), declaration('case_study'), NOW, 'u-5'), 'VALIDATION_FAILED');
  });

  it('are closed once the firm is subsidised or withdrawn, and read by whoever may see the firm', () => {
    for (const status of ['subsidised', 'withdrawn'] as const) expectDomainError(() => assertTakesUploads(firmOf(status)), 'ILLEGAL_TRANSITION');
    expect(ROLES.filter((role) => canReadHolder(smeActor(role), firmOf('enrolled')))).toEqual(['enterprise', 'town', 'bureau', 'finance', 'operator', 'provider', 'assessor', 'supervisor']);
  });

  it('are named per step with the step’s own kind: one field name, two reports', () => {
    const diagnosis = smeEvidenceReferences('record_diagnosis', { reportEvidenceId: 'd', summary: 's' });
    const assessment = smeEvidenceReferences('assess_maturity', { level: 2, reportEvidenceId: 'm', evidenceIds: ['p1', 'p2'] });
    expect(diagnosis).toEqual([{ id: 'd', path: 'reportEvidenceId', categories: ['diagnosis_report'] }]);
    expect(assessment).toEqual([
      { id: 'm', path: 'reportEvidenceId', categories: ['maturity_report'] },
      { id: 'p1', path: 'evidenceIds.0', categories: null },
      { id: 'p2', path: 'evidenceIds.1', categories: null },
    ]);
    expect(smeEvidenceReferences('adopt_plan', { kind: 'custom', planEvidenceId: 'pl' })).toEqual([{ id: 'pl', path: 'planEvidenceId', categories: ['plan'] }]);
    expect(smeEvidenceReferences('accept', { comments: 'reportEvidenceId' })).toEqual([]);
    expect(smeEvidenceReferences('toString', {})).toEqual([]);
  });
});

describe('a project as a holder', () => {
  it('keeps its enterprise for the dossier and its own rules', () => {
    const draft = stateFixtures().draft.project;
    const upload = planUpload(loadedProject(draft), projectActor('enterprise'), declaration('plan'), NOW, 'u-1');
    expect(upload).toMatchObject({ holder: { type: 'project', projectId: draft.id }, uscc: draft.uscc, key: `projects/${draft.id}/u-1` });
    expectDomainError(() => planUpload(loadedProject(draft), projectActor('enterprise'), declaration('statistical_source'), NOW, 'u-1'), 'VALIDATION_FAILED');
  });
});

describe('money vouchers after a project closes (issue 13)', () => {
  const fixtures = stateFixtures();

  it('takes the finance bureau’s vouchers and the bureau’s 收回/扣减 decision on an accepted or terminated project', () => {
    for (const status of ['accepted', 'terminated'] as const) {
      const loaded = loadedProject(fixtures[status].project);
      expect(planUpload(loaded, projectActor('finance'), declaration('fund_voucher'), NOW, 'u-1')).toMatchObject({ category: 'fund_voucher' });
      expect(planUpload(loaded, projectActor('bureau'), declaration('fund_decision'), NOW, 'u-2')).toMatchObject({ category: 'fund_decision' });
      expectDomainError(() => planUpload(loaded, projectActor('enterprise'), declaration('invoice', { invoiceNumber: '25120000000000000001' }), NOW, 'u-3'), 'ILLEGAL_TRANSITION');
    }
  });

  it('takes no voucher on a project that never got money (withdrawn, not selected), and none from the enterprise', () => {
    for (const status of ['withdrawn', 'not_selected'] as const) {
      expectDomainError(() => planUpload(loadedProject(fixtures[status].project), projectActor('finance'), declaration('fund_voucher'), NOW, 'u-1'), 'ILLEGAL_TRANSITION');
    }
    expectDomainError(() => planUpload(loadedProject(fixtures.in_progress.project), projectActor('enterprise'), declaration('fund_voucher'), NOW, 'u-1'), 'FORBIDDEN');
  });
});
