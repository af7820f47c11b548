import { api, ok } from '../../commons/http';
import { getEnterprise } from '../../commons/store/enterprises';
import { UsccPath } from '../../../shared/enterprises/model';
import { canSeeEnterprise } from '../../../shared/enterprises/register';
import { DomainError } from '../../../shared/errors';

export const handler = api('enterprises/get', { path: UsccPath }, async ({ principal, path }) => {
  const enterprise = await getEnterprise(path.uscc);
  // Another tenant's enterprise answers as if it did not exist.
  if (!enterprise || !canSeeEnterprise(principal, enterprise)) throw new DomainError('NOT_FOUND');
  return ok(enterprise);
});
