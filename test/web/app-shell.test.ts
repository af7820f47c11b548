import { describe, expect, it } from 'vitest';
import App from '../../web/src/App.svelte';
import { BUREAU, ENTERPRISE, INDEX, USCC } from './support/fixtures';
import { buttonNamed, eventually, render, testApp, waitFor, type TestAppOptions } from './support/render';

async function openApp(options: TestAppOptions) {
  const app = testApp(options);
  const view = render(App, { app }, app);
  await waitFor(() => view.querySelector('main h1'));
  return { app, view };
}

async function heading(view: HTMLElement, text: string): Promise<HTMLElement> {
  return waitFor(() => [...view.querySelectorAll<HTMLElement>('main h1')].find((h1) => h1.textContent === text));
}

describe('the app shell', () => {
  it('offers a skip link, a named main navigation and marks the current page', async () => {
    const { view } = await openApp({ path: '/', routes: { 'GET /data/index.json': { status: 200, body: INDEX } } });
    await eventually(() => {
      const skip = view.querySelector('a.skip-link');
      expect(skip?.getAttribute('href')).toBe('#main');
      expect(skip?.textContent).toBe('跳到主要内容');
      const nav = view.querySelector('nav[aria-label="主导航"]');
      expect(nav?.querySelector('a[aria-current="page"]')?.textContent).toBe('公开数据');
      expect(view.querySelector('.site-user a')?.textContent).toBe('登录');
      expect(document.title).toBe('城市试点公开数据 - 试点通 PilotOps');
    });
  });

  it('sends an anonymous visitor of a signed-in page to the login page, to come back after', async () => {
    const { app, view } = await openApp({ path: '/workbench', routes: { 'GET /local-auth/accounts': { status: 200, body: [] } } });
    await eventually(() => {
      expect(app.router.href).toBe('/login?next=%2Fworkbench');
      expect(view.querySelector('h1')?.textContent).toBe('登录');
    });
  });

  it('shows an official the project queue and the dossier look-up', async () => {
    const { view } = await openApp({ path: '/workbench', principal: BUREAU, routes: { 'GET /api/projects': { status: 200, body: { items: [] } } } });
    await eventually(() => {
      expect(view.querySelector('h1')?.textContent).toBe('工作台');
      expect(view.textContent).toContain('区工业和信息化局 刘洋，您好');
      expect(view.querySelector('#queue-title')?.textContent).toBe('待办与项目列表');
      expect(view.querySelector('#queue [role=status], section[aria-labelledby="queue-title"] [role=status]')?.textContent).toContain('已列出 0 个项目');
      expect(view.querySelector('label[for="lookup-uscc"]')?.textContent).toContain('统一社会信用代码');
      expect(buttonNamed(view, '退出登录')).toBeTruthy();
    });
  });

  it('says so when the project API is not there yet', async () => {
    const { view } = await openApp({ path: '/workbench', principal: BUREAU });
    await eventually(() => {
      expect(view.textContent).toContain('项目接口尚未开放');
    });
  });

  it('asks an enterprise that has not registered to register first', async () => {
    const { view } = await openApp({
      path: '/workbench',
      principal: ENTERPRISE,
      routes: {
        [`GET /api/enterprises/${USCC}`]: { status: 404, body: { code: 'NOT_FOUND', message: '未找到相应记录' } },
        'GET /api/projects': { status: 200, body: { items: [] } },
      },
    });
    await eventually(() => {
      const register = [...view.querySelectorAll('a')].find((link) => link.textContent === '登记企业信息');
      expect(register?.getAttribute('href')).toBe('/enterprise/register');
    });
  });

  it('refuses a role-bound page to a role outside the API’s route table', async () => {
    const expert = { subject: 'u-expert', name: '专家 郑工', roles: ['expert' as const], pilot: 'wuqing-tech' };
    const { view } = await openApp({ path: `/enterprises/${USCC}/dossier`, principal: expert });
    await eventually(() => {
      expect(view.querySelector('h1')?.textContent).toBe('无权访问');
    });
  });

  it('answers unknown paths with a not-found page', async () => {
    const { view } = await openApp({ path: '/no/such/page' });
    await eventually(() => {
      expect(view.querySelector('h1')?.textContent).toBe('页面不存在');
    });
  });

  it('follows in-app links without reloading and focuses the new page’s heading', async () => {
    const { app, view } = await openApp({
      path: '/',
      useWindow: true,
      routes: { 'GET /data/index.json': { status: 200, body: INDEX }, 'GET /local-auth/accounts': { status: 200, body: [] } },
    });
    const login = view.querySelector<HTMLAnchorElement>('.site-user a');
    login?.click();
    const title = await heading(view, '登录');
    await eventually(() => {
      expect(app.router.path).toBe('/login');
      expect(window.location.pathname).toBe('/login');
      expect(document.activeElement).toBe(title);
    });
  });

  it('signs out back to the public home', async () => {
    const { app, view } = await openApp({ path: '/workbench', principal: BUREAU, routes: { 'GET /api/projects': { status: 200, body: { items: [] } }, 'GET /data/index.json': { status: 200, body: INDEX } } });
    buttonNamed(view, '退出登录').click();
    await heading(view, '城市试点公开数据');
    await eventually(() => {
      expect(app.session.signedIn).toBe(false);
      expect(app.router.path).toBe('/');
    });
  });
});

describe('an expired sign-in', () => {
  it('sends the user to the login page with a notice, to come back afterwards', async () => {
    const { app, view } = await openApp({
      path: '/workbench',
      principal: BUREAU,
      routes: {
        'GET /api/projects': { status: 401, body: { message: 'Unauthorized' } },
        'GET /local-auth/accounts': { status: 200, body: [] },
      },
    });
    await waitFor(() => app.router.path === '/login');
    await waitFor(() => view.querySelector('main h1')?.textContent === '登录');
    await eventually(() => {
      expect(app.session.signedIn).toBe(false);
      expect(app.router.query.get('next')).toBe('/workbench');
      expect(view.querySelector('.alert-info[role=status]')?.textContent).toBe('登录已过期，请重新登录');
    });
  });
});
