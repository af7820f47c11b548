import { describe, expect, it } from 'vitest';
import { wuqingTech } from '../../scripts/demo/pilots';
import ProjectDetail from '../../web/src/pages/projects/ProjectDetail.svelte';
import { draft, ENTERPRISE, step, TOWN, viewFor } from '../unit/web/project-fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall } from './support/render';

const submitted = step(draft(), 'submit', {}, ENTERPRISE);

function open(calls: RecordedCall[] = []) {
  const view = viewFor(TOWN, submitted);
  const app = testApp({
    principal: TOWN,
    path: `/projects/${view.id}`,
    calls,
    routes: {
      [`GET /api/projects/${view.id}`]: { status: 200, body: view },
      [`GET /api/projects/${view.id}/evidence`]: { status: 200, body: { items: [] } },
      'GET /api/pilots/wuqing-tech': { status: 200, body: wuqingTech },
      [`POST /api/projects/${view.id}/actions/recommend`]: (init) => {
        const body = JSON.parse(String(init.body)) as { input: { recommendation: string } };
        return { status: 200, body: { ...viewFor(TOWN, step(submitted, 'recommend', body.input, TOWN)) } };
      },
    },
  });
  return render(ProjectDetail, { params: { projectId: view.id } }, app);
}

describe('a project page for the town that reviews it', () => {
  it('offers the town’s two steps, names the town and lists the history', async () => {
    const page = open();
    await eventually(() => {
      const summaries = [...page.querySelectorAll('details.action > summary')].map((summary) => summary.textContent);
      expect(summaries).toEqual(['初审推荐', '初审退回修改']);
      expect(page.textContent).toContain('武清经济技术开发区');
      expect([...page.querySelectorAll('.timeline strong')].map((entry) => entry.textContent)).toEqual(['新建申报草稿', '提交申报（第 1 版）']);
    });
  });

  it('refuses an empty recommendation beside the field, in Chinese, without calling the API', async () => {
    const calls: RecordedCall[] = [];
    const page = open(calls);
    (await eventually(() => buttonNamed(page, '初审推荐'))).click();
    const field = controlLabelled(page, '推荐意见');
    await eventually(() => {
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(description(field)).toMatch(/必填|至少 1 个字符/);
    });
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
  });

  it('sends the step with the version seen and an idempotency key, then confirms it and moves focus there', async () => {
    const calls: RecordedCall[] = [];
    const page = open(calls);
    type(await eventually(() => controlLabelled(page, '推荐意见') as HTMLInputElement), '同意推荐');
    buttonNamed(page, '初审推荐').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/actions/recommend'));
      expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: submitted.version, input: { recommendation: '同意推荐' } });
      expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
      const status = page.querySelector('[role="status"].alert-success');
      expect(status?.textContent).toBe('“初审推荐”已办理。');
      expect(document.activeElement).toBe(status);
      expect(page.querySelector('.tag')?.textContent).toBe('街镇已推荐');
    });
  });
});
