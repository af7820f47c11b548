import { decideProvider, registerProvider } from '../../../shared/providers/decide';
import type { ProviderAction } from '../../../shared/providers/lifecycle';
import type { Provider, ProviderStatus } from '../../../shared/providers/model';
import type { Principal, Role } from '../../../shared/roles';
import { withUsccCheck } from '../../../shared/uscc';
import { actor as projectActor, at, PILOT } from '../projects/fixtures';

/** Providers walked through the real `registerProvider` / `decideProvider`, one per pool state. */
export { PILOT, at };
export const PROVIDER_ID = 'prov-1';

export function actor(role: Role): Principal {
  const base = projectActor(role);
  return role === 'provider' ? { ...base, providerId: PROVIDER_ID } : base;
}

export const MATERIALS = {
  applicationFormId: 'ev-form',
  businessLicenceId: 'ev-licence',
  financialStatementIds: ['ev-fs-2023', 'ev-fs-2024'],
  qualificationIds: ['ev-iso'],
  caseIds: ['ev-case-1'],
  expertResumeIds: ['ev-cv-1'],
  localServiceCommitmentId: 'ev-local',
};

export const REGISTRATION = {
  name: '天津智造云服务有限公司',
  uscc: withUsccCheck('91120114MA07WXY1K'),
  kind: 'industry',
  industries: ['汽车制造业', '通用设备制造业'],
  scenarios: ['设备联网', '质量检测'],
  summary: '面向离散制造的设备联网与质量追溯服务',
  hasLocalOffice: false,
  contact: { name: '陈经理', phone: '022-88886666' },
  materials: MATERIALS,
};

export const PRODUCT = { name: '设备联网轻量化套件', kind: 'product', summary: '三天部署、按月订阅', industries: ['汽车制造业'], scenarios: ['设备联网'] };

export function act(provider: Provider, action: ProviderAction, input: unknown, who: Principal, now: Date): Provider {
  return decideProvider(provider, action, input, who, now, { project: { id: 'P-1', pilotId: PILOT } }).provider;
}

export interface ProviderFixture {
  provider: Provider;
  now: Date;
}

export function providerFixtures(): Record<ProviderStatus, ProviderFixture> {
  const applied = registerProvider(PILOT, REGISTRATION, actor('provider'), at('2024-10-10T02:00:00Z')).provider;
  const returned = act(applied, 'return_materials', { comments: '缺少近两年财务报表盖章页' }, actor('operator'), at('2024-10-12T02:00:00Z'));
  const admitted = act(act(applied, 'admit', {}, actor('bureau'), at('2024-10-20T02:00:00Z')), 'publish_product', PRODUCT, actor('provider'), at('2024-10-21T02:00:00Z'));
  const rejected = act(applied, 'reject', { comments: '无制造业项目经验' }, actor('bureau'), at('2024-10-20T02:00:00Z'));
  const warned = act(admitted, 'issue_warning', { reason: '服务项目进度滞后' }, actor('bureau'), at('2025-03-01T02:00:00Z'));
  const rectifying = act(warned, 'order_rectification', { requirements: '补派驻场工程师', deadline: '2025-04-30' }, actor('bureau'), at('2025-03-05T02:00:00Z'));
  const eliminated = act(warned, 'eliminate', { reason: '服务质量严重不达标' }, actor('bureau'), at('2025-03-10T02:00:00Z'));
  const hourAfter = (provider: Provider): ProviderFixture => ({ provider, now: new Date(Date.parse(provider.updatedAt) + 60 * 60 * 1000) });
  return {
    applied: hourAfter(applied),
    returned: hourAfter(returned),
    admitted: hourAfter(admitted),
    rejected: hourAfter(rejected),
    warned: hourAfter(warned),
    rectifying: hourAfter(rectifying),
    eliminated: hourAfter(eliminated),
  };
}

/** A valid input for each action from its fixture state (accept_rectification needs a report first). */
export const SAMPLES: Record<ProviderAction, (provider: Provider) => unknown> = {
  return_materials: () => ({ comments: '请补充案例合同' }),
  resubmit: () => ({ materials: MATERIALS }),
  admit: () => ({ comments: '符合入库标准' }),
  reject: () => ({ comments: '不符合申报条件' }),
  issue_warning: () => ({ reason: '服务成效不佳' }),
  clear_warning: () => ({ comments: '已说明情况' }),
  order_rectification: () => ({ requirements: '限期补齐服务团队', deadline: '2030-12-31' }),
  report_rectification: () => ({ summary: '已补派 2 名工程师', evidenceIds: ['ev-rect'] }),
  accept_rectification: () => ({ comments: '整改到位' }),
  eliminate: () => ({ reason: '整改不到位' }),
  publish_product: () => PRODUCT,
  withdraw_product: (provider) => ({ productId: provider.products[0]?.id ?? 'none' }),
  record_engagement: () => ({ projectId: 'P-1', note: '负责MES实施' }),
};
