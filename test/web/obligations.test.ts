import { describe, expect, it } from 'vitest';
import type { Obligation } from '../../shared/obligations/model';
import { wuqingTech } from '../../scripts/demo/pilots';
import ObligationsSection from '../../web/src/pages/projects/ObligationsSection.svelte';
import { BUREAU, ENTERPRISE } from './support/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall } from './support/render';

const base = { subjectType: 'project', subjectId: 'P1', pilotId: wuqingTech.id, uscc: ENTERPRISE.uscc, town: 'wq-kfq', openedAt: '2025-07-01T01:00:00.000Z' } as const;
const report: Obligation = { ...base, id: 'P1:quarterly_report:2025Q2', kind: 'quarterly_report', period: '2025Q2', responsible: 'enterprise', dueDay: '2025-07-15', status: 'missed', missedAt: '2025-07-16T16:00:00.000Z' };
const visit: Obligation = { ...base, id: 'P1:quarterly_visit:2025Q3', kind: 'quarterly_visit', period: '2025Q3', responsible: 'operator', dueDay: '2025-09-30', status: 'open' };

function open(principal = BUREAU, calls: RecordedCall[] = [], today = '2025-08-01') {
  const app = testApp({
    principal,
    calls,
    routes: {
      'GET /api/projects/P1/obligations': { status: 200, body: { items: [report, visit] } },
      [`POST /api/obligations/${encodeURIComponent(visit.id)}/fulfil`]: (init) => {
        const { note } = JSON.parse(String(init.body)) as { note: string };
        return { status: 200, body: { ...visit, status: 'fulfilled', fulfilledAt: '2025-08-01T02:00:00.000Z', note } };
      },
    },
  });
  return render(ObligationsSection, { projectId: 'P1', today }, app);
}

describe('a project’s obligations and deadlines', () => {
  it('shows a duty still open after its due day as late, before the sweep has marked it', async () => {
    const page = open(ENTERPRISE, [], '2025-10-03');
    await eventually(() => {
      const states = [...page.querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild?.textContent?.trim());
      expect(states).toEqual(['已逾期 80 天', '已逾期 3 天']);
    });
  });

  it('lists each duty with who owes it, its due day and state, in a labelled table', async () => {
    const page = open(ENTERPRISE);
    await eventually(() => {
      const rows = [...page.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent?.trim()));
      expect(rows).toEqual([
        ['季度进度报告', '2025年第2季度', '企业', '2025年7月15日', '已逾期 17 天'],
        ['季度走访检查', '2025年第3季度', '综合管理服务商', '2025年9月30日', '办理中'],
      ]);
      expect(page.querySelector('[role="region"]')?.getAttribute('aria-labelledby')).toBe('obligations-caption');
      // The enterprise records nothing by hand.
      expect(page.querySelector('details')).toBeNull();
    });
  });

  it('lets the bureau record the visit, refusing an empty note beside the field first', async () => {
    const calls: RecordedCall[] = [];
    const page = open(BUREAU, calls);
    await eventually(() => {
      expect([...page.querySelectorAll('details > summary')].map((summary) => summary.textContent)).toEqual(['登记“季度走访检查”（2025年第3季度）已完成']);
    });
    buttonNamed(page, '登记完成').click();
    const note = controlLabelled(page, '办理情况');
    await eventually(() => {
      expect(note.getAttribute('aria-invalid')).toBe('true');
      expect(description(note)).toContain('至少 1 个字符');
    });
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);

    type(note as HTMLInputElement, '7月31日走访，产线调试正常');
    buttonNamed(page, '登记完成').click();
    await eventually(() => {
      expect(JSON.parse(String(calls.find((call) => call.key.startsWith('POST'))?.init.body))).toEqual({ note: '7月31日走访，产线调试正常' });
      const status = page.querySelector('[role="status"].alert-success');
      expect(status?.textContent).toBe('“季度走访检查”已登记完成。');
      expect(document.activeElement).toBe(status);
      expect(page.querySelector('details')).toBeNull();
      expect(page.querySelectorAll('tbody tr')[1]?.textContent).toContain('已完成');
    });
  });
});
