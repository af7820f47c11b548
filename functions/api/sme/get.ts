import { api, ok } from '../../commons/http';
import { getFirm } from '../../commons/store/sme';
import { DomainError } from '../../../shared/errors';
import { FirmPath, firmViewFor } from '../../../shared/evaluation/sme-access';
import { canSeeFirm } from '../../../shared/sme/decide';

export const handler = api('sme/get', { path: FirmPath }, async ({ principal, path }) => {
  const firm = await getFirm(path.firmId);
  // Out of scope answers exactly like a missing firm.
  if (!firm || !canSeeFirm(principal, firm)) throw new DomainError('NOT_FOUND');
  return ok(firmViewFor(principal, firm));
});
