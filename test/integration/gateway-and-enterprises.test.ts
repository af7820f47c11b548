import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type TestStack } from './support/gateway';
import type { Pilot } from '../../shared/pilots/model';
import { withUsccCheck } from '../../shared/uscc';

const USCC = withUsccCheck('91120114MA0AB1C01');
const OTHER_USCC = withUsccCheck('91120114MA0AB1C02');
const enterprise = testAccount('ent-1', ['enterprise'], { uscc: USCC, pilot: 'p1' });
const otherEnterprise = testAccount('ent-2', ['enterprise'], { uscc: OTHER_USCC, pilot: 'p1' });
const town = testAccount('town-a', ['town'], { town: 'town-a', pilot: 'p1' });
const otherTown = testAccount('town-b', ['town'], { town: 'town-b', pilot: 'p1' });
const bureau = testAccount('bureau', ['bureau'], { pilot: 'p1' });
const expert = testAccount('expert', ['expert'], { pilot: 'p1' });

const pilot: Pilot = {
  id: 'p1',
  name: '测试试点',
  city: '测试市',
  kind: 'tech_transformation',
  division: '120114',
  periodStart: '2025-01-01',
  periodEnd: '2027-12-31',
  towns: [
    { code: 'town-a', name: '甲街道' },
    { code: 'town-b', name: '乙镇' },
  ],
  indicators: [],
  source: 'test',
};

const registration = {
  uscc: USCC.toLowerCase(),
  name: '天津测试制造有限公司',
  pilotId: 'p1',
  town: 'town-a',
  industry: '通用设备制造业',
  scale: 'above',
  contact: { name: '王五', phone: '022-12345678' },
};

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(pilot);
});

afterAll(async () => {
  await stack.close();
});

describe('the local gateway', () => {
  it('answers a public route without a token', async () => {
    const reply = await (await stack.as()).get<{ status: string }>('/health');
    expect(reply).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a signed-in route without a token the way API Gateway does', async () => {
    const reply = await (await stack.as()).get('/me');
    expect(reply).toEqual({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('refuses a token signed with another key', async () => {
    const response = await fetch(`${stack.url}/api/me`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
    expect(response.status).toBe(401);
  });

  it('hands the handler Cognito-shaped claims, groups included', async () => {
    const reply = await (await stack.as(enterprise)).get('/me');
    expect(reply).toEqual({ status: 200, body: { subject: 'ent-1', name: 'ent-1', roles: ['enterprise'], uscc: USCC, pilot: 'p1' } });
  });

  it('answers 404 with a route-not-found body for an unknown path', async () => {
    const reply = await (await stack.as(bureau)).get('/no-such-route');
    expect(reply.status).toBe(404);
  });
});

describe('enterprise registration', () => {
  it('refuses an invalid 统一社会信用代码 with the field path and a Chinese message, storing nothing', async () => {
    const client = await stack.as(enterprise);
    const broken = `${USCC.slice(0, 17)}${USCC.endsWith('0') ? '1' : '0'}`;
    const reply = await client.post<{ code: string; issues: Array<{ path: string; message: string }> }>('/enterprises', { ...registration, uscc: broken });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
    expect(reply.body.issues).toContainEqual({ path: 'uscc', message: '统一社会信用代码校验位不正确' });
    expect((await stack.as(bureau).then((c) => c.get(`/enterprises/${USCC}`))).status).toBe(404);
  });

  it('refuses malformed JSON with a stable code', async () => {
    const reply = await (await stack.as(enterprise)).post<{ code: string }>('/enterprises', '{"uscc":');
    expect(reply).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
  });

  it('refuses a role that may not register', async () => {
    const reply = await (await stack.as(bureau)).post<{ code: string }>('/enterprises', registration);
    expect(reply).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it("refuses to register another firm's code", async () => {
    const reply = await (await stack.as(otherEnterprise)).post<{ code: string }>('/enterprises', registration);
    expect(reply).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('registers once, upper-cases the code, and answers 409 to a second registration', async () => {
    const client = await stack.as(enterprise);
    const first = await client.post<{ uscc: string; version: number }>('/enterprises', registration);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ uscc: USCC, version: 1 });
    const second = await client.post<{ code: string }>('/enterprises', registration);
    expect(second).toMatchObject({ status: 409, body: { code: 'ALREADY_EXISTS' } });
  });

  it('shows the enterprise to itself, its town and the bureau, and as not found to everyone else', async () => {
    expect((await (await stack.as(enterprise)).get(`/enterprises/${USCC}`)).status).toBe(200);
    expect((await (await stack.as(town)).get(`/enterprises/${USCC}`)).status).toBe(200);
    expect((await (await stack.as(bureau)).get(`/enterprises/${USCC}`)).status).toBe(200);
    expect((await (await stack.as(otherEnterprise)).get(`/enterprises/${USCC}`)).status).toBe(404);
    expect((await (await stack.as(otherTown)).get(`/enterprises/${USCC}`)).status).toBe(404);
    expect((await (await stack.as(expert)).get(`/enterprises/${USCC}`)).status).toBe(404);
  });

  it('returns the dossier (一企一档) with the profile to the bureau', async () => {
    const reply = await (await stack.as(bureau)).get<{ enterprise: { uscc: string }; projects: unknown[] }>(`/enterprises/${USCC}/dossier`);
    expect(reply.status).toBe(200);
    expect(reply.body.enterprise.uscc).toBe(USCC);
    expect(reply.body.projects).toEqual([]);
  });
});
