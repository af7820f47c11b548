import { api, ok } from '../../commons/http';
import { providersOfPilot } from '../../commons/store/providers';
import { ProviderListQuery } from '../../../shared/providers/requests';
import { PilotPath } from '../../../shared/evaluation/access';
import { poolView } from '../../../shared/providers/views';

/** The pool: full records for those in scope (the bureau, the operator, a provider's own), the public view for others. */
export const handler = api('providers/list', { path: PilotPath, query: ProviderListQuery }, async ({ principal, path, query, now }) => {
  const providers = await providersOfPilot(path.pilotId);
  return ok(poolView(principal, providers, query.status, now));
});
