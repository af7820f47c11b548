import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, mapIssuesToFields, networkError, toApiError } from '../../../web/src/lib/api/errors';

describe('reading error responses', () => {
  it('keeps the API error body: code, message, issues and details', () => {
    const error = toApiError(409, {
      code: 'STALE_VERSION',
      message: '记录已被他人修改，请刷新后重试',
      details: { version: 4 },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'STALE_VERSION', fromApi: true, details: { version: 4 } });
    expect(errorMessage(error)).toBe('记录已被他人修改，请刷新后重试');
  });

  it('keeps only well-formed issues', () => {
    const error = toApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求，请按提示修改',
      issues: [{ path: 'contact.phone', message: '电话号码格式不正确' }, { path: 3 }, 'junk'],
    });
    expect(error.issues).toEqual([{ path: 'contact.phone', message: '电话号码格式不正确' }]);
  });

  it('gives a Chinese message by status to bodies that are not ours', () => {
    expect(toApiError(401, { message: 'Unauthorized' })).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录', fromApi: false });
    expect(toApiError(404, undefined)).toMatchObject({ code: 'NOT_FOUND', message: '未找到相应记录' });
    expect(toApiError(502, '<html>')).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    expect(toApiError(500, { code: 'not a code', message: 'stack trace …' })).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  });

  it('keeps the API’s own message for a code this build does not know yet', () => {
    expect(toApiError(409, { code: 'SOME_NEW_RULE', message: '新的办理条件尚未满足' })).toMatchObject({ code: 'SOME_NEW_RULE', message: '新的办理条件尚未满足', fromApi: true });
  });

  it('never shows the text of an unexpected error', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe('系统繁忙，请稍后再试');
    expect(errorMessage(networkError())).toBe('网络连接失败，请检查网络后重试');
  });
});

describe('mapping issues to form fields', () => {
  const fields = ['uscc', 'contact.name', 'contact.phone', 'budget'];

  it('puts an issue beside the field with the same path', () => {
    const mapped = mapIssuesToFields([{ path: 'contact.phone', message: '电话号码格式不正确' }], fields);
    expect(mapped.byField).toEqual({ 'contact.phone': ['电话号码格式不正确'] });
    expect(mapped.unmatched).toEqual([]);
  });

  it('puts an issue on a nested path beside the closest enclosing field', () => {
    const mapped = mapIssuesToFields([{ path: 'budget.0.amountWan', message: '金额最多保留两位小数（万元）' }], fields);
    expect(mapped.byField).toEqual({ budget: ['金额最多保留两位小数（万元）'] });
  });

  it('does not confuse a field with another that merely shares its prefix', () => {
    const mapped = mapIssuesToFields([{ path: 'usccHolder', message: 'x' }], fields);
    expect(mapped.unmatched).toEqual([{ path: 'usccHolder', message: 'x' }]);
  });

  it('collects issues of unknown paths for the summary and drops duplicate messages', () => {
    const mapped = mapIssuesToFields(
      [
        { path: '', message: '不允许的字段：extra' },
        { path: 'uscc', message: '统一社会信用代码校验位不正确' },
        { path: 'uscc', message: '统一社会信用代码校验位不正确' },
      ],
      fields,
    );
    expect(mapped.byField).toEqual({ uscc: ['统一社会信用代码校验位不正确'] });
    expect(mapped.unmatched).toEqual([{ path: '', message: '不允许的字段：extra' }]);
  });
});
