import { api, ok } from '../../commons/http';
import { derivationSources, pilotFor, reportedValuesOfPilot, valueHistory } from '../../commons/store/indicators';
import { indicatorDetail, IndicatorPath } from '../../../shared/indicators/view';

/** One indicator: its row on the board, every reported period with the caller's actions, and the history. */
export const handler = api('indicators/get', { path: IndicatorPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const [values, sources, history] = await Promise.all([reportedValuesOfPilot(pilot.id), derivationSources(pilot), valueHistory(pilot.id, path.code)]);
  return ok(indicatorDetail(pilot, path.code, values, sources, history, principal, now));
});
