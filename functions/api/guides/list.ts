import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { listGuides } from '../../commons/store/guides';

/** Published guides are public documents in substance; every signed-in user may read them. */
export const handler = api('guides/list', { path: z.object({ pilotId: z.string().min(1).max(40) }) }, async ({ path }) =>
  ok({ items: await listGuides(path.pilotId) }),
);
