import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { listDraws } from '../../commons/store/spot-checks';
import { DomainError } from '../../../shared/errors';

export const handler = api(
  'spotChecks/list',
  { path: z.object({ pilotId: z.string().min(1).max(40) }), query: z.object({ cursor: z.string().max(2000).optional() }) },
  async ({ principal, path, query }) => {
    // A pilot's officials see its draws; a supervisor sees every pilot's.
    if (!principal.roles.includes('supervisor') && principal.pilot !== path.pilotId) throw new DomainError('NOT_FOUND');
    return ok(await listDraws(path.pilotId, query.cursor, principal.subject));
  },
);
