import * as z from 'zod';
import { EvidenceId } from '../projects/values';
import { publishedText } from '../validation';

/**
 * What a data unit reports for one indicator and one period. A ratio indicator (a percentage such as
 * 数字研发设计工具普及率 or 关键生产工序数控化率, or a rate such as 全员劳动生产率 元/人) may be reported per
 * firm; it is then aggregated as Σnumerator ÷ Σdenominator over the firms, never as the mean of the
 * firms' own ratios, which would weigh a 10-process workshop like a 1,000-process plant.
 */

/** One firm's (or one part's) share of a ratio indicator, e.g. 数控化关键工序 / 关键工序. */
export const RatioPart = z.strictObject({
  label: publishedText({ min: 1, max: 100 }),
  numerator: z.number().min(0).max(1e12),
  denominator: z.number().positive().max(1e12),
});
export type RatioPart = z.infer<typeof RatioPart>;

export const SaveValueInput = z
  .strictObject({
    /** the value itself, in the indicator's unit */
    value: z.number().min(-1e12).max(1e12).optional(),
    /** totals of a ratio, when the parts are not itemised */
    numerator: z.number().min(0).max(1e15).optional(),
    denominator: z.number().positive().max(1e15).optional(),
    /** a ratio itemised per firm */
    parts: z.array(RatioPart).min(1).max(5000).optional(),
    note: publishedText({ max: 2000, multiline: true }).default(''),
    evidenceIds: z.array(EvidenceId).max(50).default([]),
  })
  .superRefine((input, context) => {
    const ways = [input.value !== undefined, input.numerator !== undefined || input.denominator !== undefined, input.parts !== undefined];
    if (ways.filter(Boolean).length !== 1) {
      context.addIssue({ code: 'custom', path: ['value'], message: '请填写数值，或分子与分母，或逐户明细，三者择一' });
    } else if ((input.numerator === undefined) !== (input.denominator === undefined)) {
      context.addIssue({ code: 'custom', path: ['denominator'], message: '分子与分母须同时填写' });
    }
  });
export type SaveValueInput = z.infer<typeof SaveValueInput>;

/** The stored figure: the value, and for a ratio its totals and parts so it can be re-aggregated. */
export const Figures = z.object({
  value: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  parts: z.array(RatioPart).optional(),
  note: z.string(),
  evidenceIds: z.array(EvidenceId),
});
export type Figures = z.infer<typeof Figures>;

/** A percentage is a ratio × 100; any other ratio unit (元/人, 吨标准煤/万元) is the plain quotient. */
export function ratioScale(unit: string): number {
  return unit.trim() === '%' ? 100 : 1;
}

/** Σnumerator ÷ Σdenominator over the parts, scaled to the unit. */
export function aggregateRatio(parts: readonly Pick<RatioPart, 'numerator' | 'denominator'>[], unit: string): { value: number; numerator: number; denominator: number } {
  const numerator = parts.reduce((sum, part) => sum + part.numerator, 0);
  const denominator = parts.reduce((sum, part) => sum + part.denominator, 0);
  if (denominator <= 0) throw new RangeError('a ratio needs a positive denominator');
  return { value: (numerator / denominator) * ratioScale(unit), numerator, denominator };
}

/** Turns validated input into the stored figure, computing the value of a ratio from its totals. */
export function figuresFrom(input: SaveValueInput, unit: string): Figures {
  const base = { note: input.note, evidenceIds: input.evidenceIds };
  if (input.parts !== undefined) return { ...aggregateRatio(input.parts, unit), parts: input.parts, ...base };
  if (input.numerator !== undefined && input.denominator !== undefined) {
    return { ...aggregateRatio([{ numerator: input.numerator, denominator: input.denominator }], unit), ...base };
  }
  return { value: input.value ?? 0, ...base };
}

/**
 * Combines several figures of one ratio indicator (e.g. the towns' returns) into one: by their
 * totals when every figure carries them; otherwise the combination is not defined and is refused.
 */
export function combineRatioFigures(figures: readonly Figures[], unit: string): number {
  const totals = figures.map((figure) =>
    figure.numerator !== undefined && figure.denominator !== undefined ? { numerator: figure.numerator, denominator: figure.denominator } : undefined,
  );
  if (totals.some((total) => total === undefined)) throw new RangeError('ratio figures without totals cannot be combined');
  return aggregateRatio(totals as { numerator: number; denominator: number }[], unit).value;
}
