import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { attach, complete, createDraft, declarationFor, declare, pdfFile, publishGuide, registerEnterprise, sendPost, sendPut } from './support/evidence';
import { docx, heic, ofd, programs } from '../unit/evidence/files';
import { withUsccCheck } from '../../shared/uscc';
import { guarded } from '../../scripts/local/touch-guard';

/**
 * Uploads against the local S3 server, which enforces no POST policy and checks no signature: every
 * rule must hold at completion, so each test sends bytes that break one rule straight to the URL.
 */
const PILOT = 'p-ev';
const TOWN = 'town-a';
const USCC_A = withUsccCheck('91120114MA0EC0001');
const USCC_B = withUsccCheck('91120114MA0EC0002');
const accounts = {
  enterprise: testAccount('ent-a', ['enterprise'], { uscc: USCC_A, pilot: PILOT }),
  colleague: testAccount('ent-a-2', ['enterprise'], { uscc: USCC_A, pilot: PILOT }),
  otherEnterprise: testAccount('ent-b', ['enterprise'], { uscc: USCC_B, pilot: PILOT }),
  bureau: testAccount('bureau', ['bureau'], { pilot: PILOT }),
};
type Who = keyof typeof accounts;

let stack: TestStack;
let s3: S3Client;
let bucket = '';
const clients = {} as Record<Who, ApiClient>;
let projectA = '';
let projectB = '';
/** a completed object of this enterprise: every refusal below must leave it alone */
let keptKey = '';

const exists = async (key: string): Promise<boolean> =>
  s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
const keyOf = (projectId: string, uploadId: string) => `projects/${projectId}/${uploadId}`;
const contract = (label: string) => ({ bytes: pdfFile(label), category: 'contract', fileName: `${label}.pdf`, contentType: 'application/pdf' });

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  ({ s3 } = await import('../../functions/commons/clients'));
  bucket = (await import('../../functions/commons/config')).bucketNames.evidence;
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  await publishGuide(clients.bureau, PILOT);
  await registerEnterprise(USCC_A, PILOT, TOWN, '天津甲公司');
  await registerEnterprise(USCC_B, PILOT, TOWN, '天津乙公司');
  projectA = (await createDraft(clients.enterprise, PILOT, TOWN, '甲项目')).id;
  projectB = (await createDraft(clients.otherEnterprise, PILOT, TOWN, '乙项目')).id;
});

afterAll(async () => {
  await stack.close();
});

