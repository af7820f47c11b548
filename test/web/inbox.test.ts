import { describe, expect, it } from 'vitest';
import type { InboxEntry, InboxPage } from '../../web/src/lib/api/endpoints';
import SiteHeader from '../../web/src/lib/components/SiteHeader.svelte';
import InboxPageView from '../../web/src/pages/inbox/InboxPage.svelte';
import { BUREAU } from './support/fixtures';
import { buttonNamed, eventually, render, testApp, type RecordedCall } from './support/render';

const BOX = 'BUREAU#wuqing-tech';
const item = (id: string, createdAt: string, extra: Partial<InboxEntry> = {}): InboxEntry => ({
  id,
  recipient: BOX,
  sourceId: id,
  kind: 'warning',
  title: `逾期警示 ${id}`,
  message: '季度进度报告已逾期',
  pilotId: 'wuqing-tech',
  subjectType: 'project',
  subjectId: 'P1',
  dueDay: '2025-07-15',
  createdAt,
  ...extra,
});

const PAGE: InboxPage = {
  box: BOX,
  unread: 2,
  boxes: [{ role: 'bureau', box: BOX, unread: 2 }],
  items: [item('w2', '2025-07-20T01:00:00.000Z'), item('w1', '2025-07-16T01:00:00.000Z', { kind: 'reminder', title: '到期提醒 w1' }), item('w0', '2025-07-01T01:00:00.000Z', { readAt: '2025-07-02T01:00:00.000Z' })],
  cursor: 'next-page',
};

function inboxApp(calls: RecordedCall[] = []) {
  return testApp({
    principal: BUREAU,
    path: '/inbox',
    calls,
    routes: {
      'GET /api/inbox': { status: 200, body: PAGE },
      'POST /api/inbox/w2/read': { status: 200, body: { itemId: 'w2', read: true, unread: 1 } },
    },
  });
}

describe('the inbox', () => {
  it('shows the office’s unread count as a badge in the header nav, named for screen readers', async () => {
    const header = render(SiteHeader, {}, inboxApp());
    await eventually(() => {
      const link = [...header.querySelectorAll('nav a')].find((anchor) => anchor.getAttribute('href') === '/inbox');
      expect(link?.textContent?.replace(/\s+/g, '')).toBe('消息2条未读');
      expect(link?.querySelector('.badge .visually-hidden')?.textContent).toBe('条未读');
    });
  });

  it('lists items newest first, marks the unread ones in words and links to the project', async () => {
    const page = render(InboxPageView, { params: {} }, inboxApp());
    await eventually(() => {
      const titles = [...page.querySelectorAll('article h2')].map((heading) => heading.textContent?.replace(/\s+/g, ' ').trim());
      expect(titles).toEqual(['警示 逾期警示 w2 未读', '提醒 到期提醒 w1 未读', '警示 逾期警示 w0']);
      expect(page.textContent).toContain('未读 2 条');
      expect(page.querySelector('article a')?.getAttribute('href')).toBe('/projects/P1');
      // Each "mark read" button is described by its item's heading, so it is not just "标记为已读" ×N.
      const button = buttonNamed(page.querySelector('article') as HTMLElement, '标记为已读');
      expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toContain('逾期警示 w2');
      expect(buttonNamed(page, '加载更多')).toBeTruthy();
    });
  });

  it('marks an item read, lowers the count from the API’s answer and keeps focus on the item', async () => {
    const calls: RecordedCall[] = [];
    const app = inboxApp(calls);
    const page = render(InboxPageView, { params: {} }, app);
    (await eventually(() => buttonNamed(page.querySelector('article') as HTMLElement, '标记为已读'))).click();
    await eventually(() => {
      expect(calls.some((call) => call.key === 'POST /api/inbox/w2/read')).toBe(true);
      expect(app.inbox.totalUnread).toBe(1);
      expect(page.textContent).toContain('未读 1 条');
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('“逾期警示 w2”已标记为已读。');
      expect(document.activeElement).toBe(page.querySelector('[data-item="w2"]'));
      expect(page.querySelector('[data-item="w2"] button')).toBeNull();
    });
  });
});
