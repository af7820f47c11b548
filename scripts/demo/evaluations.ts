import type { EvidenceCategory } from '../../shared/evidence/categories';
import type { Principal } from '../../shared/roles';
import type { SmeFirm } from '../../shared/sme/model';
import { DEMO_PROVIDER_MATERIALS, DEMO_PROVIDERS, DEMO_SME_FIRMS, DEMO_SME_POLICY, DEMO_VALUES, type SmeStop } from './evaluation-data';
import { attachHolderEvidence } from './evidence';

/**
 * Seeds the evaluation demo through the same domain and store functions the handlers use: providers
 * registered, reviewed and (one) warned; indicator values reported, approved and (some) locked; pilot
 * SMEs walked along the 004 path to different stages. Idempotent: whatever exists is kept. Call it
 * only after the local environment is applied (the store modules read table names at import).
 */
const official = (subject: string, roles: Principal['roles'], pilot: string, extra: Partial<Principal> = {}): Principal => ({ subject, name: subject, roles, pilot, ...extra });

export async function seedEvaluationDemo(): Promise<{ providers: number; values: number; smeFirms: number }> {
  const store = {
    ...(await import('../../functions/commons/store/providers')),
    ...(await import('../../functions/commons/store/indicators')),
    ...(await import('../../functions/commons/store/sme')),
    ...(await import('../../functions/commons/store/pilots')),
  };
  const { registerProvider, decideProvider } = await import('../../shared/providers/decide');
  const { decideValue } = await import('../../shared/indicators/decide');
  const none = { status: 200, body: null };

  let providers = 0;
  for (const demo of DEMO_PROVIDERS) {
    if (await store.getProvider(demo.pilotId, demo.id)) continue;
    const bureau = official('gongxinju', ['bureau'], demo.pilotId);
    const self: Principal = { subject: `demo-${demo.id}`, name: demo.id, roles: ['provider'], providerId: demo.id };
    const applied = new Date('2024-10-15T02:00:00Z');
    // 002 §三(一)2(2): the materials are uploaded first, then named by the registration.
    const materials: Record<string, string | string[]> = {};
    for (const [field, attachments] of Object.entries(DEMO_PROVIDER_MATERIALS)) {
      const holder = { type: 'provider', holder: { type: 'provider', pilotId: demo.pilotId, providerId: demo.id } } as const;
      const ids = [];
      for (const attachment of attachments) ids.push(await attachHolderEvidence(holder, self, { ...attachment, label: `${demo.id} ${attachment.label}` }, applied));
      materials[field] = field.endsWith('Ids') ? ids : ids[0]!;
    }
    let current = registerProvider(demo.pilotId, { ...demo.registration, materials }, self, applied);
    await store.saveProviderDecision(undefined, current, none, undefined, new Date());
    const step = async (action: string, input: unknown, who: Principal, at: string) => {
      const before = current.provider;
      current = decideProvider(before, action, input, who, new Date(at));
      await store.saveProviderDecision(before, current, none, undefined, new Date(at));
    };
    await step('admit', { comments: '材料齐全，符合入库标准' }, bureau, '2024-11-20T02:00:00Z');
    for (const [n, product] of demo.products.entries()) await step('publish_product', product, self, `2024-12-0${n + 1}T02:00:00Z`);
    if (demo.ends === 'warned') await step('issue_warning', { reason: '服务项目验收资料多次不全' }, bureau, '2025-09-10T02:00:00Z');
    providers += 1;
  }

  let values = 0;
  for (const demo of DEMO_VALUES) {
    const pilot = await store.getPilot(demo.pilotId);
    const indicator = pilot?.indicators.find((candidate) => candidate.code === demo.code);
    if (!pilot || !indicator || (await store.getReportedValue(demo.pilotId, demo.code, demo.period))) continue;
    const reporter = indicator.responsibleUnit ? official(`demo-${indicator.responsibleUnit}`, ['data_unit'], pilot.id, { dataUnit: indicator.responsibleUnit }) : official('yunying', ['operator'], pilot.id);
    const bureau = official('gongxinju', ['bureau'], pilot.id);
    const at = new Date(`${Number(demo.period.slice(0, 4)) + 1}-01-20T02:00:00Z`);
    let before: Awaited<ReturnType<typeof store.getReportedValue>>;
    const holder = { type: 'indicator', holder: { type: 'indicator', pilotId: pilot.id, code: indicator.code, period: demo.period }, indicator } as const;
    const source = await attachHolderEvidence(holder, reporter, { category: 'statistical_source', label: `${demo.period} ${demo.source}` }, at);
    const input = { ...demo.input, evidenceIds: [source] };
    const steps: Array<[string, unknown, Principal]> = [['save', input, reporter], ['submit', {}, reporter], ['approve', { comments: '审核通过' }, bureau]];
    if (demo.lock) steps.push(['lock', {}, bureau]);
    for (const [action, input, who] of steps) {
      const decision = decideValue(before, pilot, indicator, demo.period, action, input, who, at);
      await store.saveValueDecision(before, decision, none, undefined, at);
      before = decision.value;
    }
    values += 1;
  }

  await store.putSmePolicy(DEMO_SME_POLICY.pilotId, DEMO_SME_POLICY.policy, 'gongxinju', '2025-01-01T02:00:00.000Z');
  let smeFirms = 0;
  for (const demo of DEMO_SME_FIRMS) {
    if (await store.getFirm(demo.id)) continue;
    await walkFirm(demo, store);
    smeFirms += 1;
  }
  return { providers, values, smeFirms };
}

