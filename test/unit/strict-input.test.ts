import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { errorBody } from '../../shared/errors';
import { firstDuplicateKey, isJsonMediaType, parseStrictJson } from '../../shared/strict-json';
import { parseInput, publishedText, textProblem, withoutHiddenCharacters } from '../../shared/validation';
import { Line, Text } from '../../shared/projects/values';
import { RegisterEnterpriseInput } from '../../shared/enterprises/model';

function issuesOf(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    return errorBody(error).body.issues ?? [];
  }
  throw new Error('expected the input to be refused');
}

describe('JSON at the edge (issue 12)', () => {
  it('refuses a key given twice in one object, naming its path', () => {
    expect(parseStrictJson('{"a":1,"a":2}')).toEqual({ ok: false, problem: 'duplicate_key', path: 'a', key: 'a' });
    expect(firstDuplicateKey('{"items":[{"x":1},{"x":1,"y":2,"x":3}]}')).toEqual({ path: 'items.1.x', key: 'x' });
    expect(firstDuplicateKey('{"outer":{"inner":{"k":1,"k":1}}}')).toEqual({ path: 'outer.inner.k', key: 'k' });
  });

  it('compares keys after unescaping, so an escaped twin is a duplicate too', () => {
    expect(firstDuplicateKey('{"name":"a","n\\u0061me":"b"}')).toEqual({ path: 'name', key: 'name' });
  });

  it('accepts equal keys in different objects and strings that look like keys', () => {
    expect(parseStrictJson('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"\\"a\\":1,"}')).toEqual({
      ok: true,
      value: { a: { a: 1 }, b: [{ a: 1 }, { a: 2 }], c: '"a":1,' },
    });
  });

  it('calls text that is not JSON malformed', () => {
    expect(parseStrictJson('{"a":')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseStrictJson("{'a':1}")).toEqual({ ok: false, problem: 'malformed' });
  });

  it('walks deep nesting without recursion', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    expect(() => firstDuplicateKey(deep)).not.toThrow();
  });

  it('takes only application/json, with at most a UTF-8 charset', () => {
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonMediaType('application/json; charset="utf-8"')).toBe(true);
    expect(isJsonMediaType(undefined)).toBe(false);
    expect(isJsonMediaType('text/plain')).toBe(false);
    expect(isJsonMediaType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonMediaType('application/json; charset=iso-8859-1')).toBe(false);
    expect(isJsonMediaType('application/jsonp')).toBe(false);
  });
});

describe('published text (issue 12)', () => {
  const hidden = {
    'right-to-left override': 'Acme\u202Egnp.exe',
    'left-to-right isolate': 'Acme\u2066x',
    'right-to-left mark': 'Acme\u200F',
    'zero-width space': '华\u200B为',
    'zero-width joiner': 'a\u200Db',
    'byte-order mark (inside)': 'na\uFEFFme',
    'bell (C0 control)': 'ring\u0007',
    'C1 control': 'next\u0085line',
    'line separator': 'a\u2028b',
    'lone surrogate': 'bad\uD800',
  };

  for (const [kind, value] of Object.entries(hidden)) {
    it(`refuses a name carrying a ${kind}`, () => {
      expect(textProblem(value, { multiline: false })).toBeDefined();
      expect(Line(100).safeParse(value).success).toBe(false);
      expect(Text(100).safeParse(value).success).toBe(false);
    });
  }

  it('refuses a line break in a name but keeps it in a comment', () => {
    expect(Line(100).safeParse('第一行\n第二行').success).toBe(false);
    expect(Text(100).parse('第一行\n第二行\t缩进')).toBe('第一行\n第二行\t缩进');
  });

  it('stores text in NFC and trimmed, so equal text is stored equally', () => {
    expect(Line(100).parse('  Cafe\u0301  ')).toBe('Café');
    expect(publishedText({ max: 10 }).parse('e\u0301')).toBe('\u00E9');
  });

  it('says in Chinese why hidden characters are refused, at the field', () => {
    expect(issuesOf(z.strictObject({ title: Line(50) }), { title: 'x\u202Ey' })).toEqual([
      { path: 'title', message: '不能包含换行、控制字符、零宽字符或文字方向控制符' },
    ]);
  });

  it('is what an enterprise registers its name, industry and contact with', () => {
    const issues = issuesOf(RegisterEnterpriseInput, {
      uscc: '91120114MA05XXXX0X',
      name: '天津\u202E公司',
      pilotId: 'p',
      town: 't',
      industry: '制造\u200B',
      scale: 'above',
      contact: { name: '张\u0000三', phone: '022-12345678' },
    });
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['name', 'industry', 'contact.name']));
  });

  it('strips (not refuses) hidden characters from a file name, which comes from a disk, not a keyboard', () => {
    expect(withoutHiddenCharacters('发票\u202Efdp.exe\u200B')).toBe('发票fdp.exe');
  });
});

describe('wrong-type messages (issue 12)', () => {
  const Schema = z.strictObject({
    amount: z.number(),
    count: z.number().int(),
    due: z.iso.date(),
    at: z.iso.datetime(),
    name: z.string(),
    done: z.boolean(),
    items: z.array(z.string()).min(1),
    kind: z.enum(['a', 'b']),
  });

  it('says what a value of the wrong type should have been, never 必填项', () => {
    const issues = issuesOf(Schema, { amount: '12', count: 1.5, due: '2025/06/30', at: 'yesterday', name: 3, done: 'yes', items: {}, kind: 'c' });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'amount', message: '应为数字' },
        { path: 'count', message: '应为整数' },
        { path: 'due', message: '日期格式应为 YYYY-MM-DD' },
        { path: 'at', message: '时间格式应为 ISO 8601（如 2025-06-30T08:00:00Z）' },
        { path: 'name', message: '应为文本' },
        { path: 'done', message: '应为是或否（true / false）' },
        { path: 'items', message: '应为列表' },
        { path: 'kind', message: '不是允许的取值' },
      ]),
    );
    expect(issues.some((issue) => issue.message === '必填项')).toBe(false);
  });

  it('keeps 必填项 for a value that is missing', () => {
    expect(issuesOf(z.strictObject({ amount: z.number() }), {})).toEqual([{ path: 'amount', message: '必填项' }]);
  });

  it('counts items in a list, not characters', () => {
    expect(issuesOf(Schema.pick({ items: true }), { items: [] })).toEqual([{ path: 'items', message: '至少 1 项' }]);
  });

  it('calls a null where an object belongs a wrong type', () => {
    expect(issuesOf(z.strictObject({ contact: z.strictObject({ name: z.string() }) }), { contact: null })).toEqual([
      { path: 'contact', message: '应为对象' },
    ]);
  });
});
