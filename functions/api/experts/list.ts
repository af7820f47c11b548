import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { expertRegistry } from '../../commons/store/experts';
import { assertReadsRegistry, byField, ExpertListQuery } from '../../../shared/experts/model';

const PilotPath = z.object({ pilotId: z.string().min(1).max(40) });

export const handler = api('experts/list', { path: PilotPath, query: ExpertListQuery }, async ({ principal, path, query }) => {
  assertReadsRegistry(principal, path.pilotId);
  return ok({ items: byField(await expertRegistry(path.pilotId), query.field) });
});
