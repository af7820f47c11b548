import * as z from 'zod';
import { DomainError, type FieldIssue } from './errors';

const CHINESE = /[\u4e00-\u9fff]/;

/** Chinese messages for zod's issue kinds, so every field error a user sees reads naturally. */
function chineseMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填项' : '格式不正确';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return issue.input === undefined ? '必填项' : '不是允许的取值';
    case 'invalid_format':
      // A schema that words its own rule in Chinese (e.g. a phone pattern) says it best.
      return CHINESE.test(issue.message) ? issue.message : '格式不正确';
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message || '格式不正确';
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
  const result = schema.safeParse(input);
  if (!result.success) throw new DomainError('VALIDATION_FAILED', { issues: fieldIssues(result.error) });
  return result.data;
}
