import * as z from 'zod';
import { DomainError } from '../errors';
import type { Pilot } from '../pilots/model';
import { Id } from '../projects/values';
import type { Principal } from '../roles';
import { indicatorRow, type BoardRow } from './board';
import { availableValueActions } from './decide';
import type { DerivationSources } from './derived';
import type { ReportedValue, ValueHistoryEntry } from './model';

/** What the indicator routes return: the record plus what this caller may do next. */
export const IndicatorPath = z.object({ pilotId: Id, code: Id });

export type ValueView = ReportedValue & { availableActions: string[] };

export function valueViewFor(actor: Principal, value: ReportedValue): ValueView {
  return { ...value, availableActions: availableValueActions(value, actor) };
}

export interface IndicatorDetail {
  row: BoardRow;
  values: ValueView[];
  history: Array<ValueHistoryEntry & { period: string }>;
}

export function indicatorDetail(
  pilot: Pilot,
  code: string,
  values: readonly ReportedValue[],
  sources: DerivationSources,
  history: Array<ValueHistoryEntry & { period: string }>,
  actor: Principal,
  now: Date,
): IndicatorDetail {
  const indicator = pilot.indicators.find((candidate) => candidate.code === code);
  if (!indicator) throw new DomainError('NOT_FOUND');
  return {
    row: indicatorRow(pilot, indicator, values, sources, now),
    values: values
      .filter((value) => value.code === code)
      .sort((a, b) => b.period.localeCompare(a.period))
      .map((value) => valueViewFor(actor, value)),
    history: [...history].sort((a, b) => a.period.localeCompare(b.period) || a.version - b.version),
  };
}
