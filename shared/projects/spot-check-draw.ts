import * as z from 'zod';
import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { roleReaches } from '../scope';
import { parseInput } from '../validation';
import { drawSpotChecks } from './spot-check';

/**
 * A recorded spot-check draw (滨海 §三(五)8: 不定期组织专家现场抽查核验): the candidates (projects
 * under way in the pilot), the seed and the result are stored together, so anyone can re-run
 * drawSpotChecks(candidates, count, seed) and get the same list.
 */
export const SPOT_CHECK_STATUSES = ['in_progress', 'rectification'] as const;

export const DrawSpotChecksInput = z.strictObject({
  count: z.number().int().min(1).max(100),
  /** Given when a draw is re-run in public (e.g. a seed announced beforehand); otherwise minted. */
  seed: z.string().trim().min(8).max(128).optional(),
});

export const SpotCheckDraw = z.object({
  id: z.string(),
  pilotId: z.string(),
  seed: z.string(),
  count: z.number().int(),
  candidates: z.array(z.string()),
  drawn: z.array(z.string()),
  drawnAt: z.iso.datetime(),
  drawnBy: z.string(),
});
export type SpotCheckDraw = z.infer<typeof SpotCheckDraw>;

export function drawForPilot(actor: Principal, pilotId: string, input: unknown, candidates: readonly string[], mintedSeed: string, now: Date): SpotCheckDraw {
  if (!actor.roles.some((role) => role === 'bureau' || role === 'operator')) throw new DomainError('FORBIDDEN');
  if (!roleReaches('bureau', actor, { pilotId }) && !roleReaches('operator', actor, { pilotId })) throw new DomainError('NOT_FOUND');
  const { count, seed = mintedSeed } = parseInput(DrawSpotChecksInput, input);
  const sorted = [...new Set(candidates)].sort();
  const drawnAt = now.toISOString();
  return {
    id: `D${drawnAt.replace(/\D/g, '').slice(0, 14)}-${seed.slice(0, 8)}`,
    pilotId,
    seed,
    count,
    candidates: sorted,
    drawn: drawSpotChecks(sorted, count, seed),
    drawnAt,
    drawnBy: actor.subject,
  };
}
