import type { EvidenceCategory } from '../../shared/evidence/categories';
import type { IndicatorDerivation, Pilot } from '../../shared/pilots/model';
import { withUsccCheck } from '../../shared/uscc';

/**
 * Demo data for the evaluations (issue 6): which rule computes each derived demo indicator, approved
 * indicator values, providers of the two 武清 pools with their products, and pilot SMEs at different
 * stages. Figures are illustrative, not statistics. Seeded by evaluations.ts through the domain.
 */

/** The derived indicators of scripts/demo/pilots.ts and the rule behind each (shared/indicators/derived.ts). */
export const DEMO_DERIVATIONS: Record<string, IndicatorDerivation> = {
  'tt-03': 'above_scale_firms_transformed',
  'tt-08': 'providers_in_pool',
  'tt-09': 'local_funds',
  'sme-01': 'sme_transformed',
  'sme-02': 'sme_level_2',
  'sme-03': 'sme_level_3',
  'sme-04': 'sme_level_4',
  'sme-07': 'providers_comprehensive',
  'sme-08': 'providers_industry',
  'sme-09': 'catalogue_products',
};

export function withDerivations(pilot: Pilot): Pilot {
  return {
    ...pilot,
    indicators: pilot.indicators.map((indicator) => {
      const derivation = DEMO_DERIVATIONS[indicator.code];
      return indicator.source === 'derived' && derivation ? { ...indicator, derivation } : indicator;
    }),
  };
}

/**
 * Approved values: reported by the unit responsible (or the operator), approved by the bureau. Each
 * names its data source (`source`), uploaded for its indicator and period and then named by the value.
 */
export const DEMO_VALUES: Array<{ pilotId: string; code: string; period: string; input: Record<string, unknown>; source: string; lock?: boolean }> = [
  { pilotId: 'wuqing-tech', code: 'tt-01', period: '2025', input: { value: 12.6, note: '全区技改投资统计' }, source: '全区技改投资统计', lock: true },
  { pilotId: 'wuqing-tech', code: 'tt-02', period: '2025', input: { value: 14.2, note: '同比增速' }, source: '同比增速' },
  { pilotId: 'wuqing-tech', code: 'tt-04', period: '2024', input: { value: 152000, note: '统计年报' }, source: '统计年报', lock: true },
  { pilotId: 'wuqing-tech', code: 'tt-04', period: '2025', input: { value: 161500, note: '统计快报' }, source: '统计快报' },
  {
    pilotId: 'wuqing-tech',
    code: 'tt-06',
    period: '2025',
    // Σ数控化关键工序 ÷ Σ关键工序 over the firms surveyed, never the mean of their rates.
    input: {
      parts: [
        { label: '天津市武清精密机械有限公司', numerator: 172, denominator: 220 },
        { label: '天津京津智能装备股份有限公司', numerator: 118, denominator: 160 },
        { label: '天津运河新材料科技有限公司', numerator: 21, denominator: 40 },
      ],
      note: '重点企业抽样调查',
    },
    source: '重点企业关键工序数控化抽样调查表',
  },
  { pilotId: 'wuqing-tech', code: 'tt-07', period: '2024', input: { value: 0.74, note: '能耗统计' }, source: '能耗统计', lock: true },
  { pilotId: 'wuqing-tech', code: 'tt-07', period: '2025', input: { value: 0.71, note: '能耗统计' }, source: '能耗统计' },
  { pilotId: 'wuqing-sme', code: 'sme-06', period: '2025Q4', input: { value: 168, note: '上云企业台账' }, source: '上云企业台账' },
  { pilotId: 'wuqing-sme', code: 'sme-11', period: '2025', input: { value: 460, note: '培训签到表' }, source: '培训签到表' },
];

const code = (organisation: string) => withUsccCheck(`91120114${organisation}`);
/**
 * 002 §三(一)2(2) 申报注册材料, as files to upload: each field of ProviderMaterials with the
 * attachments it names (the seed uploads them as the provider, then registers with their ids).
 */
export const DEMO_PROVIDER_MATERIALS: Record<string, Array<{ category: EvidenceCategory; label: string }>> = {
  applicationFormId: [{ category: 'provider_application', label: '服务商申报书' }],
  businessLicenceId: [{ category: 'business_licence', label: '营业执照' }],
  financialStatementIds: [
    { category: 'financial_statement', label: '2023年度财务报表' },
    { category: 'financial_statement', label: '2024年度财务报表' },
  ],
  qualificationIds: [{ category: 'qualification', label: '高新技术企业证书' }],
  caseIds: [{ category: 'case_study', label: '实施案例及用户证明' }],
  expertResumeIds: [{ category: 'expert_resume', label: '服务专家简历' }],
};

