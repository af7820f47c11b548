import { api, ok } from '../../commons/http';
import { dossierItems, getEnterprise } from '../../commons/store/enterprises';
import { UsccPath } from '../../../shared/enterprises/model';
import { buildDossier } from '../../../shared/enterprises/dossier';
import { canSeeEnterprise } from '../../../shared/enterprises/register';
import { DomainError } from '../../../shared/errors';

/** 一企一档: the enterprise's whole record in one request. */
export const handler = api('enterprises/dossier', { path: UsccPath }, async ({ principal, path }) => {
  const enterprise = await getEnterprise(path.uscc);
  if (!enterprise || !canSeeEnterprise(principal, enterprise)) throw new DomainError('NOT_FOUND');
  return ok(buildDossier(principal, enterprise, await dossierItems(path.uscc)));
});
