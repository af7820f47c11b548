import * as z from 'zod';
import { api, created } from '../../commons/http';
import { createGuide } from '../../commons/store/guides';
import { publishGuide } from '../../../shared/guides/model';

export const handler = api('guides/publish', { path: z.object({ pilotId: z.string().min(1).max(40) }), body: z.unknown() }, async ({ principal, path, body, now }) => {
  const guide = publishGuide(principal, path.pilotId, body, now);
  await createGuide(guide);
  return created(guide);
});