const ORDER: SmeStop[] = ['enrolled', 'diagnosed', 'transforming', 'accepted', 'subsidised'];

/** Which files each SME step names (shared/evidence/references.ts smeEvidenceReferences): field, category, label. */
const SME_STEP_FILES: Record<string, Array<[string, EvidenceCategory, string]>> = {
  record_diagnosis: [['reportEvidenceId', 'diagnosis_report', '诊断报告']],
  complete_transformation: [['evidenceIds', 'site_photo', '改造完成现场']],
  assess_maturity: [
    ['reportEvidenceId', 'maturity_report', '数字化水平评测报告'],
    ['evidenceIds', 'site_photo', '评测现场核查'],
  ],
};

async function walkFirm(
  demo: (typeof DEMO_SME_FIRMS)[number],
  store: Pick<typeof import('../../functions/commons/store/sme'), 'saveSmeDecision' | 'verifySmeReferences' | 'getSmePolicy'>,
): Promise<void> {
  const { createEnrolment, decideSme } = await import('../../shared/sme/decide');
  const pilot = 'wuqing-sme';
  const owner: Principal = { subject: `demo-${demo.uscc}`, name: demo.name, roles: ['enterprise'], uscc: demo.uscc };
  const comprehensive: Principal = { subject: 'demo-comp-wq-food', name: '综合型服务商', roles: ['provider'], providerId: 'comp-wq-food' };
  const start = demo.batch === 1 ? 2025 : 2026;
  const month = (m: number, day = 10) => new Date(`${start}-${String(m).padStart(2, '0')}-${day}T02:00:00Z`);
  let decision = createEnrolment(
    { pilotId: pilot, uscc: demo.uscc, enterpriseName: demo.name, town: demo.town, batch: demo.batch, comprehensiveProviderId: 'comp-wq-food' },
    official('gongxinju', ['bureau'], pilot),
    demo.batch === 1 ? new Date('2024-12-20T02:00:00Z') : new Date('2025-11-05T02:00:00Z'),
    demo.id,
    { participation: { uscc: demo.uscc, pilotId: pilot, town: demo.town }, name: demo.name },
  );
  await store.verifySmeReferences(decision);
  await store.saveSmeDecision(undefined, decision, { status: 201, body: null }, undefined, new Date());
  const stops = ORDER.indexOf(demo.stop);
  const steps: Array<[number, string, unknown, Principal, Date]> = [
    [1, 'record_diagnosis', { summary: '排产、质检依赖人工，设备未联网' }, comprehensive, month(1)],
    [2, 'adopt_plan', { kind: 'product', providerId: 'ind-wq-cloud', summary: '选用排产报工轻应用', productIds: ['ind-wq-cloud-P1'] }, owner, month(1, 20)],
    [2, 'start_transformation', {}, owner, month(2)],
    [3, 'complete_transformation', { summary: '排产报工上线运行' }, owner, month(5)],
    [3, 'assess_maturity', { level: demo.level, summary: `评测为 ${demo.level} 级` }, official('pingce', ['assessor'], pilot), month(5, 20)],
    [3, 'accept', { comments: '同意验收' }, official('gongxinju', ['bureau'], pilot), month(6)],
    [4, 'grant_subsidy', { reference: '武财〔2025〕12号' }, official('caizhengju', ['finance'], pilot), month(6, 25)],
  ];
  let firm: SmeFirm = decision.firm;
  for (const [needed, action, input, who, at] of steps) {
    if (stops < needed) break;
    const policy = action === 'grant_subsidy' ? await store.getSmePolicy(pilot) : undefined;
    const before = firm;
    // The files a step names are uploaded to the firm's record first, by whoever takes the step.
    const holder = { type: 'sme', holder: { type: 'sme', firmId: firm.id }, firm } as const;
    const files: Record<string, unknown> = {};
    for (const [field, category, label] of SME_STEP_FILES[action] ?? []) {
      const id = await attachHolderEvidence(holder, who, { category, label: `${demo.name}${label}` }, at);
      files[field] = field === 'evidenceIds' ? [id] : id;
    }
    decision = decideSme(before, action, { ...(input as object), ...files }, who, at, policy);
    await store.verifySmeReferences(decision);
    await store.saveSmeDecision(before, decision, { status: 200, body: null }, undefined, at);
    firm = decision.firm;
  }
}
