import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExpertRegistry } from './support/experts';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { APPLICATION, attach, createDraft, declarationFor, declare, pdfFile, pngFile, publishGuide, registerEnterprise } from './support/evidence';
import { withUsccCheck } from '../../shared/uscc';

/**
 * Who reaches evidence once it is stored: downloads by role and scope, the one deletion path and its
 * locks, references from lifecycle steps, and duplicate flags in both enterprises' dossiers.
 */
const PILOT = 'p-ev2';
const TOWN = 'town-a';
const USCC_A = withUsccCheck('91120114MA0EA0001');
const USCC_B = withUsccCheck('91120114MA0EB0002');
const accounts = {
  enterprise: testAccount('ent-a', ['enterprise'], { uscc: USCC_A, pilot: PILOT }),
  otherEnterprise: testAccount('ent-b', ['enterprise'], { uscc: USCC_B, pilot: PILOT }),
  town: testAccount('town', ['town'], { town: TOWN, pilot: PILOT }),
  otherTown: testAccount('town-b', ['town'], { town: 'town-b', pilot: PILOT }),
  bureau: testAccount('bureau', ['bureau'], { pilot: PILOT }),
  otherBureau: testAccount('bureau-x', ['bureau'], { pilot: 'p-elsewhere' }),
  finance: testAccount('finance', ['finance'], { pilot: PILOT }),
  operator: testAccount('operator', ['operator'], { pilot: PILOT }),
  supervisor: testAccount('ministry', ['supervisor'], { supervision: 'ministry' }),
  expert: testAccount('expert-1', ['expert'], { pilot: PILOT }),
  unassignedExpert: testAccount('expert-9', ['expert'], { pilot: PILOT }),
  provider: testAccount('provider', ['provider'], { provider: 'prov-1' }),
};
type Who = keyof typeof accounts;

let stack: TestStack;
let s3: S3Client;
let bucket = '';
const clients = {} as Record<Who, ApiClient>;
const versions: Record<string, number> = {};

async function act(who: Who, projectId: string, action: string, input: unknown) {
  const reply = await clients[who].post<{ version: number; status: string; code?: string; issues?: Array<{ path: string }> }>(
    `/projects/${projectId}/actions/${action}`,
    { expectedVersion: versions[projectId], input },
  );
  if (reply.status === 200) versions[projectId] = reply.body.version;
  return reply;
}

async function draft(who: Who, title: string): Promise<string> {
  const { id, version } = await createDraft(clients[who], PILOT, TOWN, title);
  versions[id] = version;
  return id;
}

const exists = async (key: string): Promise<boolean> => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
const plan = (label: string) => ({ bytes: pdfFile(label), category: 'plan', fileName: `${label}.pdf`, contentType: 'application/pdf' });
const photo = (label: string) => ({ bytes: pngFile(label), category: 'site_photo', fileName: `${label}.png`, contentType: 'image/png' });
const remove = (who: Who, projectId: string, evidenceId: string) => clients[who].delete<{ code?: string }>(`/projects/${projectId}/evidence/${evidenceId}`);

beforeAll(async () => {
  stack = await startTestStack();
  for (const who of Object.keys(accounts) as Who[]) clients[who] = await stack.as(accounts[who]);
  ({ s3 } = await import('../../functions/commons/clients'));
  bucket = (await import('../../functions/commons/config')).bucketNames.evidence;
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  await publishGuide(clients.bureau, PILOT);
  await registerEnterprise(USCC_A, PILOT, TOWN, '天津甲公司');
  await registerEnterprise(USCC_B, PILOT, TOWN, '天津乙公司');
  await seedExpertRegistry(PILOT, [{ account: 'expert-1', name: '专家1' }]);
});

afterAll(async () => {
  await stack.close();
});

