import { api, ok } from '../../commons/http';
import { derivationSources, pilotFor, reportedValuesOfPilot } from '../../commons/store/indicators';
import { PilotPath } from '../../../shared/evaluation/access';
import { indicatorBoard } from '../../../shared/indicators/board';

/** A pilot's indicators against their targets, with progress, status and trend, computed on read. */
export const handler = api('indicators/board', { path: PilotPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const [values, sources] = await Promise.all([reportedValuesOfPilot(pilot.id), derivationSources(pilot)]);
  return ok({ pilotId: pilot.id, asOf: now.toISOString(), rows: indicatorBoard(pilot, values, sources, now) });
});
