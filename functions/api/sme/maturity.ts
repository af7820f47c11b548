import { api, ok } from '../../commons/http';
import { pilotFor } from '../../commons/store/indicators';
import { firmsOfPilot, getSmePolicy } from '../../commons/store/sme';
import { PilotPath } from '../../../shared/evaluation/access';
import { maturityCounts } from '../../../shared/evaluation/maturity';

// 004 §三: counts by digital-maturity level against 473 / 32 / 19 and "all at level 2 or above".
export const handler = api('sme/maturity', { path: PilotPath }, async ({ principal, path }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const [firms, policy] = await Promise.all([firmsOfPilot(pilot.id), getSmePolicy(pilot.id)]);
  return ok({ pilotId: pilot.id, ...maturityCounts(firms), policy: policy ?? null });
});
