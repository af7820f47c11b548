import type { TimerEvent } from '../../shared/schedules';
import { publishPublicSnapshots } from '../commons/publish';
import { logger } from '../commons/logger';

/** Rebuilds every pilot's public snapshot (see shared/public/snapshot.ts). */
export async function handler(event: TimerEvent): Promise<{ publishedAt: string }> {
  const now = event.asOf ? new Date(event.asOf) : new Date();
  await publishPublicSnapshots(now);
  logger.info('public snapshots published', { schedule: event.schedule });
  return { publishedAt: now.toISOString() };
}
