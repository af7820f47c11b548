import { describe, expect, it } from 'vitest';
import { canSeeProvider, decideProvider, registerProvider } from '../../../shared/providers/decide';
import { checkComprehensiveProvider, checkPlanProvider } from '../../../shared/providers/links';
import { catalogue, poolCounts, providerViewFor, publicProvider, rectificationOverdue, servedFirms } from '../../../shared/providers/views';
import { expectDomainError } from '../projects/fixtures';
import { smeFixtures } from '../sme/fixtures';
import { act, actor, at, MATERIALS, PILOT, PRODUCT, PROVIDER_ID, providerFixtures, REGISTRATION } from './fixtures';

/** The provider pool (002 §三(一)2, §三(五)8; 004 §三, §四(一)3–4): registration to elimination. */
const fixtures = providerFixtures();

describe('registering into the pool', () => {
  it('takes the provider id from the token and starts in review', () => {
    const { provider, event } = registerProvider(PILOT, REGISTRATION, actor('provider'), at('2024-10-10T02:00:00Z'));
    expect(provider).toMatchObject({ id: PROVIDER_ID, pilotId: PILOT, status: 'applied', version: 1, products: [], warnings: [] });
    expect(event).toMatchObject({ action: 'register', fromStatus: null, toStatus: 'applied', summary: '天津智造云服务有限公司 申报行业型服务商' });
  });

  it('requires the 本地化服务承诺 when the provider has no local office', () => {
    const { localServiceCommitmentId: _omitted, ...materials } = MATERIALS;
    const error = expectDomainError(() => registerProvider(PILOT, { ...REGISTRATION, materials }, actor('provider'), at('2024-10-10T02:00:00Z')), 'VALIDATION_FAILED');
    expect(error.issues).toEqual([{ path: 'materials.localServiceCommitmentId', message: '本地无办公场地的，须提供《本地化服务承诺》' }]);
    expect(registerProvider(PILOT, { ...REGISTRATION, hasLocalOffice: true, materials }, actor('provider'), at('2024-10-10T02:00:00Z')).provider.status).toBe('applied');
  });

  it('requires financial statements unless the provider was founded within two years', () => {
    const materials = { ...MATERIALS, financialStatementIds: [] };
    const error = expectDomainError(() => registerProvider(PILOT, { ...REGISTRATION, materials }, actor('provider'), at('2024-10-10T02:00:00Z')), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['materials.financialStatementIds']);
    expect(registerProvider(PILOT, { ...REGISTRATION, foundedWithinTwoYears: true, materials }, actor('provider'), at('2024-10-10T02:00:00Z')).provider.materials.financialStatementIds).toEqual([]);
  });

  it('requires at least one case and one expert resume', () => {
    const error = expectDomainError(() => registerProvider(PILOT, { ...REGISTRATION, materials: { ...MATERIALS, caseIds: [], expertResumeIds: [] } }, actor('provider'), at('2024-10-10T02:00:00Z')), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['materials.caseIds', 'materials.expertResumeIds']);
  });

  it('refuses anyone but a provider with a provider id', () => {
    expectDomainError(() => registerProvider(PILOT, REGISTRATION, actor('bureau'), at('2024-10-10T02:00:00Z')), 'FORBIDDEN');
    expectDomainError(() => registerProvider(PILOT, REGISTRATION, { ...actor('provider'), providerId: undefined }, at('2024-10-10T02:00:00Z')), 'FORBIDDEN');
  });

  it('checks resubmitted materials by the same rules', () => {
    const { provider, now } = fixtures.returned;
    const { localServiceCommitmentId: _omitted, ...incomplete } = MATERIALS;
    expectDomainError(() => decideProvider(provider, 'resubmit', { materials: incomplete }, actor('provider'), now), 'VALIDATION_FAILED');
    expect(act(provider, 'resubmit', { materials: MATERIALS }, actor('provider'), now).status).toBe('applied');
  });
});

describe('warning, rectification and elimination', () => {
  it('orders rectification only with a deadline after today', () => {
    const { provider } = fixtures.warned;
    const error = expectDomainError(() => decideProvider(provider, 'order_rectification', { requirements: '整改', deadline: '2025-03-05' }, actor('bureau'), at('2025-03-05T02:00:00Z')), 'PRECONDITION_FAILED');
    expect(error.details).toEqual({ reason: 'deadline_not_in_future', deadline: '2025-03-05' });
  });

  it('accepts a rectification only after the provider reports on it, and then clears the warning', () => {
    const { provider, now } = fixtures.rectifying;
    expect(expectDomainError(() => decideProvider(provider, 'accept_rectification', {}, actor('bureau'), now), 'PRECONDITION_FAILED').details).toEqual({ reason: 'no_rectification_report' });
    const reported = act(provider, 'report_rectification', { summary: '已整改', evidenceIds: ['ev-r'] }, actor('provider'), now);
    const restored = act(reported, 'accept_rectification', {}, actor('bureau'), now);
    expect(restored.status).toBe('admitted');
    expect(restored.warnings[0]?.clearedAt).toBe(now.toISOString());
    expect(restored.rectifications[0]?.outcome).toMatchObject({ accepted: true });
  });

  it('shows a rectification as overdue after its deadline, until it is decided', () => {
    const { provider } = fixtures.rectifying;
    expect(rectificationOverdue(provider, at('2025-04-30T15:00:00Z'))).toBe(false);
    expect(rectificationOverdue(provider, at('2025-04-30T16:00:00Z'))).toBe(true);
  });

  it('closes an open rectification as failed on elimination', () => {
    const { provider, now } = fixtures.rectifying;
    const eliminated = act(provider, 'eliminate', { reason: '逾期未整改' }, actor('bureau'), now);
    expect(eliminated.rectifications[0]?.outcome).toMatchObject({ accepted: false, comments: '逾期未整改' });
    expect(eliminated.elimination).toMatchObject({ reason: '逾期未整改' });
  });

  it('numbers warnings per provider', () => {
    const { provider, now } = fixtures.admitted;
    const again = act(act(act(provider, 'issue_warning', { reason: '一' }, actor('bureau'), now), 'clear_warning', { comments: '已说明' }, actor('bureau'), now), 'issue_warning', { reason: '二' }, actor('bureau'), now);
    expect(again.warnings.map((warning) => [warning.id, warning.clearedAt !== undefined])).toEqual([['W1', true], ['W2', false]]);
  });
});

