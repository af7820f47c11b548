import * as z from 'zod';
import { api, created } from '../../commons/http';
import { registerExpertRecord } from '../../commons/store/experts';
import { registerExpert } from '../../../shared/experts/model';

const PilotPath = z.object({ pilotId: z.string().min(1).max(40) });

export const handler = api('experts/register', { path: PilotPath, body: z.unknown() }, async ({ principal, path, body, now }) => {
  const expert = registerExpert(principal, path.pilotId, body, now);
  await registerExpertRecord(expert);
  return created(expert);
});
