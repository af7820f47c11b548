import { beijingDate } from '../calendar/dates';
import type { Obligation } from '../obligations/model';
import type { Town } from '../pilots/model';

/**
 * Each town/park's on-time reporting rate, published like USAspending publishes agencies'
 * reporting timeliness: of the quarterly progress reports that have fallen due for projects in the
 * area (滨海 §三(五)7: 及时反馈项目建设进度), the share filed by their due day. A report not yet due
 * does not count; a cancelled duty (the project ended) does not count; a late report counts as late.
 */
export interface TownReporting {
  town: string;
  name: string;
  /** reports whose due day has passed */
  due: number;
  onTime: number;
  /** onTime ÷ due, or null while nothing has fallen due */
  rate: number | null;
}

export function onTimeReporting(towns: readonly Town[], obligations: readonly Obligation[], asOf: Date): TownReporting[] {
  const today = beijingDate(asOf);
  const counts = new Map<string, { due: number; onTime: number }>(towns.map((town) => [town.code, { due: 0, onTime: 0 }]));
  for (const obligation of obligations) {
    if (obligation.kind !== 'quarterly_report' || obligation.status === 'cancelled' || !obligation.town) continue;
    if (obligation.dueDay >= today) continue;
    const count = counts.get(obligation.town);
    if (!count) continue;
    count.due += 1;
    const filedOn = obligation.fulfilledAt ? beijingDate(new Date(obligation.fulfilledAt)) : undefined;
    if (filedOn !== undefined && filedOn <= obligation.dueDay && obligation.missedAt === undefined) count.onTime += 1;
  }
  return towns.map((town) => {
    const { due, onTime } = counts.get(town.code) ?? { due: 0, onTime: 0 };
    return { town: town.code, name: town.name, due, onTime, rate: due === 0 ? null : onTime / due };
  });
}
