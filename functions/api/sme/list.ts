import { api, ok } from '../../commons/http';
import { firmsOfEnterprise, firmsOfPilot } from '../../commons/store/sme';
import { FirmListQuery, firmListFor, firmViewFor } from '../../../shared/evaluation/sme-access';
import { canSeeFirm } from '../../../shared/sme/decide';

/** The caller's pilot SMEs: an enterprise's own, a town's area, a pilot's for its offices. */
export const handler = api('sme/list', { query: FirmListQuery }, async ({ principal, query }) => {
  const list = firmListFor(principal, query);
  const firms = list.kind === 'enterprise' ? await firmsOfEnterprise(list.uscc) : await firmsOfPilot(list.pilotId, { town: list.town, status: list.status });
  return ok({ items: firms.filter((firm) => canSeeFirm(principal, firm)).map((firm) => firmViewFor(principal, firm)) });
});
