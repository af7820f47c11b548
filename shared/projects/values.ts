import * as z from 'zod';
import { publishedText } from '../validation';

/**
 * Small value schemas shared by the project and SME aggregates: identifiers, money in 万元 and
 * dates. Deadlines are Beijing calendar days (inclusive), because notices, task agreements and
 * rectification orders are issued as "by 2025年6月30日", not as instants.
 */

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: '只能包含字母、数字及 _ . : -' });
export type Id = z.infer<typeof Id>;

/** An uploaded file's id from the evidence store (现场图片、发票、合同、银行付款凭证 …). */
export const EvidenceId = z.string().trim().min(1).max(200);
export type EvidenceId = z.infer<typeof EvidenceId>;

/** A principal's `sub`. */
export const Subject = z.string().min(1).max(128);

export { Uscc } from '../uscc';

/** Text others read (comments, reasons, summaries): NFC, trimmed, line breaks allowed, no hidden characters. */
export const Text = (max: number) => publishedText({ min: 1, max, multiline: true });

/** A name or title: one line of published text. */
export const Line = (max: number) => publishedText({ min: 1, max });

export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime();

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/** An amount in 万元 with at most two decimals (i.e. whole 百元), never negative. */
export const Wan = z
  .number()
  .min(0)
  .max(10_000_000)
  .refine(hasAtMostTwoDecimals, { error: '金额最多保留两位小数（万元）' });

export const PositiveWan = Wan.refine((value) => value > 0, { error: '金额须大于 0' });

/** Money is summed in integer hundredths of 万元, so 0.1 + 0.2 never drifts past a cap. */
export function toCents(wan: number): number {
  return Math.round(wan * 100);
}

export function sumWan(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + toCents(amount), 0) / 100;
}

export { addDays, beijingDate } from '../calendar/dates';
