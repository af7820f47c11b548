import * as z from 'zod';

/**
 * 统一社会信用代码 per GB 32100-2015 (DOMAIN.md, last section): 18 characters from a 31-character set,
 * the 18th a check character over the first 17 with weights 3^(i−1) mod 31.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or undefined when they are not in the set. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export type UsccProblem = 'length' | 'charset' | 'checksum';

/** Why a code is invalid, or undefined when it is valid. Input is taken as typed (callers upper-case). */
export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'charset';
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? undefined : 'checksum';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === undefined;
}

export const USCC_PROBLEM_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）',
  checksum: '统一社会信用代码校验位不正确',
};

/** Positions 3–8: the administrative-division code (GB/T 2260), e.g. 120114 武清区. */
export function usccDivision(code: string): string {
  return code.slice(2, 8);
}

/** Builds a valid code from a 17-character body, for demo data and tests. */
export function withUsccCheck(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (check === undefined) throw new Error(`not a USCC body: ${first17}`);
  return first17 + check;
}

/** The zod schema every input uses: trimmed, upper-cased, then checked, with the problem in Chinese. */
export const Uscc = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, context) => {
    const problem = usccProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: USCC_PROBLEM_MESSAGES[problem] });
  });
