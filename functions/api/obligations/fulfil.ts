import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { fulfilManually, getObligation } from '../../commons/store/obligations';
import { DomainError } from '../../../shared/errors';
import { closed } from '../../../shared/obligations/reconcile';
import { manualFulfilment, ObligationPath } from '../../../shared/obligations/requests';

/** An official records a duty no lifecycle step records: a quarterly visit, a yearly review, a self-evaluation. */
export const handler = api('obligations/fulfil', { path: ObligationPath, body: z.unknown() }, async ({ principal, path, body, now }) => {
  const { close, note } = manualFulfilment(await getObligation(path.obligationId), principal, body);
  const at = now.toISOString();
  // The sweep may have marked it missed since it was read: the caller reloads and records it again.
  if (!(await fulfilManually(close, at, principal.subject, note))) throw new DomainError('STALE_VERSION');
  return ok(closed(close, at, principal.subject, note));
});
