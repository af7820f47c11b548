import { api, ok } from '../../commons/http';
import { derivationSources, reportedValuesOfPilot } from '../../commons/store/indicators';
import { listPilots } from '../../commons/store/pilots';
import { crossPilotView } from '../../../shared/evaluation/cross-pilot';
import { indicatorBoard } from '../../../shared/indicators/board';
import { supervisesPilot } from '../../../shared/scope';

/** 108号: every pilot's indicators side by side, for the supervisor (the route admits no one else). */
export const handler = api('evaluations/overview', {}, async ({ principal, now }) => {
  // Only the pilots the supervisor supervises: every one for the ministry, a province's own for a province.
  const pilots = (await listPilots()).filter((pilot) => supervisesPilot(principal, pilot.id));
  const boards = await Promise.all(
    pilots.map(async (pilot) => {
      const [values, sources] = await Promise.all([reportedValuesOfPilot(pilot.id), derivationSources(pilot)]);
      return { pilot, rows: indicatorBoard(pilot, values, sources, now) };
    }),
  );
  return ok(crossPilotView(boards, now));
});
