import * as z from 'zod';
import { COGNITO_CLAIMS, ROLES, type ClaimMapping } from './roles';

/**
 * A deployment's claim mapping (env CLAIM_MAPPING, JSON; CDK context `claimMapping`), checked once at
 * start. Every field defaults to Cognito's claim name, so a mapping names only what differs.
 */
const claimName = (fallback: string) => z.string().min(1).default(fallback);

export const ClaimMappingInput = z.strictObject({
  subject: claimName(COGNITO_CLAIMS.subject),
  name: claimName(COGNITO_CLAIMS.name),
  groups: claimName(COGNITO_CLAIMS.groups),
  uscc: claimName(COGNITO_CLAIMS.uscc),
  town: claimName(COGNITO_CLAIMS.town),
  pilot: claimName(COGNITO_CLAIMS.pilot),
  providerId: claimName(COGNITO_CLAIMS.providerId),
  dataUnit: claimName(COGNITO_CLAIMS.dataUnit),
  supervision: claimName(COGNITO_CLAIMS.supervision),
  roleOfGroup: z.record(z.string(), z.enum(ROLES)).default({}),
});

/** Reads a mapping from its JSON text; an empty or absent text means Cognito's claims. */
export function claimMappingFrom(json: string | undefined): ClaimMapping {
  if (json === undefined || json.trim() === '') return COGNITO_CLAIMS;
  return ClaimMappingInput.parse(JSON.parse(json));
}
