import * as z from 'zod';
import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { worksInPilot } from '../scope';
import { Id } from '../projects/values';

/**
 * Who may read a pilot's evaluations: an official, data unit or assessor of that pilot; a supervisor
 * of a pilot it supervises (108号: 省级主管部门跨试点城市查看). Anything else answers 404, as if the pilot did not exist.
 */
export function assertPilotReader(actor: Principal, pilotId: string): void {
  if (!worksInPilot(actor, pilotId)) throw new DomainError('NOT_FOUND');
}

export const PilotPath = z.object({ pilotId: Id });

export const YearPath = z.object({ pilotId: Id, year: z.coerce.number().int().min(2000).max(2100) });
