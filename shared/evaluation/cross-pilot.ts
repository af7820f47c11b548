import { statusCounts, type BoardRow } from '../indicators/board';
import type { Pilot } from '../pilots/model';

/**
 * Every pilot's indicators side by side, for a province or ministry user (108号: 各试点城市 … 省级主管部门
 * 加强过程管理). Each pilot keeps its own targets; indicators that share a name and unit line up in one
 * row, and nothing is averaged across pilots (a mean of percentages would mislead, see figures.ts).
 */
export interface PilotColumn {
  id: string;
  name: string;
  city: string;
  kind: Pilot['kind'];
  indicatorStatus: ReturnType<typeof statusCounts>;
}

export interface CrossPilotCell {
  code: string;
  target: number;
  targetDate: string;
  latestPeriod: string | null;
  latestValue: number | null;
  attainment: number | null;
  status: BoardRow['evaluation']['status'];
  statusLabel: string;
}

export interface CrossPilotRow {
  name: string;
  unit: string;
  direction: 'at_least' | 'at_most';
  /** by pilot id; a pilot without this indicator has no cell */
  cells: Record<string, CrossPilotCell>;
}

export interface CrossPilotView {
  asOf: string;
  pilots: PilotColumn[];
  rows: CrossPilotRow[];
}

export function crossPilotView(boards: ReadonlyArray<{ pilot: Pilot; rows: readonly BoardRow[] }>, asOf: Date): CrossPilotView {
  const rows = new Map<string, CrossPilotRow>();
  for (const { pilot, rows: board } of boards) {
    for (const { indicator, evaluation, statusLabel } of board) {
      const key = `${indicator.name}\u0000${indicator.unit}\u0000${indicator.direction}`;
      const row = rows.get(key) ?? { name: indicator.name, unit: indicator.unit, direction: indicator.direction, cells: {} };
      row.cells[pilot.id] = {
        code: indicator.code,
        target: indicator.target,
        targetDate: indicator.targetDate,
        latestPeriod: evaluation.latest?.period ?? null,
        latestValue: evaluation.latest?.value ?? null,
        attainment: evaluation.attainment,
        status: evaluation.status,
        statusLabel,
      };
      rows.set(key, row);
    }
  }
  return {
    asOf: asOf.toISOString(),
    pilots: boards.map(({ pilot, rows: board }) => ({ id: pilot.id, name: pilot.name, city: pilot.city, kind: pilot.kind, indicatorStatus: statusCounts(board) })),
    rows: [...rows.values()],
  };
}
