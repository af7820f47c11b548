import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { complete, createDraft, declarationFor, declare, pdfFile, publishGuide, registerEnterprise, sendPut } from './support/evidence';
import { embeddedPrograms } from '../unit/evidence/files';
import { withUsccCheck } from '../../shared/uscc';
import { PENDING_LIMITS } from '../../shared/evidence/rules';
import type { Pilot } from '../../shared/pilots/model';

/** The edge as a client meets it through the local gateway (issue 12): what is refused before any rule runs. */
const PILOT = 'p-edge';
const TOWN = 'town-a';
const USCC = withUsccCheck('91120114MA0ED0001');
const NEW_USCC = withUsccCheck('91120114MA0ED0002');
const accounts = {
  enterprise: testAccount('ent-edge', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  newcomer: testAccount('ent-new', ['enterprise'], { uscc: NEW_USCC, pilot: PILOT }),
  bureau: testAccount('bureau-edge', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-edge-2', ['bureau'], { pilot: PILOT }),
};
const pilot: Pilot = {
  id: PILOT, name: '边界试点', city: '测试市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31',
  towns: [{ code: TOWN, name: '甲街道' }], indicators: [], source: 'test',
};

let stack: TestStack;
const clients = {} as Record<keyof typeof accounts, ApiClient>;
/** the enterprise's bearer token, for requests the client cannot shape */
let token = '';
let projectId = '';

async function raw(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as { code?: string; issues?: Array<{ path: string; message: string }> } };
}

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Array<keyof typeof accounts>) clients[who] = await stack.as(accounts[who]);
  token = await stack.token(accounts.enterprise);
  const { putPilot } = await import('../../functions/commons/store/pilots');
  await putPilot(pilot);
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  await publishGuide(clients.bureau, PILOT);
  await registerEnterprise(USCC, PILOT, TOWN, '天津边界公司');
  projectId = (await createDraft(clients.enterprise, PILOT, TOWN, '边界项目')).id;
});

afterAll(async () => {
  await stack.close();
});

