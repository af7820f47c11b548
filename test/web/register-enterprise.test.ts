import { describe, expect, it } from 'vitest';
import { wuqingTech } from '../../scripts/demo/pilots';
import RegisterEnterprise from '../../web/src/pages/enterprise/RegisterEnterprise.svelte';
import { ENTERPRISE, PILOT_LIST, USCC } from './support/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type FakeRoutes, type RecordedCall } from './support/render';

const BASE_ROUTES: FakeRoutes = {
  'GET /api/pilots': { status: 200, body: PILOT_LIST },
  'GET /api/pilots/wuqing-tech': { status: 200, body: wuqingTech },
};

async function openForm(routes: FakeRoutes = {}, calls: RecordedCall[] = []) {
  const app = testApp({ principal: ENTERPRISE, path: '/enterprise/register', routes: { ...BASE_ROUTES, ...routes }, calls });
  const view = render(RegisterEnterprise, { params: {} }, app);
  // Ready once the pilots have arrived and the account's town is chosen.
  await eventually(() => expect((controlLabelled(view, '所属街镇/园区') as HTMLSelectElement).value).toBe('wq-kfq'));
  return { app, view };
}

function fillValid(view: HTMLElement): void {
  type(controlLabelled(view, '企业名称') as HTMLInputElement, '天津市武清精密机械有限公司');
  type(controlLabelled(view, '所属行业') as HTMLInputElement, '通用设备制造业');
  const above = view.querySelector<HTMLInputElement>('input[type=radio][value=above]');
  above?.click();
  type(controlLabelled(view, '联系人姓名') as HTMLInputElement, '王建国');
  type(controlLabelled(view, '联系电话') as HTMLInputElement, '022-29341001');
}

describe('the enterprise registration page', () => {
  it('labels every field and pre-fills what the account is bound to', async () => {
    const { view } = await openForm();
    await eventually(() => {
      const uscc = controlLabelled(view, '统一社会信用代码') as HTMLInputElement;
      expect(uscc.value).toBe(USCC);
      expect(uscc.readOnly).toBe(true);
      expect(description(uscc)).toContain('与登录账号绑定');
      expect((controlLabelled(view, '所属试点') as HTMLSelectElement).value).toBe('wuqing-tech');
      const town = controlLabelled(view, '所属街镇/园区') as HTMLSelectElement;
      expect([...town.options].map((option) => option.textContent)).toContain('武清经济技术开发区');
      expect(town.value).toBe('wq-kfq');
      const scale = view.querySelector('fieldset legend');
      expect(scale?.textContent).toContain('企业规模');
    });
  });

  it('checks the form before sending and puts each message beside its field', async () => {
    const calls: RecordedCall[] = [];
    const { view } = await openForm({}, calls);
    buttonNamed(view, '提交登记').click();
    await eventually(() => {
      const summary = view.querySelector('.error-summary');
      expect(summary?.getAttribute('role')).toBe('alert');
      expect(document.activeElement).toBe(summary);
      const links = [...(summary?.querySelectorAll('a') ?? [])].map((link) => link.getAttribute('href'));
      expect(links).toContain('#register-name');
      expect(links).toContain('#register-contact-phone');

      const name = controlLabelled(view, '企业名称');
      expect(name.getAttribute('aria-invalid')).toBe('true');
      expect(description(name)).toMatch(/字符|必填/);
      const radios = view.querySelector('fieldset[aria-describedby]');
      expect(radios?.getAttribute('aria-describedby')).toBe('register-scale-error');
      expect(calls.some((call) => call.key === 'POST /api/enterprises')).toBe(false);
    });
  });

  it('clears a message once the field is fixed and left', async () => {
    const { view } = await openForm();
    buttonNamed(view, '提交登记').click();
    const name = controlLabelled(view, '企业名称') as HTMLInputElement;
    await eventually(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    type(name, '天津市武清精密机械有限公司');
    name.dispatchEvent(new FocusEvent('blur'));
    await eventually(() => expect(name.hasAttribute('aria-invalid')).toBe(false));
  });

  it('maps the server’s field issues back beside the fields they name', async () => {
    const { view } = await openForm({
      'POST /api/enterprises': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求，请按提示修改', issues: [{ path: 'town', message: '不是该试点的街镇或园区' }] },
      },
    });
    fillValid(view);
    buttonNamed(view, '提交登记').click();
    await eventually(() => {
      const town = controlLabelled(view, '所属街镇/园区');
      expect(town.getAttribute('aria-invalid')).toBe('true');
      expect(description(town)).toBe('不是该试点的街镇或园区');
      expect(view.querySelector('.error-summary a')?.getAttribute('href')).toBe('#register-town');
    });
  });

  it('says so when the enterprise is already registered', async () => {
    const { view } = await openForm({ 'POST /api/enterprises': { status: 409, body: { code: 'ALREADY_EXISTS', message: '记录已存在' } } });
    fillValid(view);
    buttonNamed(view, '提交登记').click();
    await eventually(() => {
      expect(view.querySelector('.error-summary')?.textContent).toContain('本企业已经登记过');
    });
  });

  it('registers and goes to the workbench with a confirmation', async () => {
    const calls: RecordedCall[] = [];
    const { app, view } = await openForm({ 'POST /api/enterprises': { status: 201, body: {} } }, calls);
    fillValid(view);
    buttonNamed(view, '提交登记').click();
    await eventually(() => {
      const post = calls.find((call) => call.key === 'POST /api/enterprises');
      expect(JSON.parse(String(post?.init.body))).toMatchObject({ uscc: USCC, town: 'wq-kfq', scale: 'above', contact: { name: '王建国', phone: '022-29341001' } });
      expect(app.router.path).toBe('/workbench');
      expect(app.notice?.message).toBe('企业信息已登记。');
    });
  });
});
