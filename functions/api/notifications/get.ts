import { api, ok } from '../../commons/http';
import { preferencesOf, robotsOf } from '../../commons/store/outbox';
import { boxesOf } from '../../../shared/obligations/inbox';

/** The caller's notification choices and, per office the caller reads for (named by its role), its robots. */
export const handler = api('notifications/get', {}, async ({ principal }) => {
  const [stored, offices] = await Promise.all([
    preferencesOf(principal.subject),
    Promise.all(boxesOf(principal).map(async ({ role, box }) => ({ role, robots: await robotsOf(box) }))),
  ]);
  return ok({ ...(stored ? { preferences: stored.preferences, updatedAt: stored.updatedAt } : {}), offices });
});
