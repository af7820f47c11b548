import type { SmeAction } from '../../../shared/sme/lifecycle';
import { createEnrolment, decideSme } from '../../../shared/sme/decide';
import type { SmeFirm, SmePolicy, SmeStatus } from '../../../shared/sme/model';
import type { Principal, Role } from '../../../shared/roles';
import { withUsccCheck } from '../../../shared/uscc';

/** Pilot SMEs walked through the real `decideSme`, one per state. */

export const PILOT = 'wuqing-sme';
export const TOWN = '120114003';
export const USCC = withUsccCheck('91120114555666777');

export const SME_ACTORS = {
  enterprise: { subject: 'sme-1', name: '某精密机械公司', roles: ['enterprise'], uscc: USCC },
  town: { subject: 'town-3', name: '下朱庄街', roles: ['town'], town: TOWN, pilot: PILOT },
  bureau: { subject: 'bureau-1', name: '区工信局', roles: ['bureau'], pilot: PILOT },
  finance: { subject: 'finance-1', name: '区财政局', roles: ['finance'], pilot: PILOT },
  expert: { subject: 'expert-1', name: '专家', roles: ['expert'], pilot: PILOT },
  operator: { subject: 'operator-1', name: '全流程综合服务机构', roles: ['operator'], pilot: PILOT },
  provider: { subject: 'provider-1', name: '综合型服务商', roles: ['provider'], providerId: 'comp-1' },
  data_unit: { subject: 'stats-1', name: '区统计局', roles: ['data_unit'], dataUnit: 'stats', pilot: PILOT },
  assessor: { subject: 'assessor-1', name: '评测验收机构', roles: ['assessor'], pilot: PILOT },
  supervisor: { subject: 'ministry-1', name: '工信部', roles: ['supervisor'], supervision: { level: 'ministry' } },
} as const satisfies Record<Role, Principal>;

export function smeActor(role: Role): Principal {
  const base = SME_ACTORS[role];
  return { ...base, roles: [...base.roles] };
}

export const POLICY: SmePolicy = { subsidyWanByLevel: { 2: 10, 3: 20, 4: 30.5 } };

export const ENROLMENT = { pilotId: PILOT, uscc: USCC, enterpriseName: '某精密机械公司', town: TOWN, batch: 1, comprehensiveProviderId: 'comp-1' };

/** The firm's registration in the SME pilot, where an enrolment takes its town and name from (issue 12). */
export const REGISTERED = { participation: { uscc: USCC, pilotId: PILOT, town: TOWN }, name: '某精密机械公司' };

export const at = (iso: string) => new Date(iso);

export function take(firm: SmeFirm, action: SmeAction, input: unknown, who: Principal, now: Date, policy: SmePolicy = POLICY): SmeFirm {
  return decideSme(firm, action, input, who, now, policy).firm;
}

export const PLAN = { kind: 'product', providerId: 'ind-7', summary: '上云用云：设备联网与排产', productIds: ['prod-mes-lite'] };
export const ASSESSMENT = (level: number) => ({ level, summary: `评测为 ${level} 级`, reportEvidenceId: 'ev-maturity', evidenceIds: ['ev-survey'] });

export interface SmeFixture {
  firm: SmeFirm;
  now: Date;
}

export function smeFixtures(): Record<SmeStatus, SmeFixture> {
  const enrolled = createEnrolment(ENROLMENT, smeActor('bureau'), at('2024-12-01T02:00:00Z'), 'sme-1', REGISTERED).firm;
  const diagnosed = take(enrolled, 'record_diagnosis', { reportEvidenceId: 'ev-diag', summary: '生产排程依赖人工' }, smeActor('provider'), at('2025-01-05T02:00:00Z'));
  const planned = take(diagnosed, 'adopt_plan', PLAN, smeActor('enterprise'), at('2025-01-10T02:00:00Z'));
  const transforming = take(planned, 'start_transformation', {}, smeActor('enterprise'), at('2025-01-15T02:00:00Z'));
  const transformed = take(transforming, 'complete_transformation', { summary: '完成', evidenceIds: ['ev-done'] }, smeActor('enterprise'), at('2025-05-01T02:00:00Z'));
  const assessed = take(transformed, 'assess_maturity', ASSESSMENT(3), smeActor('assessor'), at('2025-05-20T02:00:00Z'));
  const accepted = take(assessed, 'accept', {}, smeActor('bureau'), at('2025-06-01T02:00:00Z'));
  const subsidised = take(accepted, 'grant_subsidy', {}, smeActor('finance'), at('2025-06-20T02:00:00Z'));
  const withdrawn = take(diagnosed, 'withdraw', { reason: '企业经营调整' }, smeActor('enterprise'), at('2025-01-08T02:00:00Z'));
  const hourAfter = (firm: SmeFirm): SmeFixture => ({ firm, now: new Date(Date.parse(firm.updatedAt) + 60 * 60 * 1000) });
  return {
    enrolled: hourAfter(enrolled),
    diagnosed: hourAfter(diagnosed),
    planned: hourAfter(planned),
    transforming: hourAfter(transforming),
    transformed: hourAfter(transformed),
    assessed: hourAfter(assessed),
    accepted: hourAfter(accepted),
    subsidised: hourAfter(subsidised),
    withdrawn: hourAfter(withdrawn),
  };
}

export const SME_SAMPLES: Record<SmeAction, () => unknown> = {
  record_diagnosis: () => ({ reportEvidenceId: 'ev-diag-2', summary: '诊断' }),
  adopt_plan: () => ({ kind: 'custom', providerId: 'ind-2', summary: '一企一策', planEvidenceId: 'ev-plan' }),
  start_transformation: () => ({}),
  complete_transformation: () => ({ summary: '完成', evidenceIds: ['ev-x'] }),
  assess_maturity: () => ASSESSMENT(2),
  resume_transformation: () => ({ reason: '争取更高等级' }),
  accept: () => ({ comments: '同意' }),
  grant_subsidy: () => ({ reference: '武财〔2025〕1号' }),
  withdraw: () => ({ reason: '退出' }),
};
