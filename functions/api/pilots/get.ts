import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { getPilot } from '../../commons/store/pilots';
import { DomainError } from '../../../shared/errors';

export const handler = api('pilots/get', { path: z.object({ pilotId: z.string().min(1).max(40) }) }, async ({ path }) => {
  const pilot = await getPilot(path.pilotId);
  if (!pilot) throw new DomainError('NOT_FOUND');
  return ok(pilot);
});