describe('handing out an upload', () => {
  it('signs one key under the project, chosen by the server and free of the file name, bound to size, type and checksum', async () => {
    const bytes = pdfFile('合同一');
    const reply = await declare(clients.enterprise, projectA, declarationFor(bytes, 'contract', '设备采购合同（盖章版）.pdf', 'application/pdf'));
    expect(reply.status).toBe(201);
    const { uploadId, put, post } = reply.body;
    expect(new URL(put.url).pathname).toBe(`/${bucket}/${keyOf(projectA, uploadId)}`);
    expect(decodeURIComponent(put.url)).not.toContain('合同');
    expect(new URL(put.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host;if-none-match;x-amz-checksum-sha256');
    expect(post.fields.key).toBe(keyOf(projectA, uploadId));
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? '', 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(expect.arrayContaining([
      ['content-length-range', bytes.length, bytes.length],
      ['eq', '$Content-Type', 'application/pdf'],
      { 'x-amz-checksum-sha256': put.headers['x-amz-checksum-sha256'] },
      { key: keyOf(projectA, uploadId) },
    ]));
  });

  it('refuses a type the category does not take, an oversize declaration and an invoice without its number', async () => {
    const bytes = pdfFile('x');
    const wrongType = await declare(clients.enterprise, projectA, declarationFor(bytes, 'site_photo', '照片.pdf', 'application/pdf'));
    expect(wrongType).toMatchObject({ status: 400, body: { code: 'EVIDENCE_TYPE_NOT_ALLOWED', issues: [{ path: 'contentType' }] } });
    const archive = await declare(clients.enterprise, projectA, declarationFor(bytes, 'other', '材料.zip', 'application/zip'));
    expect(archive.body.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    const oversize = await declare(clients.enterprise, projectA, { ...declarationFor(bytes, 'invoice', '发票.pdf', 'application/pdf'), size: 11 * 1024 * 1024, invoiceNumber: '12345678' });
    expect(oversize).toMatchObject({ status: 413, body: { code: 'EVIDENCE_TOO_LARGE', issues: [{ path: 'size' }] } });
    const noNumber = await declare(clients.enterprise, projectA, declarationFor(bytes, 'invoice', '发票.pdf', 'application/pdf'));
    expect(noNumber).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', issues: [{ path: 'invoiceNumber' }] } });
    expect((await declare(clients.enterprise, projectA, declarationFor(bytes, 'acceptance_report', '报告.pdf', 'application/pdf'))).status).toBe(403);
    expect((await declare(clients.otherEnterprise, projectA, declarationFor(bytes, 'contract', 'c.pdf', 'application/pdf'))).status).toBe(404);
  });
});

describe('completing an upload', () => {
  it('accepts each kind of file by PUT or by the POST form and lists it with uploader, time, size and checksum', async () => {
    stack.setNow(new Date('2025-03-03T03:00:00Z'));
    const ids = [
      await attach(clients.enterprise, projectA, contract('合同二')),
      await attach(clients.enterprise, projectA, { bytes: heic(), category: 'site_photo', fileName: '现场.heic', contentType: 'image/heic' }, 'post'),
      await attach(clients.enterprise, projectA, { bytes: ofd(), category: 'invoice', fileName: '全电发票.ofd', contentType: 'application/ofd', invoiceNumber: '25120000000000000001' }, 'post'),
      await attach(clients.enterprise, projectA, { bytes: docx(), category: 'self_evaluation', fileName: '自评总结.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
    ];
    keptKey = keyOf(projectA, ids[0] ?? '');
    const list = await clients.enterprise.get<{ items: Array<Record<string, unknown>>; flags?: unknown }>(`/projects/${projectA}/evidence`);
    expect(list.body.flags).toBeUndefined();
    const listed = list.body.items.filter((item) => ids.includes(String(item.id)));
    expect(listed.map((item) => item.fileName).sort()).toEqual(['全电发票.ofd', '合同二.pdf', '现场.heic', '自评总结.docx'].sort());
    expect(listed[0]).toMatchObject({ uploader: { subject: 'ent-a', role: 'enterprise' }, uploadedAt: '2025-03-03T03:00:00.000Z' });
    expect(listed.every((item) => typeof item.size === 'number' && /^[0-9a-f]{64}$/.test(String(item.sha256)))).toBe(true);
  });

  it('keeps the upload open until the bytes arrive, completes it once and then answers 409', async () => {
    const bytes = pdfFile('合同三');
    const { body: target } = await declare(clients.enterprise, projectA, declarationFor(bytes, 'contract', '合同三.pdf', 'application/pdf'));
    expect((await complete(clients.enterprise, projectA, target.uploadId)).body).toMatchObject({ code: 'EVIDENCE_NOT_UPLOADED' });
    expect(await sendPut(target, bytes)).toBe(200);
    expect((await complete(clients.enterprise, projectA, target.uploadId)).status).toBe(201);
    expect(await complete(clients.enterprise, projectA, target.uploadId)).toMatchObject({ status: 409, body: { code: 'EVIDENCE_ALREADY_COMPLETED' } });
  });

  it.each([
    ['more bytes than declared', pdfFile('短'), Buffer.concat([pdfFile('短'), Buffer.alloc(4096)]), 'EVIDENCE_SIZE_MISMATCH'],
    ['an ELF program declared as a PDF', Buffer.concat([programs.elf, Buffer.alloc(200)]), null, 'EVIDENCE_EXECUTABLE'],
    ['a Windows program declared as a PDF', Buffer.concat([programs.windows, Buffer.alloc(200)]), null, 'EVIDENCE_EXECUTABLE'],
    ['other bytes than the checksum names', pdfFile('甲'), pdfFile('乙'), 'EVIDENCE_CHECKSUM_MISMATCH'],
  ])('deletes and refuses %s', async (_name, declared, sent, code) => {
    const { body: target } = await declare(clients.enterprise, projectA, declarationFor(declared, 'contract', '合同.pdf', 'application/pdf'));
    expect(await sendPost(target, sent ?? declared)).toBeLessThan(300);
    expect(await exists(keyOf(projectA, target.uploadId))).toBe(true);
    expect(await complete(clients.enterprise, projectA, target.uploadId)).toMatchObject({ status: 422, body: { code } });
    expect(await exists(keyOf(projectA, target.uploadId))).toBe(false);
    expect(await exists(keptKey)).toBe(true);
    expect((await complete(clients.enterprise, projectA, target.uploadId)).status).toBe(404);
  });

  it('never completes a key the client chose, nor takes a key in the body', async () => {
    // s3rver lets anyone write anywhere: the bytes land, but no upload was handed out for them.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(projectA, 'chosen-by-client'), Body: pdfFile('自选') }));
    expect((await complete(clients.enterprise, projectA, 'chosen-by-client')).status).toBe(404);
    const { body: target } = await declare(clients.enterprise, projectA, declarationFor(pdfFile('四'), 'contract', '四.pdf', 'application/pdf'));
    const withKey = await complete(clients.enterprise, projectA, target.uploadId, { key: keyOf(projectB, 'x') });
    expect(withKey).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('treats someone else’s upload as missing and leaves it intact for its owner', async () => {
    const bytes = pdfFile('合同五');
    const { body: target } = await declare(clients.enterprise, projectA, declarationFor(bytes, 'contract', '合同五.pdf', 'application/pdf'));
    expect(await sendPut(target, bytes)).toBe(200);
    expect((await complete(clients.colleague, projectA, target.uploadId)).status).toBe(404);
    expect((await complete(clients.otherEnterprise, projectA, target.uploadId)).status).toBe(404);
    expect((await complete(clients.otherEnterprise, projectB, target.uploadId)).status).toBe(404);
    expect(await exists(keyOf(projectA, target.uploadId))).toBe(true);
    expect((await complete(clients.enterprise, projectA, target.uploadId)).status).toBe(201);
  });

  it('refuses an upload of one project completed under another project', async () => {
    const bytes = pdfFile('合同六');
    const { body: target } = await declare(clients.otherEnterprise, projectB, declarationFor(bytes, 'contract', '合同六.pdf', 'application/pdf'));
    expect(await sendPut(target, bytes)).toBe(200);
    const other = await createDraft(clients.otherEnterprise, PILOT, TOWN, '乙项目二');
    expect((await complete(clients.otherEnterprise, other.id, target.uploadId)).status).toBe(404);
    expect((await complete(clients.otherEnterprise, projectB, target.uploadId)).status).toBe(201);
  });
});

describe('cleaning up', () => {
  it('removes the records and objects of uploads left incomplete past their window, and nothing else', async () => {
    const handler = guarded('cleanUploads', (await import('../../functions/timers/cleanUploads')).handler);
    // First the uploads earlier tests declared and left (their windows closed on 2025-03-03).
    await handler({ schedule: 'hourly-upload-cleanup', asOf: '2025-03-03T23:59:00Z' });
    stack.setNow(new Date('2025-03-04T00:00:00Z'));
    const staleBytes = pdfFile('过期');
    const { body: stale } = await declare(clients.enterprise, projectA, declarationFor(staleBytes, 'contract', '过期.pdf', 'application/pdf'));
    expect(await sendPut(stale, staleBytes)).toBe(200);
    const kept = await attach(clients.enterprise, projectA, contract('保留'));
    stack.setNow(new Date('2025-03-04T05:00:00Z'));
    const freshBytes = pdfFile('新');
    const { body: fresh } = await declare(clients.enterprise, projectA, declarationFor(freshBytes, 'contract', '新.pdf', 'application/pdf'));
    expect(await sendPut(fresh, freshBytes)).toBe(200);

    const result = await handler({ schedule: 'hourly-upload-cleanup', asOf: '2025-03-04T07:00:00Z' });
    expect(result.removed).toBe(1);
    expect(await exists(keyOf(projectA, stale.uploadId))).toBe(false);
    expect(await exists(keyOf(projectA, kept))).toBe(true);
    expect((await complete(clients.enterprise, projectA, stale.uploadId)).status).toBe(404);
    expect((await complete(clients.enterprise, projectA, fresh.uploadId)).status).toBe(201);
    expect((await handler({ schedule: 'hourly-upload-cleanup', asOf: '2025-03-04T07:00:00Z' })).removed).toBe(0);
  });
});
