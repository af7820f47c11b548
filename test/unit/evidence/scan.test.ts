import { describe, expect, it } from 'vitest';
import { evidenceView, type Evidence } from '../../../shared/evidence/model';
import { projectHolder, storageKey } from '../../../shared/evidence/holder';
import { holderOfKey, loadedProject } from '../../../shared/evidence/holders';
import { evidenceFrom, planUpload } from '../../../shared/evidence/rules';
import {
  assertDownloadable,
  ScanResultEvent,
  scanReport,
  scanVerdict,
  supersedes,
  withScan,
  type EvidenceScan,
} from '../../../shared/evidence/scan';
import { DomainError } from '../../../shared/errors';
import { actor, stateFixtures } from '../projects/fixtures';
import { pdf, sha256Hex } from './files';

const BUCKET = 'pilotops-prod-data-evidence1a2b3c';
const KEY = storageKey(projectHolder('p-1'), 'u-1');

/**
 * The example event of GuardDuty's user guide ("Monitoring S3 object scans with Amazon EventBridge"),
 * with this project's bucket and key; `threats` as GuardDuty reports the EICAR test file.
 */
function documentedEvent(result: { scanStatus: string; scanResultStatus: string; threats?: { name: string }[] | null }, overrides: { versionId?: string | null; key?: string; bucket?: string; time?: string } = {}) {
  return {
    version: '0',
    id: '72c7d362-737a-6dce-fc78-9e27a0171419',
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: '111122223333',
    time: overrides.time ?? '2024-02-28T01:01:01Z',
    region: 'us-east-1',
    resources: ['arn:aws:guardduty:us-east-1:111122223333:malware-protection-plan/b4c7f464ab3a4EXAMPLE'],
    detail: {
      schemaVersion: '1.0',
      scanStatus: result.scanStatus,
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: {
        bucketName: overrides.bucket ?? BUCKET,
        objectKey: overrides.key ?? KEY,
        eTag: 'ASIAI44QH8DHBEXAMPLE',
        versionId: overrides.versionId === undefined ? 'd41d8cd98f00b204e9800998ecf8427e' : overrides.versionId,
        s3Throttled: false,
      },
      scanResultDetails: { scanResultStatus: result.scanResultStatus, threats: result.threats ?? null },
    },
  };
}

const INFECTED = { scanStatus: 'COMPLETED', scanResultStatus: 'THREATS_FOUND', threats: [{ name: 'EICAR-Test-File (not a virus)' }] };
const CLEAN = { scanStatus: 'COMPLETED', scanResultStatus: 'NO_THREATS_FOUND' };
const verdictOf = (event: unknown) => scanVerdict(ScanResultEvent.parse(event));

const FILE = pdf('扫描');
const NOW = new Date('2025-03-04T02:00:00Z');
const upload = planUpload(loadedProject(stateFixtures().draft.project), actor('enterprise'), { category: 'plan', fileName: '方案.pdf', contentType: 'application/pdf', size: FILE.length, sha256: sha256Hex(FILE) }, NOW, 'u-1');
const evidence: Evidence = evidenceFrom(upload, NOW, 'v-1');
const scan = (status: EvidenceScan['status'], checkedAt: string, versionId?: string): EvidenceScan => ({ status, checkedAt, ...(versionId ? { versionId } : {}) });

describe('a GuardDuty scan result', () => {
  it('reads AWS’s documented event: threats found is infected, with the threat names, the version and the time', () => {
    expect(verdictOf(documentedEvent(INFECTED))).toEqual({
      status: 'infected',
      checkedAt: '2024-02-28T01:01:01.000Z',
      versionId: 'd41d8cd98f00b204e9800998ecf8427e',
      threats: ['EICAR-Test-File (not a virus)'],
    });
  });

  it.each([
    [CLEAN, 'clean'],
    [{ scanStatus: 'SKIPPED', scanResultStatus: 'UNSUPPORTED' }, 'unsupported'],
    [{ scanStatus: 'SKIPPED', scanResultStatus: 'ACCESS_DENIED' }, 'access_denied'],
    [{ scanStatus: 'FAILED', scanResultStatus: 'FAILED' }, 'failed'],
  ])('decides %j is %s, naming no threat', (result, status) => {
    const verdict = verdictOf(documentedEvent(result));
    expect(verdict.status).toBe(status);
    expect(verdict.threats).toBeUndefined();
  });

  it('calls an object infected when threats were found, whatever the scan status says', () => {
    expect(verdictOf(documentedEvent({ ...INFECTED, scanStatus: 'FAILED' })).status).toBe('infected');
  });

  it('accepts an unversioned object (versionId null) and normalises the event time', () => {
    expect(verdictOf(documentedEvent(CLEAN, { versionId: null, time: '2024-02-28T09:01:01+08:00' }))).toEqual({ status: 'clean', checkedAt: '2024-02-28T01:01:01.000Z' });
  });

  it.each([
    ['another detail type', { ...documentedEvent(CLEAN), 'detail-type': 'GuardDuty Malware Protection Post Scan Action Failed' }],
    ['an unknown result status', documentedEvent({ scanStatus: 'COMPLETED', scanResultStatus: 'MAYBE' })],
    ['no object key', { ...documentedEvent(CLEAN), detail: { ...documentedEvent(CLEAN).detail, s3ObjectDetails: { bucketName: BUCKET } } }],
  ])('refuses %s', (_name, event) => {
    expect(ScanResultEvent.safeParse(event).success).toBe(false);
  });
});

