import * as z from 'zod';
import { DomainError } from '../errors';
import { type EvidenceHolder } from './holder';
import { holderOfKey } from './holders';
import type { Evidence } from './model';

/**
 * Malware scanning of evidence objects (issue 8), pure. In partition `aws` GuardDuty Malware
 * Protection for S3 scans every new object version in the evidence bucket and publishes a
 * "GuardDuty Malware Protection Object Scan Result" event; here that event is read and turned into
 * a verdict on the evidence. On one machine and in aws-cn there is no scanner: evidence without a
 * verdict is `not_scanned`, and the API says exactly that.
 */

export const ScanStatus = z.enum(['not_scanned', 'clean', 'infected', 'unsupported', 'access_denied', 'failed']);
export type ScanStatus = z.infer<typeof ScanStatus>;

/** A scanner's verdict on one object version, recorded on the upload and then on the evidence. */
export interface EvidenceScan {
  status: Exclude<ScanStatus, 'not_scanned'>;
  /** when the scanner reported (the event's time, ISO): a later report supersedes an earlier one */
  checkedAt: string;
  /** the object version scanned; absent where the bucket does not version */
  versionId?: string;
  /** names GuardDuty gives the threats it found */
  threats?: string[];
}

/** The event as GuardDuty documents it. Unknown fields pass: AWS adds fields without a new schema version. */
export const ScanResultEvent = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  time: z.iso.datetime({ offset: true }),
  detail: z.object({
    scanStatus: z.enum(['COMPLETED', 'SKIPPED', 'FAILED']),
    resourceType: z.literal('S3_OBJECT'),
    s3ObjectDetails: z.object({
      bucketName: z.string().min(1),
      objectKey: z.string().min(1),
      versionId: z.string().nullish(),
    }),
    scanResultDetails: z.object({
      scanResultStatus: z.enum(['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED']),
      threats: z.array(z.object({ name: z.string() })).nullish(),
    }),
  }),
});
export type ScanResultEvent = z.infer<typeof ScanResultEvent>;

type ResultStatus = ScanResultEvent['detail']['scanResultDetails']['scanResultStatus'];

/** GuardDuty's result statuses (its managed tag carries the same values) → our verdicts. */
const VERDICTS = {
  NO_THREATS_FOUND: 'clean',
  THREATS_FOUND: 'infected',
  UNSUPPORTED: 'unsupported',
  ACCESS_DENIED: 'access_denied',
  FAILED: 'failed',
} as const satisfies Record<ResultStatus, EvidenceScan['status']>;

/** The verdict of one event. The result status decides; a threat found is infected whatever else is said. */
export function scanVerdict(event: ScanResultEvent): EvidenceScan {
  const { s3ObjectDetails: object, scanResultDetails: result } = event.detail;
  const threats = (result.threats ?? []).map((threat) => threat.name);
  return {
    status: VERDICTS[result.scanResultStatus],
    checkedAt: new Date(event.time).toISOString(),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    ...(threats.length > 0 ? { threats } : {}),
  };
}

/** One scan result, addressed to the evidence (or pending upload) it concerns. */
export interface ScanReport {
  key: string;
  holder: EvidenceHolder;
  uploadId: string;
  scan: EvidenceScan;
}

/** The report an event makes for the evidence bucket, or undefined for another bucket or a key that is not evidence. */
export function scanReport(event: ScanResultEvent, evidenceBucket: string): ScanReport | undefined {
  const { bucketName, objectKey } = event.detail.s3ObjectDetails;
  const target = bucketName === evidenceBucket ? holderOfKey(objectKey) : undefined;
  return target ? { key: objectKey, ...target, scan: scanVerdict(event) } : undefined;
}

/**
 * Whether `next` replaces what is recorded. A verdict on another version than the one verified at
 * completion says nothing about the evidence; events arrive at least once and in any order, so an
 * older verdict never overwrites a newer one (a repeat of the same one is harmless).
 */
export function supersedes(current: EvidenceScan | undefined, next: EvidenceScan, versionId?: string): boolean {
  if (versionId !== undefined && next.versionId !== undefined && next.versionId !== versionId) return false;
  return current === undefined || current.checkedAt <= next.checkedAt;
}

/** The evidence with a verdict that arrived while its upload was pending, when it applies. */
export function withScan(evidence: Evidence, scan: EvidenceScan | undefined): Evidence {
  return scan !== undefined && supersedes(evidence.scan, scan, evidence.versionId) ? { ...evidence, scan } : evidence;
}

/** Infected evidence is quarantined: its record says so and nobody downloads it. It is never deleted (Object Lock). */
export const isQuarantined = (item: { scan?: EvidenceScan }): boolean => item.scan?.status === 'infected';

export function assertDownloadable(evidence: Evidence): void {
  if (isQuarantined(evidence)) {
    throw new DomainError('EVIDENCE_QUARANTINED', { details: { evidenceId: evidence.id, threats: evidence.scan?.threats ?? [] } });
  }
}

/** What the API shows of a verdict; no verdict is shown as `not_scanned`, never as clean. */
export function scanView(scan: EvidenceScan | undefined): { status: ScanStatus; checkedAt?: string; threats?: string[] } {
  if (scan === undefined) return { status: 'not_scanned' };
  return { status: scan.status, checkedAt: scan.checkedAt, ...(scan.threats ? { threats: scan.threats } : {}) };
}
