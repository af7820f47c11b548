import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PilotLedger } from '../../shared/funds/ledger';
import { startTestStack, testAccount, type TestStack } from './support/gateway';

/**
 * Money by source (issue 13) on the demo data: the technology pilot's ledger through the gateway on
 * the real engines — entries by source with their vouchers, the 收回 order and its repayment netted
 * out, the 002 §五(二) matching ratio and its warning — and the public snapshot reading the same.
 */
let stack: TestStack;
const PILOT = 'wuqing-tech';

beforeAll(async () => {
  stack = await startTestStack();
  const { seedDemoData } = await import('../../scripts/demo/seed');
  await seedDemoData(new Date('2026-02-01T02:00:00Z'));
});

afterAll(async () => {
  await stack.close();
});

describe('the demo pilot’s ledger', () => {
  it('lists every payment by source with its voucher, and the 收回 order with its repayment', async () => {
    const finance = await stack.as(testAccount('caizhengju', ['finance'], { pilot: PILOT }));
    const reply = await finance.get<{ pilot: { name: string }; ledger: PilotLedger }>(`/pilots/${PILOT}/ledger`);
    expect(reply.status).toBe(200);
    const { ledger } = reply.body;
    const demo2 = ledger.entries.filter((entry) => entry.projectId === 'DEMO-002');
    expect(demo2.map((entry) => [entry.kind, entry.source, entry.amountWan])).toEqual([
      ['disbursement', 'central', 150],
      ['disbursement', 'local', 150],
      ['investment', 'enterprise', 900],
      ['recovery_order', 'local', 50],
      ['repayment', 'local', 30],
    ]);
    for (const entry of demo2.filter((candidate) => candidate.kind !== 'investment')) expect(entry.evidenceIds, entry.kind).toHaveLength(1);
    expect(ledger.recoveries).toEqual([expect.objectContaining({ projectId: 'DEMO-002', measure: 'recovery', amountWan: 50, outstandingWan: 20, documentRef: '武工信〔2025〕31号' })]);
    // DEMO-001 (accepted, paid in full), DEMO-002 (in progress), DEMO-003 (fund plan), DEMO-004 (public notice): 250 + 250 each
    expect(ledger.totals.central).toMatchObject({ approvedWan: 1000, netApprovedWan: 1000, paidWan: 400, netPaidWan: 400 });
    expect(ledger.totals.local).toMatchObject({ approvedWan: 1000, recoveryOrderedWan: 50, netApprovedWan: 950, paidWan: 400, repaidWan: 30, netPaidWan: 370, outstandingWan: 20 });
    // 003 §二(二): DEMO-004's enterprise already holds central funds on DEMO-001 — flagged at its selection
    expect(ledger.projects.find((line) => line.projectId === 'DEMO-004')?.centralFundingElsewhere).toEqual([
      { programme: '试点项目：精密零部件数字化车间改造', projectId: 'DEMO-001', pilotId: PILOT, amountWan: 250 },
    ]);
    expect(ledger.projects.find((line) => line.projectId === 'DEMO-001')?.centralFundingElsewhere).toEqual([]);
    // 002 §五(二): the recovery takes the local approvals below 1:1
    expect(ledger.matching).toEqual({
      approved: { centralWan: 1000, localWan: 950, ratio: 0.95, belowOneToOne: true },
      paid: { centralWan: 400, localWan: 370, ratio: 0.925, belowOneToOne: true },
      warning: true,
    });
  });

  it('downloads as a workbook, reads for the supervisor, and is no one else’s to read', async () => {
    const supervisor = await stack.as(testAccount('shengting', ['supervisor'], { supervision: 'ministry' }));
    expect((await supervisor.get(`/pilots/${PILOT}/ledger`)).status).toBe(200);
    const otherBureau = await stack.as(testAccount('gongxinju-sme', ['bureau'], { pilot: 'wuqing-sme' }));
    expect((await otherBureau.get(`/pilots/${PILOT}/ledger`)).status).toBe(404);
    const enterprise = await stack.as(testAccount('qiye', ['enterprise'], { uscc: '91120114MA05XXXX01' }));
    expect((await enterprise.get(`/pilots/${PILOT}/ledger`)).status).toBe(403);
    // the binary download through a gateway whose tokens this test holds (as test/integration/evaluations.test.ts does)
    const { createLocalIssuer } = await import('../../scripts/local/auth');
    const { startGateway } = await import('../../scripts/local/gateway');
    const { s3 } = await import('../../functions/commons/clients');
    const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
    const gateway = await startGateway({ issuer, accounts: [], s3, siteBucket: stack.env.SITE_BUCKET ?? '', now: () => new Date('2026-02-01T02:00:00Z') });
    try {
      const token = await issuer.issue(testAccount('gongxinju', ['bureau'], { pilot: PILOT }));
      const response = await fetch(`${gateway.url}/api/pilots/${PILOT}/ledger/workbook`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('专项资金台账.xlsx'));
      const { readWorkbook } = await import('../../shared/evaluation/xlsx');
      const sheets = await readWorkbook(Buffer.from(await response.arrayBuffer()));
      expect(sheets.map((sheet) => sheet.name)).toEqual(['资金台账', '分项目资金', '资金汇总', '收回扣减']);
      expect(sheets[3]?.rows[2]).toEqual(['智能装备柔性产线与MES升级', '收回', '地方财政资金', 50, 20, '武工信〔2025〕31号', '2025-09-01T02:00:00.000Z']);
    } finally {
      await gateway.close();
    }
  });

  it('publishes the funds net of the recovery, by source, with the matching ratio', async () => {
    const snapshot = (await (await fetch(`${stack.url}/data/pilots/${PILOT}.json`)).json()) as { funds: Record<string, unknown> };
    expect(snapshot.funds).toEqual({
      approvedWan: 1950,
      disbursedWan: 770,
      bySource: { central: { approvedWan: 1000, disbursedWan: 400 }, local: { approvedWan: 950, disbursedWan: 370 } },
      recoveredWan: 50,
      localMatchingRatio: 0.95,
    });
  });
});
