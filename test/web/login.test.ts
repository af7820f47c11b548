import { describe, expect, it } from 'vitest';
import Login from '../../web/src/pages/auth/Login.svelte';
import { BUREAU } from './support/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type FakeRoutes, type RecordedCall } from './support/render';

const ACCOUNTS = [
  { username: 'qiye', name: '天津市武清精密机械有限公司', groups: ['enterprise'] },
  { username: 'gongxinju', name: '区工业和信息化局 刘洋', groups: ['bureau'] },
];

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return { 'GET /local-auth/accounts': { status: 200, body: ACCOUNTS }, ...extra };
}

async function openLogin(extra: FakeRoutes = {}, path = '/login', calls: RecordedCall[] = []) {
  const app = testApp({ routes: routes(extra), path, calls });
  const view = render(Login, { params: {} }, app);
  // The page is ready when its demo accounts have arrived and the form is there.
  await eventually(() => {
    controlLabelled(view, '账号');
    buttonNamed(view, /^使用演示账号gongxinju$/);
  });
  return { app, view };
}

describe('the login page', () => {
  it('labels the username and password fields for autofill', async () => {
    const { view } = await openLogin();
    const username = controlLabelled(view, '账号') as HTMLInputElement;
    const password = controlLabelled(view, '密码') as HTMLInputElement;
    expect(username.autocomplete).toBe('username');
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
  });

  it('lists the local demo accounts with their roles and the shared password', async () => {
    const { view } = await openLogin();
    const section = view.querySelector('section[aria-labelledby="demo-title"]');
    expect(section?.textContent).toContain('pilot2026');
    const rows = [...(section?.querySelectorAll('tbody tr') ?? [])].map((row) => row.textContent?.replace(/\s+/g, ''));
    expect(rows[1]).toContain('gongxinju');
    expect(rows[1]).toContain('区工业和信息化局');
    // Each "use" button's accessible name says which account it fills in.
    expect(buttonNamed(view, /^使用演示账号gongxinju$/)).toBeTruthy();
  });

  it('fills the form from a demo account and moves to the sign-in button', async () => {
    const { view } = await openLogin();
    buttonNamed(view, /^使用演示账号gongxinju$/).click();
    await eventually(() => {
      expect((controlLabelled(view, '账号') as HTMLInputElement).value).toBe('gongxinju');
      expect((controlLabelled(view, '密码') as HTMLInputElement).value).toBe('pilot2026');
      expect(document.activeElement?.textContent?.trim()).toBe('登录');
      expect(view.querySelector('[role=status]')?.textContent).toContain('gongxinju');
    });
  });

  it('asks for the missing fields without calling the server', async () => {
    const calls: RecordedCall[] = [];
    const { view } = await openLogin({}, '/login', calls);
    buttonNamed(view, '登录').click();
    const username = controlLabelled(view, '账号');
    await eventually(() => {
      expect(username.getAttribute('aria-invalid')).toBe('true');
      expect(description(username)).toBe('请输入账号');
      expect(document.activeElement).toBe(username);
    });
    expect(calls.some((call) => call.key === 'POST /local-auth/token')).toBe(false);
  });

  it('shows the server’s message for wrong credentials and clears the password', async () => {
    const { view } = await openLogin({ 'POST /local-auth/token': { status: 401, body: { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' } } });
    buttonNamed(view, /^使用演示账号qiye$/).click();
    await eventually(() => expect((controlLabelled(view, '账号') as HTMLInputElement).value).toBe('qiye'));
    buttonNamed(view, '登录').click();
    const password = controlLabelled(view, '密码') as HTMLInputElement;
    await eventually(() => {
      expect(view.querySelector('[role=alert]')?.textContent).toContain('账号或密码错误');
      expect(password.value).toBe('');
      expect(document.activeElement).toBe(password);
    });
  });

  it('signs in, loads who the user is and returns to the page asked for', async () => {
    const { app, view } = await openLogin(
      {
        'POST /local-auth/token': { status: 200, body: { idToken: 'a.b.c', username: 'gongxinju' } },
        'GET /api/me': { status: 200, body: BUREAU },
      },
      '/login?next=%2Fprojects',
    );
    buttonNamed(view, /^使用演示账号gongxinju$/).click();
    await eventually(() => expect((controlLabelled(view, '账号') as HTMLInputElement).value).toBe('gongxinju'));
    buttonNamed(view, '登录').click();
    await eventually(() => {
      expect(app.session.token).toBe('a.b.c');
      expect(app.session.principal?.name).toBe('区工业和信息化局 刘洋');
      expect(app.router.href).toBe('/projects');
    });
  });
});
