import { MIN_ACCEPTED_LEVEL, SME_BATCHES, type SmeFirm } from '../sme/model';

/**
 * Digital-maturity standing of a pilot's SMEs (004 §三): 所有试点企业数字化水平全部达到二级及以上，其中
 * 数字化水平二级473家、三级32家、四级19家. Accepted firms count at the level they were accepted at (what the
 * targets count); every active firm is also shown at its latest assessed level, so the gap to "all ≥ 2"
 * is visible before acceptance.
 */
export const MATURITY_TARGETS = { 2: 473, 3: 32, 4: 19 } as const;

export type Level = 1 | 2 | 3 | 4;
const LEVELS: readonly Level[] = [1, 2, 3, 4];

export interface MaturityRow {
  level: Level;
  /** accepted at this level */
  accepted: number;
  /** active firms whose latest assessment is this level */
  assessed: number;
  target: number | null;
  /** accepted − target; negative is still to go */
  gap: number | null;
}

export interface MaturityCounts {
  rows: MaturityRow[];
  /** firms enrolled and not withdrawn */
  active: number;
  withdrawn: number;
  accepted: number;
  notYetAssessed: number;
  /** active firms whose latest assessment is below level 2 */
  belowMinimum: number;
  /** every active firm is assessed at level ≥ 2 (004 §三 全部达到二级及以上) */
  allAtLeastMinimum: boolean;
  batches: Array<{ batch: 1 | 2; enrolled: number; accepted: number; minFirms: number }>;
}

export function maturityCounts(firms: readonly SmeFirm[], targets: Partial<Record<Level, number>> = MATURITY_TARGETS): MaturityCounts {
  const active = firms.filter((firm) => firm.status !== 'withdrawn');
  const latestLevel = (firm: SmeFirm): number | undefined => firm.assessments.at(-1)?.level;
  const rows = LEVELS.map((level): MaturityRow => {
    const accepted = active.filter((firm) => firm.acceptance?.level === level).length;
    const target = targets[level] ?? null;
    return { level, accepted, assessed: active.filter((firm) => latestLevel(firm) === level).length, target, gap: target === null ? null : accepted - target };
  });
  const notYetAssessed = active.filter((firm) => latestLevel(firm) === undefined).length;
  const belowMinimum = active.filter((firm) => (latestLevel(firm) ?? MIN_ACCEPTED_LEVEL) < MIN_ACCEPTED_LEVEL).length;
  return {
    rows,
    active: active.length,
    withdrawn: firms.length - active.length,
    accepted: active.filter((firm) => firm.acceptance !== undefined).length,
    notYetAssessed,
    belowMinimum,
    allAtLeastMinimum: active.length > 0 && notYetAssessed === 0 && belowMinimum === 0,
    batches: ([1, 2] as const).map((batch) => ({
      batch,
      enrolled: active.filter((firm) => firm.batch === batch).length,
      accepted: active.filter((firm) => firm.batch === batch && firm.acceptance !== undefined).length,
      minFirms: SME_BATCHES[batch].minFirms,
    })),
  };
}