describe('referencing and removing evidence', () => {
  let projectId = '';
  let planId = '';

  it('refuses a step that names evidence which is missing, pending, of another project or of the wrong kind', async () => {
    projectId = await draft('enterprise', '甲项目');
    const otherProject = await draft('otherEnterprise', '乙项目');
    const foreign = await attach(clients.otherEnterprise, otherProject, plan('乙方案'));
    const { body: pending } = await declare(clients.enterprise, projectId, declarationFor(pdfFile('未完成'), 'plan', '未完成.pdf', 'application/pdf'));
    const reply = await act('enterprise', projectId, 'save_draft', { ...APPLICATION, evidenceIds: ['ev-made-up', foreign, pending.uploadId] });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('EVIDENCE_REFERENCE_INVALID');
    expect(reply.body.issues?.map((issue) => issue.path)).toEqual(['evidenceIds.0', 'evidenceIds.1', 'evidenceIds.2']);
  });

  it('lets the uploader drop unreferenced evidence from a draft, but not what the draft references', async () => {
    planId = await attach(clients.enterprise, projectId, plan('甲方案'));
    expect((await act('enterprise', projectId, 'save_draft', { ...APPLICATION, evidenceIds: [planId] })).status).toBe(200);
    const spare = await attach(clients.enterprise, projectId, photo('多余照片'));
    expect(await remove('enterprise', projectId, planId)).toMatchObject({ status: 409, body: { code: 'EVIDENCE_LOCKED' } });
    expect((await remove('otherEnterprise', projectId, spare)).status).toBe(404);
    expect((await remove('enterprise', projectId, spare)).status).toBe(204);
    expect(await exists(`projects/${projectId}/${spare}`)).toBe(false);
    expect(await exists(`projects/${projectId}/${planId}`)).toBe(true);
    expect((await remove('enterprise', projectId, spare)).status).toBe(404);
  });

  it('locks everything once submitted, and what a submitted version referenced even after it is returned', async () => {
    const late = await attach(clients.enterprise, projectId, photo('提交前照片'));
    expect((await act('enterprise', projectId, 'submit', {})).status).toBe(200);
    expect(await remove('enterprise', projectId, late)).toMatchObject({ status: 409, body: { code: 'EVIDENCE_LOCKED' } });
    expect((await act('town', projectId, 'return_for_revision', { comments: '请更换方案' })).status).toBe(200);
    const newPlan = await attach(clients.enterprise, projectId, plan('甲方案二'));
    expect((await act('enterprise', projectId, 'save_draft', { ...APPLICATION, evidenceIds: [newPlan] })).status).toBe(200);
    expect(await remove('enterprise', projectId, planId)).toMatchObject({ status: 409, body: { code: 'EVIDENCE_LOCKED' } });
    expect((await remove('enterprise', projectId, late)).status).toBe(204);
    expect((await act('enterprise', projectId, 'submit', {})).status).toBe(200);
  });

  it('refuses a submission whose application names evidence that never was', async () => {
    // The creation route cannot check (no evidence exists before its project): submission does.
    const created = await clients.enterprise.post<{ id: string; version: number }>('/projects', {
      pilotId: PILOT, guideId: 'guide-2025', town: TOWN, title: '带虚构证据的草稿', category: 'central_fund', demonstrationType: 'point', application: { ...APPLICATION, evidenceIds: ['ev-never-uploaded'] },
    });
    versions[created.body.id] = created.body.version;
    const reply = await act('enterprise', created.body.id, 'submit', {});
    expect(reply).toMatchObject({ status: 400, body: { code: 'EVIDENCE_REFERENCE_INVALID', issues: [{ path: 'application.evidenceIds.0' }] } });
  });
});

