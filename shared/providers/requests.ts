import * as z from 'zod';
import { Id } from '../projects/values';
import { ProviderStatus } from './model';

/** The HTTP shapes of the provider routes; the domain validates each action's own input. */
export const ProviderPath = z.object({ pilotId: Id, providerId: Id });
export const ProviderActionPath = z.object({ pilotId: Id, providerId: Id, action: z.string().min(1).max(40) });
export const ProviderActionRequest = z.strictObject({ expectedVersion: z.number().int().positive(), input: z.unknown().optional() });
export const ProviderListQuery = z.object({ status: ProviderStatus.optional() });
export const CatalogueQuery = z.object({
  industry: z.string().trim().min(1).max(40).optional(),
  scenario: z.string().trim().min(1).max(40).optional(),
  kind: z.enum(['product', 'solution']).optional(),
});
