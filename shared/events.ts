import type { BucketKey } from './tables';
import type { Touches } from './touches';

/**
 * Event handlers: an EventBridge rule on the default bus in AWS, nothing on one machine (no AWS
 * service emits events there). Infra reads this table as it reads shared/schedules.ts. The handler
 * module is `functions/events/<handler>.ts`, export `handler`, and gets the EventBridge event.
 */
export interface EventHandlerDefinition {
  name: string;
  /** the rule matches events with this `source` and `detail-type` … */
  source: string;
  detailType: string;
  /** … whose `detail.s3ObjectDetails.bucketName` is this bucket of shared/tables.ts */
  bucket: BucketKey;
  handler: string;
  summary: string;
  /** as on routes (shared/touches.ts): what its function is granted, and nothing else */
  touches: Touches;
  /** partitions whose service emits these events; elsewhere neither rule nor function is created */
  partitions: readonly ('aws' | 'aws-cn')[];
}

export const EVENT_HANDLERS = [
  {
    name: 'evidence-scanned',
    // GuardDuty Malware Protection for S3 is not offered in the China regions (docs/deploy.md).
    source: 'aws.guardduty',
    detailType: 'GuardDuty Malware Protection Object Scan Result',
    bucket: 'evidence',
    handler: 'evidenceScanned',
    summary: '记录证据文件的恶意代码扫描结果，隔离发现威胁的文件',
    // The verdict goes on the evidence (records) or its pending upload (uploads); GuardDuty tags the object itself.
    touches: { records: ['read', 'update'], uploads: ['read', 'update'] },
    partitions: ['aws'],
  },
] as const satisfies readonly EventHandlerDefinition[];
