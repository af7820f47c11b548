import { describe, expect, it } from 'vitest';
import { USCC_PROBLEM_MESSAGES, withUsccCheck } from '../../../shared/uscc';
import { mapIssuesToFields, toApiError } from '../../../web/src/lib/api/errors';
import { checkRegistration, emptyRegisterValues, REGISTER_FIELDS, registerBody, registerFieldId, type RegisterValues } from '../../../web/src/lib/enterprise/register';

const VALID_USCC = withUsccCheck('91120114MA05T8K3X');

function filled(overrides: Partial<RegisterValues> = {}): RegisterValues {
  return emptyRegisterValues({
    uscc: VALID_USCC,
    name: '天津市武清精密机械有限公司',
    pilotId: 'wuqing-tech',
    town: 'wq-kfq',
    industry: '通用设备制造业',
    scale: 'above',
    'contact.name': '王建国',
    'contact.phone': '022-29341001',
    ...overrides,
  });
}

function messagesByField(values: RegisterValues): Record<string, string[]> {
  const check = checkRegistration(values);
  if (check.ok) return {};
  return mapIssuesToFields(check.issues, REGISTER_FIELDS).byField;
}

describe('enterprise registration, checked with the shared schema', () => {
  it('accepts a complete form and upper-cases the code', () => {
    const check = checkRegistration(filled({ uscc: ` ${VALID_USCC.toLowerCase()} ` }));
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.input.uscc).toBe(VALID_USCC);
  });

  it('leaves a blank e-mail out of the body, since it is optional', () => {
    expect(registerBody(filled()).contact).toEqual({ name: '王建国', phone: '022-29341001' });
    expect(checkRegistration(filled({ 'contact.email': 'not-mail' })).ok).toBe(false);
  });

  it('names every required field of an empty form in Chinese', () => {
    const byField = messagesByField(emptyRegisterValues());
    expect(Object.keys(byField).sort()).toEqual(['contact.name', 'contact.phone', 'industry', 'name', 'pilotId', 'scale', 'town', 'uscc'].sort());
    for (const messages of Object.values(byField)) expect(messages.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(byField.pilotId).toEqual(['必填项']);
    expect(byField.uscc).toEqual([USCC_PROBLEM_MESSAGES.length]);
  });

  it('explains what is wrong with a 统一社会信用代码', () => {
    const wrongCheck = VALID_USCC.slice(0, 17) + (VALID_USCC.endsWith('0') ? '1' : '0');
    expect(messagesByField(filled({ uscc: wrongCheck })).uscc).toEqual([USCC_PROBLEM_MESSAGES.checksum]);
    expect(messagesByField(filled({ uscc: '91120114MA05T8K3XO' })).uscc).toEqual([USCC_PROBLEM_MESSAGES.charset]);
  });

  it('puts the message of a nested field beside that field', () => {
    expect(messagesByField(filled({ 'contact.phone': 'call me' }))['contact.phone']).toHaveLength(1);
    expect(registerFieldId('contact.phone')).toBe('register-contact-phone');
  });

  it('maps the server’s field issues back to the same fields', () => {
    const error = toApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求，请按提示修改',
      issues: [
        { path: 'town', message: '不是该试点的街镇或园区' },
        { path: 'contact.phone', message: '电话号码格式不正确' },
      ],
    });
    expect(mapIssuesToFields(error.issues, REGISTER_FIELDS).byField).toEqual({
      town: ['不是该试点的街镇或园区'],
      'contact.phone': ['电话号码格式不正确'],
    });
  });
});
