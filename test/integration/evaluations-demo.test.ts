import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type TestStack } from './support/gateway';

/**
 * The demo data (scripts/demo) seeds providers, approved indicator values and pilot SMEs through the
 * domain and store, and the public snapshot shows them — and nothing private.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const { seedDemoData } = await import('../../scripts/demo/seed');
  await seedDemoData(new Date('2026-02-01T02:00:00Z'));
});

afterAll(async () => {
  await stack.close();
});

interface Snapshot {
  indicators: Array<{ code: string; latest?: { period: string; value: number }; evaluation?: { status: string } }>;
  providers: { admitted: number; comprehensive?: number; industry?: number; list?: Array<{ id: string; status: string }> };
  catalogue?: Array<{ name: string }>;
}

async function snapshot(pilotId: string): Promise<{ body: Snapshot; text: string }> {
  const text = await (await fetch(`${stack.url}/data/pilots/${pilotId}.json`)).text();
  return { body: JSON.parse(text) as Snapshot, text };
}

describe('the evaluation demo', () => {
  it('publishes approved and derived indicator values with their status for the technology pilot', async () => {
    const { body, text } = await snapshot('wuqing-tech');
    const byCode = Object.fromEntries(body.indicators.map((indicator) => [indicator.code, indicator]));
    expect(byCode['tt-04']?.latest).toEqual({ period: '2025', value: 161500 });
    expect(byCode['tt-07']?.latest).toEqual({ period: '2025', value: 0.71 });
    expect(byCode['tt-06']?.latest?.value).toBeCloseTo((311 / 420) * 100, 6);
    expect(byCode['tt-08']?.latest?.value).toBe(2);
    expect(byCode['tt-03']?.latest?.value).toBeGreaterThan(0);
    expect(byCode['tt-01']?.evaluation?.status).toBeDefined();
    expect(body.providers).toMatchObject({ admitted: 2, industry: 2 });
    expect(body.providers.list?.map((provider) => provider.status).sort()).toEqual(['admitted', 'warned']);
    expect(body.catalogue?.map((product) => product.name)).toContain('设备联网轻量化套件');
    expect(text).not.toMatch(/demo-fs-2023|demo-provider-licence|022-29340000/);
  });

  it('publishes the SME pilot’s maturity counts and providers', async () => {
    const { body } = await snapshot('wuqing-sme');
    const byCode = Object.fromEntries(body.indicators.map((indicator) => [indicator.code, indicator.latest?.value]));
    expect([byCode['sme-01'], byCode['sme-02'], byCode['sme-03'], byCode['sme-07'], byCode['sme-08'], byCode['sme-09']]).toEqual([2, 1, 1, 1, 1, 2]);
    expect(body.providers).toMatchObject({ admitted: 2, comprehensive: 1, industry: 1 });
  });

  it('lets the demo supervisor compare the pilots and the assessor count the maturity levels', async () => {
    const supervisor = await stack.as(testAccount('shengting', ['supervisor'], { supervision: 'ministry' }));
    const view = await supervisor.get<{ pilots: unknown[] }>('/evaluations/cross-pilot');
    expect(view.body.pilots).toHaveLength(3);
    const assessor = await stack.as(testAccount('pingce', ['assessor'], { pilot: 'wuqing-sme' }));
    const counts = await assessor.get<{ active: number; accepted: number }>('/pilots/wuqing-sme/sme-maturity');
    expect(counts.body).toMatchObject({ active: 5, accepted: 2 });
  });
});