describe('which evidence a result concerns', () => {
  it('addresses the upload whose key the object has, in the evidence bucket only', () => {
    const report = scanReport(ScanResultEvent.parse(documentedEvent(INFECTED)), BUCKET);
    expect(report).toMatchObject({ key: KEY, holder: { type: 'project', projectId: 'p-1' }, uploadId: 'u-1', scan: { status: 'infected' } });
    expect(scanReport(ScanResultEvent.parse(documentedEvent(INFECTED, { bucket: 'someone-elses' })), BUCKET)).toBeUndefined();
  });

  it('reads keys exactly as storageKey writes them and nothing else (GuardDuty’s validation object, other prefixes, odd segments)', () => {
    for (const holder of [projectHolder('p-9'), { type: 'provider', pilotId: 'wuqing-tech', providerId: 'pv-1' }, { type: 'indicator', pilotId: 'wuqing-tech', code: 'tt-04', period: '2025Q4' }] as const) {
      expect(holderOfKey(storageKey(holder, 'u-9'))).toEqual({ holder, uploadId: 'u-9' });
    }
    const odd = ['malware-protection-resource-validation-object', 'data/p-1.json', 'projects/p-1', 'projects/p-1/u-1/x', 'projects/p 1/u-1', 'projects/p-1/'];
    const oddHolders = ['providers/p/u-1', 'providers/p/v/u/x', 'indicators/p/c/2025/', 'indicators/p/c/2025-13/u-1', 'indicators/p/c/u-1'];
    for (const key of [...odd, ...oddHolders]) {
      expect(holderOfKey(key), key).toBeUndefined();
    }
  });
});

describe('recording a verdict', () => {
  it('lets a later verdict replace an earlier one, never the reverse (events come at least once, in any order)', () => {
    const first = scan('failed', '2025-03-04T02:00:00.000Z');
    const later = scan('clean', '2025-03-04T02:05:00.000Z');
    expect(supersedes(undefined, first)).toBe(true);
    expect(supersedes(first, later)).toBe(true);
    expect(supersedes(later, first)).toBe(false);
    expect(supersedes(later, later)).toBe(true);
  });

  it('ignores a verdict on another version than the one verified at completion', () => {
    expect(supersedes(undefined, scan('infected', '2025-03-04T02:00:00.000Z', 'v-2'), 'v-1')).toBe(false);
    expect(withScan(evidence, scan('infected', '2025-03-04T02:00:00.000Z', 'v-2')).scan).toBeUndefined();
    expect(withScan(evidence, scan('infected', '2025-03-04T02:00:00.000Z', 'v-1')).scan?.status).toBe('infected');
  });

  it('carries a verdict that reached the upload before completion onto the evidence, if it is about the verified version', () => {
    const early = scan('clean', '2025-03-04T01:59:00.000Z', 'v-1');
    expect(evidenceFrom({ ...upload, scan: early }, NOW, 'v-1').scan).toEqual(early);
    expect(evidenceFrom({ ...upload, scan: early }, NOW, 'v-2').scan).toBeUndefined();
    expect(evidenceFrom(upload, NOW, 'v-1')).not.toHaveProperty('scan');
  });
});

describe('quarantine', () => {
  it('refuses to hand out infected evidence with EVIDENCE_QUARANTINED (409) and its threat names', () => {
    const infected = { ...evidence, scan: { ...scan('infected', '2025-03-04T02:00:00.000Z', 'v-1'), threats: ['EICAR-Test-File (not a virus)'] } };
    const error = (() => {
      try {
        assertDownloadable(infected);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'EVIDENCE_QUARANTINED', status: 409, details: { evidenceId: 'u-1', threats: ['EICAR-Test-File (not a virus)'] } });
  });

  it.each(['clean', 'unsupported', 'access_denied', 'failed'] as const)('still hands out evidence whose verdict is %s, and evidence never scanned', (status) => {
    expect(() => assertDownloadable({ ...evidence, scan: scan(status, '2025-03-04T02:00:00.000Z') })).not.toThrow();
    expect(() => assertDownloadable(evidence)).not.toThrow();
  });

  it('shows evidence without a verdict as not scanned, and infected evidence as quarantined', () => {
    expect(evidenceView(evidence)).toMatchObject({ scan: { status: 'not_scanned' }, quarantined: false });
    expect(evidenceView({ ...evidence, scan: { ...scan('infected', '2025-03-04T02:00:00.000Z'), threats: ['Trojan'] } })).toMatchObject({
      scan: { status: 'infected', checkedAt: '2025-03-04T02:00:00.000Z', threats: ['Trojan'] },
      quarantined: true,
    });
  });
});