describe('downloading evidence', () => {
  let projectId = '';
  let evidenceId = '';
  const bytes = pdfFile('任务书扫描件');

  beforeAll(async () => {
    projectId = await draft('enterprise', '下载项目');
    evidenceId = await attach(clients.enterprise, projectId, { bytes, category: 'plan', fileName: '实施方案（第2版）.pdf', contentType: 'application/pdf' });
    expect((await act('enterprise', projectId, 'save_draft', { ...APPLICATION, evidenceIds: [evidenceId] })).status).toBe(200);
    expect((await act('enterprise', projectId, 'submit', {})).status).toBe(200);
    expect((await act('town', projectId, 'recommend', { recommendation: '同意' })).status).toBe(200);
    const rubric = [{ id: 'tech', name: '技术', weight: 100 }];
    expect((await act('bureau', projectId, 'assign_experts', { rubric, experts: [{ subject: 'expert-1', name: '专家1' }] })).status).toBe(200);
  });

  it.each(['enterprise', 'town', 'bureau', 'finance', 'operator', 'supervisor', 'expert'] as const)('hands %s a short-lived link to the bytes under their original name', async (who) => {
    const reply = await clients[who].get<{ url: string; fileName: string; expiresAt: string }>(`/projects/${projectId}/evidence/${evidenceId}/download`);
    expect(reply.status).toBe(200);
    expect(reply.body.fileName).toBe('实施方案（第2版）.pdf');
    const url = new URL(reply.body.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="______2__.pdf"; filename*=UTF-8''${encodeURIComponent('实施方案（第2版）.pdf')}`,
    );
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });

  it.each([
    ['another enterprise', 'otherEnterprise', 404],
    ['another town', 'otherTown', 404],
    ['another pilot’s bureau', 'otherBureau', 404],
    ['an expert not on the panel', 'unassignedExpert', 404],
    ['a service provider', 'provider', 403],
  ] as const)('refuses %s', async (_name, who, status) => {
    expect((await clients[who].get(`/projects/${projectId}/evidence/${evidenceId}/download`)).status).toBe(status);
    expect((await clients[who].get(`/projects/${projectId}/evidence`)).status).toBe(status);
  });

  it('refuses the public, and evidence asked for under another project', async () => {
    const anonymous = await stack.as();
    expect((await anonymous.get(`/projects/${projectId}/evidence/${evidenceId}/download`)).status).toBe(401);
    const other = await draft('enterprise', '另一项目');
    expect((await clients.enterprise.get(`/projects/${other}/evidence/${evidenceId}/download`)).status).toBe(404);
  });

  it('takes an acceptance report from the operator but not from the enterprise', async () => {
    const report = { bytes: pdfFile('验收报告'), category: 'acceptance_report', fileName: '验收报告.pdf', contentType: 'application/pdf' };
    expect(await attach(clients.operator, projectId, report)).toMatch(/^[0-9a-f-]{36}$/);
    expect((await declare(clients.enterprise, projectId, declarationFor(report.bytes, report.category, report.fileName, report.contentType))).status).toBe(403);
  });
});

describe('duplicates', () => {
  type Dossier = { evidence: Array<{ id: string }>; evidenceFlags: Array<{ kind: string; projectId: string; evidenceId: string; counterpart: { projectId: string; evidenceId: string } }> };
  const flagsIn = async (uscc: string, who: keyof typeof clients = 'bureau') => (await clients[who].get<Dossier>(`/enterprises/${uscc}/dossier`)).body.evidenceFlags;

  it('flags the same file in two projects and one invoice claimed twice, in both dossiers, for officials only', async () => {
    const projectA = await draft('enterprise', '甲重复项目');
    const projectB = await draft('otherEnterprise', '乙重复项目');
    const reused = photo('同一张现场照片');
    const photoA = await attach(clients.enterprise, projectA, reused);
    const againA = await attach(clients.enterprise, projectA, { ...reused, fileName: '同一张（再传）.png' });
    const invoiceA = await attach(clients.enterprise, projectA, { bytes: pdfFile('甲发票'), category: 'invoice', fileName: '发票.pdf', contentType: 'application/pdf', invoiceNumber: '25120000000000009999' });
    expect(await flagsIn(USCC_A)).toEqual([]);

    const photoB = await attach(clients.otherEnterprise, projectB, reused);
    const invoiceB = await attach(clients.otherEnterprise, projectB, { bytes: pdfFile('乙发票'), category: 'invoice', fileName: '发票.pdf', contentType: 'application/pdf', invoiceNumber: '2512 0000 0000 0000 9999' });

    // A draft is the enterprise's own work: its items, flags included, reach an official's dossier from submission on (issue 12).
    expect(await flagsIn(USCC_A)).toEqual([]);
    // The enterprise's own dossier never shows the flag (nor the other firm's project it names).
    expect(await flagsIn(USCC_A, 'enterprise')).toEqual([]);

    for (const [who, id] of [['enterprise', projectA], ['otherEnterprise', projectB]] as const) {
      // Submitted, the projects come into the bureau's view; their flags with them.
      expect((await act(who, id, 'submit', {})).status).toBe(200);
      const mine = await clients[who].get<{ items: unknown[]; flags?: unknown[] }>(`/projects/${id}/evidence`);
      expect(mine.body.flags).toBeUndefined();
      const seen = await clients.bureau.get<{ items: unknown[]; flags: Array<{ kind: string }> }>(`/projects/${id}/evidence`);
      expect(seen.body.flags.map((flag) => flag.kind).sort()).toEqual(['same_file', 'same_invoice']);
    }
    const flagsA = await flagsIn(USCC_A);
    const flagsB = await flagsIn(USCC_B);
    expect(flagsA.map((flag) => [flag.kind, flag.evidenceId, flag.counterpart.evidenceId]).sort()).toEqual([['same_file', photoA, photoB], ['same_invoice', invoiceA, invoiceB]].sort());
    expect(flagsB.map((flag) => [flag.kind, flag.evidenceId, flag.counterpart.evidenceId]).sort()).toEqual([['same_file', photoB, photoA], ['same_invoice', invoiceB, invoiceA]].sort());
    expect(flagsA.some((flag) => flag.evidenceId === againA)).toBe(false);
  });

  it('forgets a claim when its draft evidence is removed, so a later upload of the file is not flagged', async () => {
    const projectC = await draft('enterprise', '甲草稿');
    const projectD = await draft('otherEnterprise', '乙草稿');
    const file = { bytes: pdfFile('删除后再用的发票'), category: 'invoice', fileName: '发票.pdf', contentType: 'application/pdf', invoiceNumber: '25120000000000007777' };
    const dropped = await attach(clients.enterprise, projectC, file);
    expect((await remove('enterprise', projectC, dropped)).status).toBe(204);
    await attach(clients.otherEnterprise, projectD, file);
    expect((await flagsIn(USCC_B)).filter((flag) => flag.projectId === projectD)).toEqual([]);
  });
});
