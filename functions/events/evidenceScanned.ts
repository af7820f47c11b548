import { bucketNames } from '../commons/config';
import { logger } from '../commons/logger';
import { recordScan, type ScanRecordedOn } from '../commons/store/evidence';
import { ScanResultEvent, scanReport } from '../../shared/evidence/scan';

/**
 * GuardDuty's malware scan result for an object of the evidence bucket (EVENT_HANDLERS in
 * shared/events.ts). The verdict goes on the evidence, or on its upload while that is pending. An
 * infected object is quarantined: its record says so and the download route refuses it, and
 * GuardDuty's own tag (GuardDutyMalwareScanStatus=THREATS_FOUND) makes the bucket policy deny every
 * read. Nothing is deleted: the version is object-locked. A malformed event throws, so EventBridge's
 * retries and then the dead-letter queue (and its alarm) see it.
 */
export async function handler(event: unknown): Promise<{ recorded: ScanRecordedOn | 'ignored' }> {
  const parsed = ScanResultEvent.parse(event);
  const { bucketName, objectKey } = parsed.detail.s3ObjectDetails;
  const report = scanReport(parsed, bucketNames.evidence);
  if (!report) {
    logger.warn('scan result for an object that is not evidence', { bucketName, objectKey });
    return { recorded: 'ignored' };
  }
  const recorded = await recordScan(report);
  const facts = { objectKey, holder: report.holder, evidenceId: report.uploadId, status: report.scan.status, recorded };
  if (report.scan.status === 'infected') logger.warn('evidence quarantined', { ...facts, threats: report.scan.threats ?? [] });
  else logger.info('evidence scanned', facts);
  return { recorded };
}
