import type { TimerEvent } from '../../shared/schedules';
import { expireUpload, staleUploads } from '../commons/store/evidence';
import { logger } from '../commons/logger';

/**
 * Hourly: uploads handed out but never completed within their window lose their record and their
 * object (if one arrived). DynamoDB's TTL removes only the record, and only eventually; DynamoDB
 * Local never does, so the timer selects by the window itself.
 */
export async function handler(event: TimerEvent): Promise<{ removed: number }> {
  const asOf = event.asOf ? new Date(event.asOf) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error(`asOf is not a date: ${event.asOf ?? ''}`);
  let removed = 0;
  for (const upload of await staleUploads(asOf)) {
    if (await expireUpload(upload, asOf)) removed += 1;
  }
  logger.info('upload cleanup finished', { schedule: event.schedule, asOf: asOf.toISOString(), removed });
  return { removed };
}
