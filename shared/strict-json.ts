/**
 * JSON as the edge accepts it. `JSON.parse` keeps the last of two equal keys, so `{"amount": 1,
 * "amount": 1000}` would reach a rule as 1000 while a log, a proxy or a reviewer reads 1: a request
 * whose meaning depends on who reads it is refused instead (issue 12).
 */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: 'malformed' } | { ok: false; problem: 'duplicate_key'; path: string; key: string };

interface ObjectFrame {
  kind: 'object';
  path: string;
  keys: Set<string>;
  expectingKey: boolean;
  currentKey: string;
}

interface ArrayFrame {
  kind: 'array';
  path: string;
  index: number;
}

function joinPath(parent: string, segment: string | number): string {
  return parent === '' ? String(segment) : `${parent}.${String(segment)}`;
}

/**
 * The path (dotted, as field issues name paths) and key of the first key that occurs twice in one
 * object, or undefined. `text` must already be valid JSON: this walks it with an explicit stack (no
 * recursion, so deep nesting cannot overflow) and compares keys after unescaping (`"a"` = `"\u0061"`).
 */
export function firstDuplicateKey(text: string): { path: string; key: string } | undefined {
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.kind === 'object' ? joinPath(top.path, top.currentKey) : joinPath(top.path, top.index);
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '{') {
      stack.push({ kind: 'object', path: childPath(), keys: new Set(), expectingKey: true, currentKey: '' });
      i += 1;
    } else if (char === '[') {
      stack.push({ kind: 'array', path: childPath(), index: 0 });
      i += 1;
    } else if (char === '}' || char === ']') {
      stack.pop();
      i += 1;
    } else if (char === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index += 1;
      else if (top) top.expectingKey = true;
      i += 1;
    } else if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { path: joinPath(top.path, key), key };
        top.keys.add(key);
        top.currentKey = key;
        top.expectingKey = false;
      }
      i = end + 1;
    } else {
      i += 1;
    }
  }
  return undefined;
}

/** Parses JSON, refusing malformed text and duplicate keys alike. */
export function parseStrictJson(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) return { ok: false, problem: 'duplicate_key', ...duplicate };
  return { ok: true, value };
}

/**
 * The largest JSON body a route takes. The longest legitimate one (an application with a 20 000
 * character plan) is well under 200 KiB; API Gateway's 10 MB limit sits in front of this in AWS.
 */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** `application/json`, with at most a UTF-8 charset: the only media type a body may declare. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => parameter === '' || /^charset="?utf-8"?$/.test(parameter));
}