describe('bodies at the edge', () => {
  it('takes a JSON body only as application/json (415 otherwise)', async () => {
    const form = await raw('POST', '/enterprises', 'uscc=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const plain = await raw('POST', '/enterprises', '{"uscc":"x"}', { 'content-type': 'text/plain' });
    expect(plain).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const none = await raw('POST', '/enterprises', '{"uscc":"x"}');
    expect(none.status).toBe(415);
  });

  it('refuses a body on a route that takes none', async () => {
    const reply = await clients.enterprise.post('/inbox/abc/read', { anything: true });
    expect(reply).toMatchObject({ status: 400, body: { code: 'BODY_NOT_ALLOWED' } });
  });

  it('refuses a key given twice, naming where', async () => {
    const reply = await raw('POST', '/enterprises', '{"uscc":"a","contact":{"name":"甲","name":"乙"}}', { 'content-type': 'application/json' });
    expect(reply).toMatchObject({ status: 400, body: { code: 'DUPLICATE_JSON_KEY', issues: [{ path: 'contact.name' }] } });
  });

  it('answers a body over the app limit with 413 and the error envelope, from the handler', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    expect(await raw('POST', '/enterprises', big, { 'content-type': 'application/json' })).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers a body over the gateway limit with 413 and the error envelope, not a reset connection', async () => {
    const huge = new Blob([new Uint8Array(11 * 1024 * 1024).fill(0x20)]);
    expect(await raw('POST', '/enterprises', huge, { 'content-type': 'application/json' })).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('says what a wrong-type value should be, not 必填项', async () => {
    const reply = await clients.newcomer.post('/enterprises', { uscc: NEW_USCC, name: 12, pilotId: PILOT, town: TOWN, industry: '制造', scale: 'above', contact: { name: '王', phone: 22 } });
    expect(reply.status).toBe(400);
    expect((reply.body as { issues: unknown[] }).issues).toEqual(expect.arrayContaining([{ path: 'name', message: '应为文本' }, { path: 'contact.phone', message: '应为文本' }]));
  });

  it('refuses a name with a bidi override or a zero-width character, storing nothing', async () => {
    for (const name of ['天津\u202E司公限有', '天津\u200B公司']) {
      const reply = await clients.newcomer.post('/enterprises', { uscc: NEW_USCC, name, pilotId: PILOT, town: TOWN, industry: '制造', scale: 'above', contact: { name: '王', phone: '022-12345678' } });
      expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', issues: [{ path: 'name' }] } });
    }
    expect((await clients.newcomer.get(`/enterprises/${NEW_USCC}`)).status).toBe(404);
  });
});

describe('page cursors', () => {
  it('refuses a tampered, foreign or made-up cursor with 400, on every paged route', async () => {
    const madeUp = Buffer.from(JSON.stringify({ pk: 'PROJECT#x', sk: 'PROJECT' })).toString('base64url');
    const wrongShape = Buffer.from(JSON.stringify({ k: { pk: 1 }, b: 'x' })).toString('base64url');
    for (const cursor of [madeUp, wrongShape, 'garbage!!', 'e30']) {
      for (const [client, path] of [
        [clients.enterprise, '/projects'],
        [clients.bureau, `/projects?status=submitted`],
        [clients.enterprise, '/inbox'],
        [clients.bureau, `/pilots/${PILOT}/spot-checks`],
      ] as const) {
        const separator = path.includes('?') ? '&' : '?';
        const reply = await client.get(`${path}${separator}cursor=${encodeURIComponent(cursor)}`);
        expect(reply, `${path} ${cursor}`).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
      }
    }
  });

  it("refuses one caller's real cursor from another caller", async () => {
    const { sealCursor } = await import('../../functions/commons/cursor');
    const { cursorScope } = await import('../../functions/commons/store/records');
    const { keys } = await import('../../functions/commons/store/keys');
    const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.spotCheckPartition(PILOT) }, ScanIndexForward: false, Limit: 20 };
    const cursor = sealCursor({ pk: keys.spotCheckPartition(PILOT), sk: 'DRAW#1' }, cursorScope(query, 'bureau-edge'))!;
    expect((await clients.bureau.get(`/pilots/${PILOT}/spot-checks?cursor=${cursor}`)).status).toBe(200);
    expect(await clients.otherBureau.get(`/pilots/${PILOT}/spot-checks?cursor=${cursor}`)).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
  });
});

describe('evidence limits', () => {
  it('refuses a PDF with a program appended, deleting it', async () => {
    const polyglot = Buffer.concat([pdfFile('带程序的合同'), embeddedPrograms.windows]);
    const declared = await declare(clients.enterprise, projectId, declarationFor(polyglot, 'contract', '合同.pdf', 'application/pdf'));
    expect(declared.status).toBe(201);
    expect(await sendPut(declared.body, polyglot)).toBe(200);
    expect(await complete(clients.enterprise, projectId, declared.body.uploadId)).toMatchObject({ status: 422, body: { code: 'EVIDENCE_EXECUTABLE' } });
  });

  it('refuses more pending uploads on one project than the limit, and takes one again once one is completed', async () => {
    const targets = [];
    let refused: { status: number; body: { code?: string; details?: unknown } } | undefined;
    for (let index = 0; index <= PENDING_LIMITS.holder.uploads + 1 && !refused; index += 1) {
      const bytes = pdfFile(`待传${index}`);
      const reply = await declare(clients.enterprise, projectId, declarationFor(bytes, 'contract', `合同${index}.pdf`, 'application/pdf'));
      if (reply.status === 201) targets.push({ target: reply.body, bytes });
      else refused = reply;
    }
    expect(refused).toMatchObject({ status: 409, body: { code: 'EVIDENCE_PENDING_LIMIT', details: { scope: 'holder' } } });
    expect(targets.length).toBeLessThanOrEqual(PENDING_LIMITS.holder.uploads);
    const first = targets[0]!;
    expect(await sendPut(first.target, first.bytes)).toBe(200);
    expect((await complete(clients.enterprise, projectId, first.target.uploadId)).status).toBe(201);
    const again = pdfFile('再传');
    expect((await declare(clients.enterprise, projectId, declarationFor(again, 'contract', '再传.pdf', 'application/pdf'))).status).toBe(201);
  });
});
