import { decideValue } from '../../../shared/indicators/decide';
import type { ReportedValue, ValueAction, ValueStatus } from '../../../shared/indicators/model';
import type { Indicator, Pilot } from '../../../shared/pilots/model';
import type { Principal, Role } from '../../../shared/roles';
import { actor as projectActor, at, PILOT } from '../projects/fixtures';

/** A pilot with the 000 indicators the tests need, and reported values walked through `decideValue`. */
export { at, PILOT };

/** The project fixtures' actors; the data unit (区统计局, code `stats`) works in the pilot. */
export function actor(role: Role): Principal {
  const base = projectActor(role);
  return role === 'data_unit' ? { ...base, pilot: PILOT } : base;
}

const indicator = (code: string, name: string, unit: string, target: number, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name,
  unit,
  target,
  targetDate: '2027-12-31',
  direction: 'at_least',
  source: 'reported',
  ...extra,
});

export const LABOUR = indicator('tt-04', '全员劳动生产率', '元/人', 175000, { responsibleUnit: 'stats' });
export const NC_RATE = indicator('tt-06', '关键生产工序数控化率', '%', 75, { responsibleUnit: '区工业和信息化局' });
export const ENERGY = indicator('tt-07', '规模以上工业单位增加值能耗', '吨标准煤/万元', 0.66, { direction: 'at_most', responsibleUnit: '区发展改革委' });
export const FIRMS = indicator('tt-03', '主导产业累计实施数字化技术改造的规模以上工业企业数量', '个', 136, { source: 'derived', derivation: 'above_scale_firms_transformed' });
export const POOL = indicator('tt-08', '培育数字化转型专业化服务商', '个', 60, { source: 'derived', derivation: 'providers_in_pool' });
export const LOCAL_FUNDS = indicator('tt-09', '实施期内地方支持技术改造财政资金累计金额', '亿元', 2, { source: 'derived', derivation: 'local_funds' });
export const ACCEPTED = indicator('tt-kp', '完成中央资金支持的重点项目', '个', 10, { source: 'derived', derivation: 'accepted_key_projects' });

export const TECH_PILOT: Pilot = {
  id: PILOT,
  name: '武清区制造业新型技术改造城市试点',
  city: '天津市武清区',
  kind: 'tech_transformation',
  division: '120114',
  periodStart: '2025-01-01',
  periodEnd: '2028-03-31',
  towns: [{ code: '120114001', name: '杨村街' }],
  indicators: [FIRMS, LABOUR, NC_RATE, ENERGY, POOL, LOCAL_FUNDS, ACCEPTED],
  source: '000_b38a90b68ab3433a.txt',
};

export function value(current: ReportedValue | undefined, action: ValueAction, input: unknown, who: Principal, now: Date, target: Indicator = LABOUR, period = '2025'): ReportedValue {
  return decideValue(current, TECH_PILOT, target, period, action, input, who, now).value;
}

export const FIGURE = { value: 168000, note: '统计年报', evidenceIds: ['ev-stat'] };

export function valueFixtures(): Record<ValueStatus, { value: ReportedValue; now: Date }> {
  const stats = actor('data_unit');
  const bureau = actor('bureau');
  const draft = value(undefined, 'save', FIGURE, stats, at('2026-01-20T02:00:00Z'));
  const submitted = value(draft, 'submit', {}, stats, at('2026-01-21T02:00:00Z'));
  const approved = value(submitted, 'approve', {}, bureau, at('2026-01-25T02:00:00Z'));
  const returned = value(submitted, 'return', { comments: '与统计快报不一致' }, bureau, at('2026-01-25T02:00:00Z'));
  const locked = value(approved, 'lock', {}, bureau, at('2026-02-01T02:00:00Z'));
  const hourAfter = (record: ReportedValue) => ({ value: record, now: new Date(Date.parse(record.updatedAt) + 60 * 60 * 1000) });
  return { draft: hourAfter(draft), submitted: hourAfter(submitted), approved: hourAfter(approved), returned: hourAfter(returned), locked: hourAfter(locked) };
}

export const VALUE_SAMPLES: Record<ValueAction, unknown> = {
  save: { value: 170000, evidenceIds: ['ev-2'] },
  submit: {},
  approve: { comments: '同意' },
  return: { comments: '请核实' },
  lock: {},
};
