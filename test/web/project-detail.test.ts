import { describe, expect, it } from 'vitest';
import { wuqingTech } from '../../scripts/demo/pilots';
import ProjectDetail from '../../web/src/pages/projects/ProjectDetail.svelte';
import { applicationReviewFor } from '../../shared/projects/application-review';
import type { Project } from '../../shared/projects/model';
import { draft, ENTERPRISE, step, TOWN, viewFor } from '../unit/web/project-fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall, waitFor } from './support/render';

const submitted = step(draft(), 'submit', {}, ENTERPRISE);

const EVIDENCE = { id: 'ev-1', holder: { type: 'project', projectId: 'P1' }, category: 'plan', fileName: '实施方案.pdf', contentType: 'application/pdf', size: 10, sha256: 'x', uploader: 'qiye', uploadedAt: '2025-03-01T02:00:00Z' };

function open(calls: RecordedCall[] = [], project: Project = submitted, review = applicationReviewFor(TOWN.roles, submitted, [{ applicationVersion: 1, submittedAt: submitted.submittedAt ?? '', application: submitted.application }]), answer?: Project) {
  const view = viewFor(TOWN, project);
  const app = testApp({
    principal: TOWN,
    path: `/projects/${view.id}`,
    calls,
    routes: {
      [`GET /api/projects/${view.id}`]: { status: 200, body: view },
      [`GET /api/projects/${view.id}/evidence`]: { status: 200, body: { items: [EVIDENCE] } },
      [`GET /api/projects/${view.id}/application`]: { status: 200, body: review },
      'GET /api/pilots/wuqing-tech': { status: 200, body: wuqingTech },
      [`POST /api/projects/${view.id}/actions/recommend`]: (init) => {
        const body = JSON.parse(String(init.body)) as { input: { recommendation: string } };
        return { status: 200, body: { ...viewFor(TOWN, answer ?? step(submitted, 'recommend', body.input, TOWN)) } };
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

describe('a reviewer reads the application on the project page', () => {
  it('shows the plan, milestones, budget with its total, the indicators and the checklist', async () => {
    const page = open();
    const summary = await waitFor(() => page.querySelector('.application-summary .plan-text') && page.querySelector('.application-summary'));
    expect(summary?.querySelector('.plan-text')?.textContent).toBe('建设数字化车间。');
    expect(summary?.textContent).toContain('设备安装');
    expect(summary?.textContent).toContain('2026年6月30日');
    expect(summary?.querySelector('tfoot')?.textContent).toContain('1,200 万元');
    expect(summary?.querySelector('tfoot')?.textContent).toMatch(/500 万元.*占总投资 41.7%/);
    expect(summary?.textContent).toContain('数控化率');
    expect([...(summary?.querySelectorAll('.checklist .check-missing') ?? [])].map((item) => item.textContent)).toEqual([expect.stringContaining('上传的项目材料')]);
    expect(summary?.textContent).toContain('第 1 版');
  });

  it('lists what changed since the version the town returned, naming files by their file name', async () => {
    const returned = step(submitted, 'return_for_revision', { comments: '请补充材料' }, TOWN);
    const revised = step(returned, 'save_draft', { ...submitted.application, fundRequestedWan: 400, evidenceIds: ['ev-1'] }, ENTERPRISE);
    const again = step(revised, 'submit', {}, ENTERPRISE);
    const versions = [
      { applicationVersion: 1, submittedAt: submitted.submittedAt ?? '', application: submitted.application },
      { applicationVersion: 2, submittedAt: again.submittedAt ?? '', application: again.application },
    ];
    const page = open([], again, applicationReviewFor(TOWN.roles, again, versions));
    await eventually(() => {
      const changes = [...page.querySelectorAll('.application-summary .alert-info li')].map((item) => item.textContent);
      expect(changes).toEqual(['申请支持金额：500 万元 → 400 万元', '新增材料：实施方案.pdf']);
    });
    expect(page.querySelector('.application-summary .alert-info h3')?.textContent).toMatch(/与退回的第 1 版/);
  });
});

describe('a step’s confirmation on the project page', () => {
  it('is cleared when the user opens a step again, so an old success never stands beside a new attempt', async () => {
    // The server's answer still offers the town its steps (a stand-in for any step that leaves more to do).
    const page = open([], submitted, undefined, { ...submitted, version: submitted.version + 1 });
    await waitFor(() => page.querySelector('details.action'));
    type(controlLabelled(page, '推荐意见') as HTMLInputElement, '同意推荐');
    buttonNamed(page, '初审推荐').click();
    await eventually(() => expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('“初审推荐”已办理。'));
    const details = page.querySelector<HTMLDetailsElement>('details.action');
    if (details) {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    }
    expect(details).not.toBeNull();
    await eventually(() => expect(page.querySelector('[role="status"].alert-success')).toBeNull());
  });
});
