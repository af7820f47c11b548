import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DomainError, errorBody } from '../../shared/errors';
import { parseInput } from '../../shared/validation';

describe('input validation and error bodies', () => {
  const Schema = z.strictObject({ name: z.string().min(2), items: z.array(z.object({ amount: z.number().max(10) })) });

  it('reports each bad field by its path with a Chinese message', () => {
    try {
      parseInput(Schema, { name: 'a', items: [{ amount: 11 }], extra: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const { status, body } = errorBody(error);
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.issues).toEqual(
        expect.arrayContaining([
          { path: 'name', message: '至少 2 个字符' },
          { path: 'items.0.amount', message: '不能大于 10' },
          { path: '', message: '不允许的字段：extra' },
        ]),
      );
    }
  });

  it('says a missing field is required', () => {
    expect(() => parseInput(Schema, {})).toThrow(DomainError);
    try {
      parseInput(Schema, {});
    } catch (error) {
      expect(errorBody(error).body.issues).toContainEqual({ path: 'name', message: '必填项' });
    }
  });

  it('never leaks the text of an internal error', () => {
    expect(errorBody(new Error('connection string secret'))).toEqual({ status: 500, body: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
  });
});
