import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import FormField from '../../web/src/lib/components/FormField.svelte';
import type { ControlAttributes } from '../../web/src/lib/components/form-field';
import { byId, description, render } from './support/render';

const input = createRawSnippet((attributes: () => ControlAttributes) => ({
  render: () => {
    const a = attributes();
    const described = a['aria-describedby'] ? ` aria-describedby="${a['aria-describedby']}"` : '';
    const invalid = a['aria-invalid'] ? ` aria-invalid="${a['aria-invalid']}"` : '';
    const required = a['aria-required'] ? ` aria-required="${a['aria-required']}"` : '';
    return `<input id="${a.id}"${described}${invalid}${required} />`;
  },
}));

describe('a form field', () => {
  it('labels its control and marks it required', () => {
    const view = render(FormField, { id: 'f-name', label: '企业名称', required: true, control: input });
    const label = view.querySelector('label');
    expect(label?.htmlFor).toBe('f-name');
    expect(label?.textContent).toContain('企业名称');
    expect(label?.textContent).toContain('必填');
    expect(byId('f-name').getAttribute('aria-required')).toBe('true');
    expect(byId('f-name').hasAttribute('aria-invalid')).toBe(false);
  });

  it('says optional fields are optional', () => {
    const view = render(FormField, { id: 'f-mail', label: '电子邮箱', control: input });
    expect(view.querySelector('label')?.textContent).toContain('选填');
  });

  it('ties its hint and its error to the control and marks it invalid', () => {
    render(FormField, { id: 'f-uscc', label: '统一社会信用代码', hint: '18 位', errors: ['统一社会信用代码校验位不正确'], required: true, control: input });
    const control = byId('f-uscc');
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(description(control)).toBe('18 位 | 统一社会信用代码校验位不正确');
  });
});