describe('products, engagements and who sees what', () => {
  it('lists products of providers in the pool only, filtered by tag', () => {
    const pool = [fixtures.admitted.provider, fixtures.warned.provider, fixtures.eliminated.provider, fixtures.applied.provider];
    expect(catalogue(pool).map((product) => product.id)).toEqual(['prov-1-P1', 'prov-1-P1']);
    expect(catalogue(pool, { scenario: '质量检测' })).toEqual([]);
    expect(catalogue([fixtures.admitted.provider], { industry: '汽车制造业' })[0]).toMatchObject({ name: PRODUCT.name, providerName: REGISTRATION.name });
    expect(poolCounts(pool)).toEqual({ inPool: 2, comprehensive: 0, industry: 2, products: 2 });
  });

  it('withdraws a product from the catalogue and refuses an unknown one', () => {
    const { provider, now } = fixtures.admitted;
    expect(catalogue([act(provider, 'withdraw_product', { productId: 'prov-1-P1' }, actor('provider'), now)])).toEqual([]);
    expectDomainError(() => decideProvider(provider, 'withdraw_product', { productId: 'prov-1-P9' }, actor('provider'), now), 'VALIDATION_FAILED');
  });

  it('never shows materials, financial statements or contacts publicly', () => {
    const view = publicProvider(fixtures.admitted.provider);
    const text = JSON.stringify(view);
    for (const secret of ['ev-fs-2023', 'ev-licence', '022-88886666', '陈经理', REGISTRATION.uscc]) expect(text).not.toContain(secret);
    expect(publicProvider(fixtures.applied.provider)).toBeUndefined();
    expect(providerViewFor(actor('enterprise'), fixtures.admitted.provider, fixtures.admitted.now)).toEqual(view);
    expect(providerViewFor(actor('bureau'), fixtures.admitted.provider, fixtures.admitted.now)).toMatchObject({ contact: REGISTRATION.contact, availableActions: expect.arrayContaining(['issue_warning']) });
  });

  it('keeps one provider out of another provider’s record', () => {
    const other = { ...actor('provider'), providerId: 'prov-2' };
    expect(canSeeProvider(other, fixtures.admitted.provider)).toBe(false);
    expectDomainError(() => decideProvider(fixtures.admitted.provider, 'publish_product', PRODUCT, other, fixtures.admitted.now), 'NOT_FOUND');
  });

  it('links a provider to a project of its own pilot once', () => {
    const { provider, now } = fixtures.admitted;
    expectDomainError(() => decideProvider(provider, 'record_engagement', { projectId: 'P-1' }, actor('operator'), now, {}), 'VALIDATION_FAILED');
    expectDomainError(() => decideProvider(provider, 'record_engagement', { projectId: 'P-1' }, actor('operator'), now, { project: { id: 'P-1', pilotId: 'elsewhere' } }), 'VALIDATION_FAILED');
    const linked = act(provider, 'record_engagement', { projectId: 'P-1' }, actor('operator'), now);
    expect(linked.engagements).toEqual([{ projectId: 'P-1', note: '', at: now.toISOString(), by: 'operator-1' }]);
    expect(expectDomainError(() => act(linked, 'record_engagement', { projectId: 'P-1' }, actor('operator'), now), 'PRECONDITION_FAILED').details).toEqual({ reason: 'already_engaged' });
  });

  it('finds the SME firms a provider serves, by diagnosis and by plan', () => {
    const firms = Object.values(smeFixtures()).map((fixture) => fixture.firm);
    expect(new Set(servedFirms('comp-1', firms).map((link) => link.role))).toEqual(new Set(['diagnosis']));
    expect(servedFirms('ind-7', firms).every((link) => link.role === 'plan')).toBe(true);
    expect(servedFirms('nobody', firms)).toEqual([]);
  });

  it('admits only a comprehensive provider of the pool as a firm’s diagnostician, and only listed products in a plan', () => {
    const industry = fixtures.admitted.provider;
    const comprehensive = { ...industry, kind: 'comprehensive' as const };
    expect(() => checkComprehensiveProvider(comprehensive)).not.toThrow();
    expect(expectDomainError(() => checkComprehensiveProvider(industry), 'VALIDATION_FAILED').issues[0]?.message).toBe('诊断须由综合型服务商承担');
    expectDomainError(() => checkComprehensiveProvider(fixtures.eliminated.provider), 'VALIDATION_FAILED');
    expectDomainError(() => checkComprehensiveProvider(undefined), 'VALIDATION_FAILED');
    const plan = { kind: 'product' as const, providerId: industry.id, summary: '上云', productIds: ['prov-1-P1'] };
    expect(() => checkPlanProvider(plan, industry)).not.toThrow();
    expect(expectDomainError(() => checkPlanProvider({ ...plan, productIds: ['prov-1-P1', 'x'] }, industry), 'VALIDATION_FAILED').issues[0]?.path).toBe('productIds.1');
    expectDomainError(() => checkPlanProvider(plan, fixtures.rejected.provider), 'VALIDATION_FAILED');
  });
});
