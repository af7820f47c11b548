import { api } from '../../commons/http';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getFirm, getSmePolicy, saveSmeDecision, verifySmeReferences } from '../../commons/store/sme';
import { smeEvidenceReferences } from '../../../shared/evidence/references';
import { DomainError } from '../../../shared/errors';
import { FirmActionPath, FirmActionRequest, firmViewFor } from '../../../shared/evaluation/sme-access';
import { authorizeSmeAction, canSeeFirm, decideSme } from '../../../shared/sme/decide';

/** Every step of the SME path after enrolment (shared/sme/lifecycle.ts), written with its audit event. */
export const handler = api('sme/act', { path: FirmActionPath, body: FirmActionRequest }, async ({ principal, path, body, headers, now }) => {
  authorizeSmeAction(path.action, principal);
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: `POST /sme-firms/${path.firmId}/actions/${path.action}`, body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  const stored = await getFirm(path.firmId);
  if (!stored || !canSeeFirm(principal, stored)) throw new DomainError('NOT_FOUND');
  if (stored.version !== body.expectedVersion) throw new DomainError('STALE_VERSION', { details: { currentVersion: stored.version } });
  const policy = path.action === 'grant_subsidy' ? await getSmePolicy(stored.pilotId) : undefined;
  const decision = decideSme(stored, path.action, body.input ?? {}, principal, now, policy);
  await verifySmeReferences(decision);
  // Reports, plans and photos the step names are files uploaded to this firm's own record, of their kind.
  await assertEvidenceOfHolder({ type: 'sme', firmId: stored.id }, smeEvidenceReferences(path.action, body.input ?? {}));
  return saveSmeDecision(stored, decision, { status: 200, body: firmViewFor(principal, decision.firm) }, claim, now);
});
