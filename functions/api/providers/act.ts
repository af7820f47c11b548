import { api } from '../../commons/http';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { getProvider, providerEnv, saveProviderDecision } from '../../commons/store/providers';
import { DomainError } from '../../../shared/errors';
import { providerHolder } from '../../../shared/evidence/holder';
import { evidenceReferencesIn } from '../../../shared/evidence/references';
import { authorizeProviderAction, canSeeProvider, decideProvider } from '../../../shared/providers/decide';
import { ProviderActionPath, ProviderActionRequest } from '../../../shared/providers/requests';
import { providerViewFor } from '../../../shared/providers/views';

/** The provider pool's lifecycle (shared/providers/lifecycle.ts), written like a project's steps. */
export const handler = api('providers/act', { path: ProviderActionPath, body: ProviderActionRequest }, async ({ principal, path, body, headers, now }) => {
  authorizeProviderAction(path.action, principal);
  const route = `POST /pilots/${path.pilotId}/providers/${path.providerId}/actions/${path.action}`;
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route, body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  const stored = await getProvider(path.pilotId, path.providerId);
  if (!stored || !canSeeProvider(principal, stored)) throw new DomainError('NOT_FOUND');
  if (stored.version !== body.expectedVersion) throw new DomainError('STALE_VERSION', { details: { currentVersion: stored.version } });
  const decision = decideProvider(stored, path.action, body.input ?? {}, principal, now, await providerEnv(path.action, body.input));
  // Resubmitted materials and rectification reports name files the provider uploaded as its own.
  await assertEvidenceOfHolder(providerHolder(stored), evidenceReferencesIn(body.input ?? {}));
  return saveProviderDecision(stored, decision, { status: 200, body: providerViewFor(principal, decision.provider, now) }, claim, now);
});
