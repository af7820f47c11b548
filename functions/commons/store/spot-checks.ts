import type { SpotCheckDraw } from '../../../shared/projects/spot-check-draw';
import { SPOT_CHECK_STATUSES } from '../../../shared/projects/spot-check-draw';
import { keys } from './keys';
import { projectsInStatus } from './projects';
import { createRecord, queryPage, strip, type Page } from './records';

/** Ids of the pilot's projects under way: the candidates of a draw, read by queue queries. */
export async function spotCheckCandidates(pilotId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const status of SPOT_CHECK_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await projectsInStatus(pilotId, status, undefined, cursor);
      ids.push(...page.items.map((project) => project.id));
      cursor = page.cursor;
    } while (cursor);
  }
  return ids;
}

export async function recordDraw(draw: SpotCheckDraw): Promise<void> {
  await createRecord({ ...keys.spotCheckDraw(draw.pilotId, draw.id), itemType: 'spotCheckDraw', ...draw });
}

/** Draws newest first. */
export async function listDraws(pilotId: string, cursor?: string, caller = ''): Promise<Page<SpotCheckDraw>> {
  const page = await queryPage(
    { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.spotCheckPartition(pilotId) }, ScanIndexForward: false, Limit: 20 },
    cursor,
    caller,
  );
  return { ...page, items: page.items.map((item) => strip<SpotCheckDraw>(item)) };
}
