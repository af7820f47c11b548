import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { api, created } from '../../commons/http';
import { recordDraw, spotCheckCandidates } from '../../commons/store/spot-checks';
import { drawForPilot } from '../../../shared/projects/spot-check-draw';

const PilotPath = z.object({ pilotId: z.string().min(1).max(40) });

export const handler = api('spotChecks/draw', { path: PilotPath, body: z.unknown() }, async ({ principal, path, body, now }) => {
  const draw = drawForPilot(principal, path.pilotId, body, await spotCheckCandidates(path.pilotId), randomBytes(16).toString('hex'), now);
  await recordDraw(draw);
  return created(draw);
});
