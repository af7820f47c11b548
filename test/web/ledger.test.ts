import { describe, expect, it } from 'vitest';
import type { SelfEvaluationSheet } from '../../shared/evaluation/sheets';
import type { MatchingRatio } from '../../shared/funds/ledger';
import LedgerPage from '../../web/src/pages/funds/LedgerPage.svelte';
import WorkbenchLinks from '../../web/src/pages/workbench/WorkbenchLinks.svelte';
import { BUREAU, ENTERPRISE } from './support/fixtures';
import { buttonNamed, render, testApp, waitFor } from './support/render';

const SHEETS: SelfEvaluationSheet[] = [
  { name: '资金台账', title: '武清区试点 专项资金台账', columns: [{ header: '日期', width: 22 }, { header: '项目', width: 36 }, { header: '金额（万元）', width: 12 }], rows: [['2025-04-15', '精密零部件数字化车间改造', 150]] },
];
const base = '/api/pilots/wuqing-tech/ledger';

function open(matching: MatchingRatio, recoveries: Array<{ outstandingWan: number }> = []) {
  const app = testApp({
    principal: BUREAU,
    routes: { [`GET ${base}`]: { status: 200, body: { pilot: { id: 'wuqing-tech', name: '武清区试点' }, ledger: { matching, recoveries }, sheets: SHEETS } } },
  });
  return render(LedgerPage, { params: { pilotId: 'wuqing-tech' } }, app);
}

const basis = (centralWan: number, localWan: number) => ({ centralWan, localWan, ratio: centralWan > 0 ? localWan / centralWan : null, belowOneToOne: centralWan > 0 && localWan < centralWan });

describe('the ledger page (issue 13)', () => {
  it('names the pilot, shows the matching ratio on both bases and the ledger’s tables', async () => {
    const page = open({ approved: basis(1000, 1000), paid: basis(400, 400), warning: false });
    await waitFor(() => page.querySelectorAll('section li').length === 2);
    expect(page.querySelector('h1')?.textContent).toBe('武清区试点 专项资金台账');
    expect([...page.querySelectorAll('section li')].map((item) => item.textContent)).toEqual([
      '按净批复：1.00 : 1（地方 1000 万元，中央 1000 万元）',
      '按净拨付：1.00 : 1（地方 400 万元，中央 400 万元）',
    ]);
    expect(page.querySelector('[role="status"]')).toBeNull();
    expect(page.querySelector('caption')?.textContent).toBe('武清区试点 专项资金台账');
    expect(buttonNamed(page, '下载 Excel 台账')).toBeTruthy();
  });

  it('warns when local matching falls below 1:1 (002 §五(二)) and when recovered money is still owed', async () => {
    const page = open({ approved: basis(1000, 950), paid: basis(400, 370), warning: true }, [{ outstandingWan: 20 }, { outstandingWan: 0 }]);
    await waitFor(() => page.querySelectorAll('[role="status"]').length === 2);
    expect([...page.querySelectorAll('[role="status"]')].map((alert) => alert.textContent?.trim())).toEqual([
      '地方配套比例低于 1:1，请核实地方配套资金安排。',
      '尚有 1 项收回决定未缴回完毕，待缴回 20 万元。',
    ]);
  });

  it('says so when there are no central funds yet, instead of a ratio', async () => {
    const page = open({ approved: basis(0, 100), paid: basis(0, 0), warning: false });
    await waitFor(() => page.querySelector('section li'));
    expect(page.querySelector('section li')?.textContent).toBe('按净批复：暂无中央奖补资金');
  });

  it('is linked from the bureau’s workbench, not the enterprise’s', () => {
    const bureauLinks = [...render(WorkbenchLinks, { principal: BUREAU }).querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href')]);
    expect(bureauLinks).toContainEqual(['专项资金台账', '/pilots/wuqing-tech/ledger']);
    const enterpriseLinks = [...render(WorkbenchLinks, { principal: ENTERPRISE }).querySelectorAll('a')].map((link) => link.textContent);
    expect(enterpriseLinks).not.toContain('专项资金台账');
  });
});
