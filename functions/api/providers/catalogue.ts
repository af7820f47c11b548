import { api, ok } from '../../commons/http';
import { providersOfPilot } from '../../commons/store/providers';
import { PilotPath } from '../../../shared/evaluation/access';
import { catalogue } from '../../../shared/providers/views';
import { CatalogueQuery } from '../../../shared/providers/requests';

// 004 §三: "小快轻准"产品和解决方案资源池 — listed products of providers in the pool, by industry and scenario tag.
export const handler = api('providers/catalogue', { path: PilotPath, query: CatalogueQuery }, async ({ path, query }) => {
  return ok({ items: catalogue(await providersOfPilot(path.pilotId), query) });
});
