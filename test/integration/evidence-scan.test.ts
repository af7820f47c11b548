import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, testAccount, type ApiClient, type TestStack } from './support/gateway';
import { attach, complete, createDraft, declarationFor, declare, pdfFile, publishGuide, registerEnterprise, sendPut } from './support/evidence';
import { withUsccCheck } from '../../shared/uscc';
import { guarded } from '../../scripts/local/touch-guard';

/**
 * Malware scan results against the local stack. No scanner runs here, so evidence stays
 * `not_scanned`; the test hands the event handler what GuardDuty would publish in AWS and checks what
 * the API then says and refuses.
 */
const PILOT = 'p-scan';
const TOWN = 'town-a';
const USCC = withUsccCheck('91120114MA0EH0001');
const accounts = {
  enterprise: testAccount('ent-scan', ['enterprise'], { uscc: USCC, pilot: PILOT }),
  bureau: testAccount('bureau-scan', ['bureau'], { pilot: PILOT }),
};

type Handler = (event: unknown) => Promise<{ recorded: string }>;
let stack: TestStack;
let enterprise: ApiClient;
let bureau: ApiClient;
let bucket = '';
let onScanned: Handler;
let projectId = '';

interface Listed {
  id: string;
  scan?: { status: string; threats?: string[] };
  quarantined?: boolean;
}

/** GuardDuty's documented event shape, for an object of this stack's evidence bucket (no versions locally). */
function scanResult(key: string, scanResultStatus: string, time: string, threats: string[] = []) {
  return {
    version: '0',
    id: `event-${key}-${time}`,
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: '111122223333',
    time,
    region: 'us-east-1',
    resources: ['arn:aws:guardduty:us-east-1:111122223333:malware-protection-plan/b4c7f464ab3a4EXAMPLE'],
    detail: {
      schemaVersion: '1.0',
      scanStatus: scanResultStatus === 'FAILED' ? 'FAILED' : 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: { bucketName: bucket, objectKey: key, eTag: 'ASIAI44QH8DHBEXAMPLE', versionId: null, s3Throttled: false },
      scanResultDetails: { scanResultStatus, threats: threats.length > 0 ? threats.map((name) => ({ name })) : null },
    },
  };
}

const keyOf = (evidenceId: string) => `projects/${projectId}/${evidenceId}`;
const download = (client: ApiClient, evidenceId: string) => client.get<{ code?: string; url?: string }>(`/projects/${projectId}/evidence/${evidenceId}/download`);
async function listed(evidenceId: string): Promise<Listed | undefined> {
  // The enterprise reads its draft's evidence (officials see a project once it is submitted).
  const reply = await enterprise.get<{ items: Listed[] }>(`/projects/${projectId}/evidence`);
  return reply.body.items.find((item) => item.id === evidenceId);
}

beforeAll(async () => {
  stack = await startTestStack();
  enterprise = await stack.as(accounts.enterprise);
  bureau = await stack.as(accounts.bureau);
  bucket = (await import('../../functions/commons/config')).bucketNames.evidence;
  onScanned = guarded('evidenceScanned', (await import('../../functions/events/evidenceScanned')).handler);
  // Inside the guide's window whatever the calendar says (it closes 2026-12-31).
  stack.setNow(new Date('2025-03-03T02:00:00Z'));
  await publishGuide(bureau, PILOT);
  await registerEnterprise(USCC, PILOT, TOWN, '天津扫描公司');
  projectId = (await createDraft(enterprise, PILOT, TOWN, '扫描项目')).id;
});

afterAll(async () => {
  await stack.close();
});

describe('malware scan results', () => {
  it('shows evidence as not scanned where no scanner runs, and hands it out', async () => {
    const id = await attach(enterprise, projectId, { bytes: pdfFile('未扫描'), category: 'plan', fileName: '未扫描.pdf', contentType: 'application/pdf' });
    expect(await listed(id)).toMatchObject({ scan: { status: 'not_scanned' }, quarantined: false });
    expect((await download(enterprise, id)).status).toBe(200);
  });

  it('quarantines infected evidence: the record says so and the download is refused', async () => {
    // Prepare
    const id = await attach(enterprise, projectId, { bytes: pdfFile('感染'), category: 'plan', fileName: '感染.pdf', contentType: 'application/pdf' });
    // Act
    const result = await onScanned(scanResult(keyOf(id), 'THREATS_FOUND', '2025-03-03T02:05:00Z', ['EICAR-Test-File (not a virus)']));
    // Assess
    expect(result).toEqual({ recorded: 'evidence' });
    expect(await listed(id)).toMatchObject({ scan: { status: 'infected', threats: ['EICAR-Test-File (not a virus)'] }, quarantined: true });
    expect(await download(enterprise, id)).toMatchObject({ status: 409, body: { code: 'EVIDENCE_QUARANTINED' } });
  });

  it('keeps the newer verdict when an older event arrives late, and takes a later rescan’s', async () => {
    const id = await attach(enterprise, projectId, { bytes: pdfFile('乱序'), category: 'plan', fileName: '乱序.pdf', contentType: 'application/pdf' });
    expect(await onScanned(scanResult(keyOf(id), 'THREATS_FOUND', '2025-03-03T02:10:00Z', ['Trojan']))).toEqual({ recorded: 'evidence' });
    expect(await onScanned(scanResult(keyOf(id), 'NO_THREATS_FOUND', '2025-03-03T02:09:00Z'))).toEqual({ recorded: 'superseded' });
    expect((await download(enterprise, id)).status).toBe(409);

    expect(await onScanned(scanResult(keyOf(id), 'NO_THREATS_FOUND', '2025-03-04T08:00:00Z'))).toEqual({ recorded: 'evidence' });
    expect(await listed(id)).toMatchObject({ scan: { status: 'clean' }, quarantined: false });
    expect((await download(enterprise, id)).status).toBe(200);
  });

  it('records a verdict that arrives before completion on the upload, and completion carries it over', async () => {
    const bytes = pdfFile('先扫描');
    const declared = await declare(enterprise, projectId, declarationFor(bytes, 'plan', '先扫描.pdf', 'application/pdf'));
    expect(await sendPut(declared.body, bytes)).toBeLessThan(300);
    const uploadId = declared.body.uploadId;

    expect(await onScanned(scanResult(keyOf(uploadId), 'NO_THREATS_FOUND', '2025-03-03T02:20:00Z'))).toEqual({ recorded: 'upload' });
    expect((await complete(enterprise, projectId, uploadId)).status).toBe(201);

    expect(await listed(uploadId)).toMatchObject({ scan: { status: 'clean' }, quarantined: false });
    expect((await download(enterprise, uploadId)).status).toBe(200);
  });

  it('ignores objects that are not evidence and refuses events that are not scan results', async () => {
    expect(await onScanned(scanResult('malware-protection-resource-validation-object', 'NO_THREATS_FOUND', '2025-03-03T02:30:00Z'))).toEqual({ recorded: 'ignored' });
    expect(await onScanned(scanResult(keyOf('never-uploaded'), 'THREATS_FOUND', '2025-03-03T02:30:00Z'))).toEqual({ recorded: 'missing' });
    await expect(onScanned({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} })).rejects.toThrow();
  });
});
