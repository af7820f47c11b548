import type { TimerEvent } from '../../shared/schedules';
import type { DispatchResult } from '../../shared/notifications/outbox';
import { dispatchOutbox } from '../commons/notify';
import { logger } from '../commons/logger';

/**
 * Every five minutes: delivers what the outbox still owes — a delivery that failed and is due again,
 * one a crashed run left claimed past its lease, an event whose run died before it sent
 * (shared/notifications/outbox.ts). What is sent or abandoned is never read again.
 */
export async function handler(event: TimerEvent): Promise<DispatchResult> {
  const result = await dispatchOutbox();
  if (result.abandoned > 0) logger.warn('notifications abandoned after their last attempt', { abandoned: result.abandoned });
  logger.info('outbox dispatch finished', { schedule: event.schedule, ...result });
  return result;
}
