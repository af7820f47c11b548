import { api, ok } from '../../commons/http';
import { dossierItems, getEnterprise } from '../../commons/store/enterprises';
import { UsccPath } from '../../../shared/enterprises/model';
import { buildDossier } from '../../../shared/enterprises/dossier';
import { enterpriseFor } from '../../../shared/enterprises/register';
import { DomainError } from '../../../shared/errors';

/** 一企一档: the enterprise's whole record in one request, each pilot's part only to who may see it. */
export const handler = api('enterprises/dossier', { path: UsccPath }, async ({ principal, path }) => {
  const { profile, participations } = await getEnterprise(path.uscc);
  const enterprise = enterpriseFor(principal, profile, participations);
  if (!enterprise) throw new DomainError('NOT_FOUND');
  return ok(buildDossier(principal, enterprise, await dossierItems(path.uscc)));
});
