import { api, ok } from '../../commons/http';
import { getProvider } from '../../commons/store/providers';
import { firmsOfPilot } from '../../commons/store/sme';
import { DomainError } from '../../../shared/errors';
import { ProviderPath } from '../../../shared/providers/requests';
import { providerDetailFor } from '../../../shared/providers/views';

/** One provider, with the projects and SME firms it serves when the caller may see its full record. */
export const handler = api('providers/get', { path: ProviderPath }, async ({ principal, path, now }) => {
  const provider = await getProvider(path.pilotId, path.providerId);
  const detail = provider ? providerDetailFor(principal, provider, await firmsOfPilot(path.pilotId), now) : undefined;
  if (!detail) throw new DomainError('NOT_FOUND');
  return ok(detail);
});
