import { api, ok } from '../../commons/http';
import { getEnterprise } from '../../commons/store/enterprises';
import { UsccPath } from '../../../shared/enterprises/model';
import { enterpriseFor } from '../../../shared/enterprises/register';
import { DomainError } from '../../../shared/errors';

export const handler = api('enterprises/get', { path: UsccPath }, async ({ principal, path }) => {
  const { profile, participations } = await getEnterprise(path.uscc);
  // Another tenant's enterprise answers as if it did not exist; a pilot's officials see its registration there only.
  const enterprise = enterpriseFor(principal, profile, participations);
  if (!enterprise) throw new DomainError('NOT_FOUND');
  return ok(enterprise);
});
