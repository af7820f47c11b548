import * as z from 'zod';
import { DomainError, type FieldIssue } from './errors';

const CHINESE = /[\u4e00-\u9fff]/;

/** What a wrong-type value should have been, in the words a form shows beside the field. */
const EXPECTED: Record<string, string> = {
  string: '应为文本',
  number: '应为数字',
  int: '应为整数',
  bigint: '应为整数',
  boolean: '应为是或否（true / false）',
  array: '应为列表',
  object: '应为对象',
  record: '应为对象',
  tuple: '应为列表',
  date: '日期格式应为 YYYY-MM-DD',
  literal: '不是允许的取值',
  enum: '不是允许的取值',
  null: '应为空值',
};

/** What a malformed string should look like, for zod's string formats. */
const FORMATS: Record<string, string> = {
  date: '日期格式应为 YYYY-MM-DD',
  datetime: '时间格式应为 ISO 8601（如 2025-06-30T08:00:00Z）',
  time: '时间格式应为 HH:MM:SS',
  email: '邮箱格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确',
};

function sizeMessage(origin: string, bound: 'min' | 'max', value: unknown): string {
  const limit = String(value);
  if (origin === 'string') return bound === 'min' ? `至少 ${limit} 个字符` : `最多 ${limit} 个字符`;
  if (origin === 'array' || origin === 'set') return bound === 'min' ? `至少 ${limit} 项` : `最多 ${limit} 项`;
  return bound === 'min' ? `不能小于 ${limit}` : `不能大于 ${limit}`;
}

/**
 * Chinese messages for zod's issue kinds, so every field error a user sees reads naturally and says
 * what is wrong: a missing value is 必填项, a value of the wrong type says what it should be
 * (应为数字, 日期格式应为 YYYY-MM-DD …), never 必填项 (issue 12).
 */
function chineseMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必填项';
      return EXPECTED[issue.expected] ?? '格式不正确';
    case 'too_small':
      return sizeMessage(issue.origin, 'min', issue.minimum);
    case 'too_big':
      return sizeMessage(issue.origin, 'max', issue.maximum);
    case 'invalid_value':
      return issue.input === undefined ? '必填项' : '不是允许的取值';
    case 'invalid_format':
      // A schema that words its own rule in Chinese (e.g. a phone pattern) says it best.
      if (CHINESE.test(issue.message)) return issue.message;
      return FORMATS[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return issue.input === undefined ? '必填项' : '格式不正确';
    case 'custom':
      return CHINESE.test(issue.message) ? issue.message : '格式不正确';
    default:
      return CHINESE.test(issue.message) ? issue.message : '格式不正确';
  }
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: chineseMessage(issue),
  }));
}

/** Parses untrusted input with a schema; failures become VALIDATION_FAILED with one issue per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: zod 4 leaves the offending value out of an issue unless asked, and without it a
  // wrong-type value could not be told from a missing one (both read 必填项).
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new DomainError('VALIDATION_FAILED', { issues: fieldIssues(result.error) });
  return result.data;
}

/**
 * Characters a reader cannot see but that change what is shown: C0/C1 controls, format characters
 * (bidi embeddings, overrides and isolates U+202A–202E / U+2066–2069, marks U+200E/200F/061C,
 * zero-width U+200B–200D, U+2060, U+FEFF, soft hyphen …) and the line/paragraph separators. A name
 * such as "Acme\u202Egnp.exe" would read as something else in every list it appears in.
 */
/** With the u flag a surrogate class matches only a half without its partner (not valid UTF-16). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const HIDDEN_EXCEPT_LINE_BREAKS = /[\p{Cf}\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Why a text shown to others is refused, or undefined when it is fine. */
export function textProblem(value: string, options: { multiline: boolean }): string | undefined {
  if (LONE_SURROGATE.test(value)) return '含有无效的字符编码';
  if (options.multiline ? HIDDEN_EXCEPT_LINE_BREAKS.test(value) : HIDDEN_CHARACTERS.test(value)) {
    return options.multiline ? '不能包含控制字符、零宽字符或文字方向控制符' : '不能包含换行、控制字符、零宽字符或文字方向控制符';
  }
  return undefined;
}

/**
 * The one schema for text that others read (names, titles, comments, reasons, notes): stored in
 * Unicode NFC and trimmed, so equal text is stored equally, and refused when it carries hidden
 * characters (textProblem). `multiline` allows line breaks and tabs (comments, plans), never in a
 * name or title. Every text field shown to someone other than its author uses this (issue 12).
 */
export function publishedText(options: { min?: number; max: number; multiline?: boolean }) {
  const multiline = options.multiline ?? false;
  return z
    .string()
    .overwrite((value) => (LONE_SURROGATE.test(value) ? value : value.normalize('NFC')))
    .trim()
    .min(options.min ?? 0)
    .max(options.max)
    .superRefine((value, context) => {
      const problem = textProblem(value, { multiline });
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    });
}

/** The text with hidden characters (as textProblem finds them) removed, in NFC: for file names. */
export function withoutHiddenCharacters(value: string): string {
  return value.replace(new RegExp(HIDDEN_CHARACTERS.source, 'gu'), '').replace(/[\uD800-\uDFFF]/gu, '\uFFFD').normalize('NFC');
}