export interface DemoProvider {
  pilotId: string;
  id: string;
  /** the profile; `materials` is added by the seed from DEMO_PROVIDER_MATERIALS */
  registration: Record<string, unknown>;
  products: Array<Record<string, unknown>>;
  /** the last step it reaches: admitted, or warned */
  ends: 'admitted' | 'warned';
}

const provider = (pilotId: string, id: string, name: string, uscc: string, kind: string, industries: string[], scenarios: string[], summary: string, products: DemoProvider['products'], ends: DemoProvider['ends'] = 'admitted'): DemoProvider => ({
  pilotId,
  id,
  registration: { name, uscc, kind, industries, scenarios, summary, hasLocalOffice: true, contact: { name: '项目经理', phone: '022-29340000' } },
  products,
  ends,
});
const product = (name: string, summary: string, industries: string[], scenarios: string[]) => ({ name, kind: 'product', summary, industries, scenarios });

export const DEMO_PROVIDERS: DemoProvider[] = [
  provider('wuqing-tech', 'prov-zhizaoyun', '天津智造云服务有限公司', code('MA07WXY1K'), 'industry', ['汽车制造业', '通用设备制造业'], ['设备联网', '生产管控'], '离散制造设备联网、MES 与数据采集', [
    product('设备联网轻量化套件', '三天部署、按月订阅的设备联网与 OEE 看板', ['通用设备制造业'], ['设备联网']),
    product('质量追溯 SaaS', '批次级质量追溯与 SPC 分析', ['汽车制造业'], ['质量检测']),
  ]),
  provider('wuqing-tech', 'prov-huiyan', '天津慧眼视觉科技有限公司', code('MA07WXY5K'), 'scenario', ['计算机、通信和其他电子设备制造业'], ['质量检测'], 'AI 视觉质检', [product('视觉质检一体机', '开箱即用的表面缺陷检测', ['计算机、通信和其他电子设备制造业'], ['质量检测'])], 'warned'),
  provider('wuqing-sme', 'comp-wq-food', '天津运河数字化综合服务有限公司', code('MA07WXY6K'), 'comprehensive', ['食品制造业'], ['诊断咨询'], '食品制造业综合型服务商：诊断、方案、实施统筹', []),
  provider('wuqing-sme', 'ind-wq-cloud', '天津食安云科技有限公司', code('MA07WXY7K'), 'industry', ['食品制造业'], ['生产管理', '质量追溯'], '食品行业 SaaS', [
    product('排产报工轻应用', '按月订阅的排产与报工', ['食品制造业'], ['生产管理']),
    product('食品安全追溯小程序', '原料到成品一物一码', ['食品制造业'], ['质量追溯']),
  ]),
];

/** Pilot SMEs of 武清 (004) and the step of the path each stops at. */
export type SmeStop = 'enrolled' | 'diagnosed' | 'transforming' | 'accepted' | 'subsidised';
export const DEMO_SME_FIRMS: Array<{ id: string; uscc: string; name: string; town: string; batch: 1 | 2; level: number; stop: SmeStop }> = [
  { id: 'SME-DEMO-1', uscc: code('MA06Y3N1F'), name: '天津杨村食品有限公司', town: 'wq-yc', batch: 1, level: 3, stop: 'subsidised' },
  { id: 'SME-DEMO-2', uscc: code('MA0AQ7R2J'), name: '天津下朱庄电子科技有限公司', town: 'wq-xzz', batch: 1, level: 2, stop: 'accepted' },
  { id: 'SME-DEMO-3', uscc: code('MA0BB1C2D'), name: '天津崔黄口糕点有限公司', town: 'wq-chk', batch: 1, level: 2, stop: 'transforming' },
  { id: 'SME-DEMO-4', uscc: code('MA0BB3C4E'), name: '天津大王古庄饮品有限公司', town: 'wq-dwgz', batch: 2, level: 2, stop: 'diagnosed' },
  { id: 'SME-DEMO-5', uscc: code('MA0BB5C6F'), name: '天津京津调味品有限公司', town: 'wq-yc', batch: 2, level: 2, stop: 'enrolled' },
];

export const DEMO_SME_POLICY = { pilotId: 'wuqing-sme', policy: { subsidyWanByLevel: { 2: 10, 3: 20, 4: 30 } } };
