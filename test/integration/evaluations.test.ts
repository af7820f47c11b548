import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, declare, declarationFor, pdfFile } from './support/evidence';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import type { Indicator, Pilot } from '../../shared/pilots/model';

/**
 * Indicators against targets through the gateway: a data unit reports, the bureau approves and
 * locks; a derived indicator follows a key project walked through the real lifecycle; the yearly
 * self-evaluation comes back as JSON and as a workbook read with the spreadsheet library; the
 * supervisor sees every pilot side by side.
 */
const PILOT = 'wuqing-tech';
const indicator = (code: string, name: string, unit: string, target: number, extra: Partial<Indicator> = {}): Indicator => ({
  code, name, unit, target, targetDate: '2027-12-31', direction: 'at_least', source: 'reported', ...extra,
});
const TECH: Pilot = {
  id: PILOT, name: '武清区制造业新型技术改造城市试点', city: '天津市武清区', kind: 'tech_transformation', division: '120114',
  periodStart: '2025-01-01', periodEnd: '2028-03-31', towns: [{ code: 'wq-kjg', name: '京津科技谷' }], source: '000_b38a90b68ab3433a.txt',
  indicators: [
    indicator('tt-03', '主导产业累计实施数字化技术改造的规模以上工业企业数量', '个', 136, { source: 'derived', derivation: 'above_scale_firms_transformed' }),
    indicator('tt-04', '全员劳动生产率', '元/人', 175000, { responsibleUnit: '区统计局' }),
    indicator('tt-07', '规模以上工业单位增加值能耗', '吨标准煤/万元', 0.66, { direction: 'at_most', responsibleUnit: '区发展改革委' }),
  ],
};
const OTHER: Pilot = { ...TECH, id: 'binhai-tech', name: '滨海新区制造业新型技术改造城市试点', city: '天津市滨海新区', division: '120116', indicators: [TECH.indicators[1] as Indicator] };

const accounts = {
  stats: testAccount('tongjiju', ['data_unit'], { data_unit: '区统计局', pilot: PILOT }),
  ndrc: testAccount('fagaiwei', ['data_unit'], { data_unit: '区发展改革委', pilot: PILOT }),
  bureau: testAccount('gongxinju', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('binhai', ['bureau'], { pilot: OTHER.id }),
  supervisor: testAccount('shengting', ['supervisor'], { supervision: 'ministry' }),
  enterprise: testAccount('qiye', ['enterprise'], { uscc: '91120114MA05T8K3XW', pilot: PILOT }),
};
type Who = keyof typeof accounts;

let stack: TestStack;
const clients = {} as Record<Who, ApiClient>;
/** A second gateway on the same tables, whose tokens this file holds, for the binary download. */
let raw: { url: string; token: (who: Who) => Promise<string>; close: () => Promise<void> };

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  const { createLocalIssuer } = await import('../../scripts/local/auth');
  const { startGateway } = await import('../../scripts/local/gateway');
  const { s3 } = await import('../../functions/commons/clients');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  const gateway = await startGateway({ issuer, accounts: [], s3, siteBucket: stack.env.SITE_BUCKET ?? '', now: () => new Date('2026-01-20T02:00:00Z') });
  raw = { url: gateway.url, token: (who) => issuer.issue(accounts[who]), close: () => gateway.close() };
  const { putPilot } = await import('../../functions/commons/store/pilots');
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  const { getStoredProject, saveDecision } = await import('../../functions/commons/store/projects');
  const { createDraft, decide } = await import('../../shared/projects/decide');
  const { DEMO_ENTERPRISES } = await import('../../scripts/demo/enterprises');
  const { DEMO_PROJECTS, walkDemoProject } = await import('../../scripts/demo/projects');
  await putPilot(TECH);
  await putPilot(OTHER);
  const enterprise = DEMO_ENTERPRISES[1];
  if (!enterprise) throw new Error('no demo enterprise');
  await createEnterprise({ ...enterprise, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'test', version: 1 });
  // A key project walked through the real lifecycle up to its fund plan (in_progress), as the handlers write it.
  const demo = DEMO_PROJECTS.find((project) => project.id === 'DEMO-002');
  if (!demo) throw new Error('no demo project');
  let stored: Awaited<ReturnType<typeof getStoredProject>>;
  await walkDemoProject(demo, {
    async create(input, actor, at, id) {
      const decision = createDraft(input, actor, at, id, { uscc: enterprise.uscc, pilotId: enterprise.pilotId, town: enterprise.town });
      await saveDecision(undefined, decision, { status: 201, body: null }, undefined, at);
      stored = await getStoredProject(id);
      return decision.project;
    },
    async act(project, action, input, actor, at) {
      const decision = decide(project, action, input, actor, at);
      await saveDecision(stored, decision, { status: 200, body: null }, undefined, at);
      stored = await getStoredProject(project.id);
      return decision.project;
    },
  });
});

