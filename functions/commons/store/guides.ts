import type { Guide } from '../../../shared/guides/model';
import { keys } from './keys';
import { createRecord, getRecord, queryAll, strip } from './records';

export async function createGuide(guide: Guide): Promise<void> {
  await createRecord({ ...keys.guide(guide.pilotId, guide.id), itemType: 'guide', ...guide });
}

export async function getGuide(pilotId: string, guideId: string): Promise<Guide | undefined> {
  return getRecord<Guide>(keys.guide(pilotId, guideId));
}

export async function listGuides(pilotId: string): Promise<Guide[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.guidePartition(pilotId) } });
  return items.map((item) => strip<Guide>(item)).sort((a, b) => b.opensOn.localeCompare(a.opensOn));
}
