import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { listDraws } from '../../commons/store/spot-checks';
import { DomainError } from '../../../shared/errors';
import { worksInPilot } from '../../../shared/scope';

export const handler = api(
  'spotChecks/list',
  { path: z.object({ pilotId: z.string().min(1).max(40) }), query: z.object({ cursor: z.string().max(2000).optional() }) },
  async ({ principal, path, query }) => {
    // A pilot's officials see its draws; a supervisor those of the pilots it supervises.
    if (!worksInPilot(principal, path.pilotId, ['bureau', 'operator'])) throw new DomainError('NOT_FOUND');
    return ok(await listDraws(path.pilotId, query.cursor, principal.subject));
  },
);