afterAll(async () => {
  await raw.close();
  await stack.close();
});

interface ValueBody { status: string; version: number; code?: string; working: { value: number }; details?: Record<string, unknown> }
const valuePath = (code: string, period: string, action: string) => `/pilots/${PILOT}/indicators/${code}/periods/${period}/actions/${action}`;
let version = 0;
async function act(who: Who, code: string, period: string, action: string, input: unknown, expectedVersion = version) {
  stack.setNow(new Date('2026-01-20T02:00:00Z'));
  const reply = await clients[who].post<ValueBody>(valuePath(code, period, action), { expectedVersion, input });
  if (reply.status < 300) version = reply.body.version;
  return reply;
}

const periodPath = (code: string, period: string) => `/pilots/${PILOT}/indicators/${code}/periods/${period}`;
const source = (who: Who, code: string, period: string, label: string) =>
  attach(clients[who], periodPath(code, period), { bytes: pdfFile(`${code} ${period} ${label}`), category: 'statistical_source', fileName: `${label}.pdf`, contentType: 'application/pdf' });

describe('a reported indicator value', () => {
  it('takes its data sources from the responsible unit only, into its own indicator and period', async () => {
    stack.setNow(new Date('2026-01-20T02:00:00Z'));
    const sources = await declare(clients.ndrc, periodPath('tt-04', '2025'), declarationFor(pdfFile('s'), 'statistical_source', '统计年报.pdf', 'application/pdf'));
    expect(sources.body).toMatchObject({ code: 'FORBIDDEN' });
    const derived = await declare(clients.stats, periodPath('tt-03', '2025'), declarationFor(pdfFile('d'), 'other', '说明.pdf', 'application/pdf'));
    expect(derived.body).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await declare(clients.otherBureau, periodPath('tt-04', '2025'), declarationFor(pdfFile('o'), 'other', 'x.pdf', 'application/pdf'))).status).toBe(403);
    expect((await clients.otherBureau.get(`${periodPath('tt-04', '2025')}/evidence`)).status).toBe(404);
    expect((await clients.enterprise.get(`${periodPath('tt-04', '2025')}/evidence`)).status).toBe(403);
    const elsewhere = await source('stats', 'tt-04', '2024', '2024年统计年报');
    const refused = await act('stats', 'tt-04', '2025', 'save', { value: 168000, note: '统计年报', evidenceIds: [elsewhere] });
    expect(refused.body).toMatchObject({ code: 'EVIDENCE_REFERENCE_INVALID', issues: [{ path: 'evidenceIds.0', message: '佐证材料不存在、尚未完成上传或不属于本指标本统计期' }] });
  });

  it('is drafted and submitted by the responsible data unit, approved and locked by the bureau', async () => {
    const evidence = await source('stats', 'tt-04', '2025', '2025年统计年报');
    const draft = await act('stats', 'tt-04', '2025', 'save', { value: 168000, note: '统计年报', evidenceIds: [evidence] });
    expect(draft.status).toBe(201);
    const listed = await clients.bureau.get<{ items: Array<{ id: string; category: string; uploader: { role: string } }> }>(`${periodPath('tt-04', '2025')}/evidence`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: evidence, category: 'statistical_source', uploader: expect.objectContaining({ role: 'data_unit' }) })]);
    expect((await clients.supervisor.get(`${periodPath('tt-04', '2025')}/evidence/${evidence}/download`)).status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, working: { value: 168000 } });
    expect((await act('stats', 'tt-04', '2025', 'submit', {})).body.status).toBe('submitted');
    expect((await act('bureau', 'tt-04', '2025', 'approve', { comments: '同意' })).body.status).toBe('approved');
    expect((await act('bureau', 'tt-04', '2025', 'lock', {})).body.status).toBe('locked');
  });

  it('refuses any change to a locked period, a stale version and another unit’s indicator', async () => {
    expect((await act('stats', 'tt-04', '2025', 'save', { value: 1 })).body.code).toBe('ILLEGAL_TRANSITION');
    const late = await declare(clients.stats, periodPath('tt-04', '2025'), declarationFor(pdfFile('late'), 'statistical_source', '补充.pdf', 'application/pdf'));
    expect(late.body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await act('stats', 'tt-04', '2025', 'save', { value: 1 }, 1)).status).toBe(409);
    expect((await act('stats', 'tt-07', '2025', 'save', { value: 0.7 }, 0)).status).toBe(404);
    expect((await act('stats', 'tt-03', '2025', 'save', { value: 3 }, 0)).body.code).toBe('NOT_FOUND');
    expect((await act('ndrc', 'tt-07', '2025', 'save', { value: 0.71, evidenceIds: [await source('ndrc', 'tt-07', '2025', '能耗统计')] }, 0)).status).toBe(201);
  });

  it('keeps the history of every change', async () => {
    const detail = await clients.bureau.get<{ history: Array<{ action: string; version: number }>; values: Array<{ period: string; status: string; availableActions: string[] }> }>(`/pilots/${PILOT}/indicators/tt-04`);
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((entry) => entry.action)).toEqual(['save', 'submit', 'approve', 'lock']);
    expect(detail.body.values).toEqual([expect.objectContaining({ period: '2025', status: 'locked', availableActions: [] })]);
  });
});

describe('the indicator board', () => {
  it('derives the count of transformed above-scale firms from the project records and shows approved values only', async () => {
    stack.setNow(new Date('2026-01-20T02:00:00Z'));
    const board = await clients.bureau.get<{ rows: Array<{ indicator: { code: string }; evaluation: { status: string; latest: { value: number } | null }; pending: unknown[] }> }>(`/pilots/${PILOT}/indicators`);
    expect(board.status).toBe(200);
    const byCode = Object.fromEntries(board.body.rows.map((row) => [row.indicator.code, row]));
    expect(byCode['tt-03']?.evaluation).toMatchObject({ status: 'at_risk', latest: { value: 1 } });
    expect(byCode['tt-04']?.evaluation.latest?.value).toBe(168000);
    expect(byCode['tt-07']).toMatchObject({ evaluation: { status: 'no_data' }, pending: [{ period: '2025', status: 'draft', value: 0.71 }] });
  });

  it('is out of reach of another pilot’s bureau and of an enterprise', async () => {
    expect((await clients.otherBureau.get(`/pilots/${PILOT}/indicators`)).status).toBe(404);
    expect((await clients.enterprise.get(`/pilots/${PILOT}/indicators`)).status).toBe(403);
  });
});

describe('the yearly self-evaluation', () => {
  it('returns the report and the tables of the printable page', async () => {
    stack.setNow(new Date('2026-01-20T02:00:00Z'));
    const reply = await clients.bureau.get<{ report: { year: number; asOf: string; projectsByStage: unknown[]; funds: Record<string, number> }; sheets: Array<{ name: string }> }>(`/pilots/${PILOT}/self-evaluations/2025`);
    expect(reply.status).toBe(200);
    expect(reply.body.report).toMatchObject({ year: 2025, asOf: '2025-12-31T15:59:59.999Z', projectsByStage: [{ status: 'in_progress', label: '实施中', count: 1 }] });
    // read from the ledger: DEMO-002's 50 万元 of local funds ordered back, 30 of them repaid (scripts/demo/projects.ts)
    expect(reply.body.report.funds).toMatchObject({ approvedWan: 450, disbursedWan: 270, ordersInYear: 1, outstandingWan: 20 });
    expect(reply.body.sheets.map((sheet) => sheet.name)).toEqual(['概况', '指标完成情况', '项目进展', '资金与警示', '服务商资源池']);
    expect((await clients.bureau.get(`/pilots/${PILOT}/self-evaluations/2027`)).status).toBe(400);
  });

  it('downloads as an Excel workbook that reads back with the same figures', async () => {
    const response = await fetch(`${raw.url}/api/pilots/${PILOT}/self-evaluations/2025/workbook`, { headers: { authorization: `Bearer ${await raw.token('bureau')}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('武清区制造业新型技术改造城市试点2025年度绩效自评.xlsx')}`);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['概况', '指标完成情况', '项目进展', '资金与警示', '服务商资源池']);
    const indicators = workbook.getWorksheet('指标完成情况');
    const rows = indicators?.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1)) ?? [];
    expect(rows.find((row) => row[0] === 'tt-04')?.slice(0, 10)).toEqual(['tt-04', '全员劳动生产率', '元/人', '≥', 175000, '2027-12-31', '区统计局', '单位填报', '2025', 168000]);
    expect(rows.find((row) => row[0] === 'tt-03')?.slice(7, 10)).toEqual(['平台计算', '2025Q4', 1]);
    expect(workbook.getWorksheet('资金与警示')?.getRow(4).values).toEqual([undefined, '累计拨付资金（万元）', 270]);
  });
});

describe('the cross-pilot view', () => {
  it('shows the supervisor every pilot’s indicators side by side, and no one else', async () => {
    const reply = await clients.supervisor.get<{ pilots: Array<{ id: string }>; rows: Array<{ name: string; cells: Record<string, { latestValue: number | null }> }> }>('/evaluations/cross-pilot');
    expect(reply.status).toBe(200);
    expect(reply.body.pilots.map((pilot) => pilot.id).sort()).toEqual([OTHER.id, PILOT].sort());
    const labour = reply.body.rows.find((row) => row.name === '全员劳动生产率');
    expect(labour?.cells[PILOT]?.latestValue).toBe(168000);
    expect(labour?.cells[OTHER.id]?.latestValue).toBeNull();
    expect((await clients.bureau.get('/evaluations/cross-pilot')).status).toBe(403);
  });
});

