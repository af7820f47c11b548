import * as z from 'zod';
import { api } from '../../commons/http';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getPilot } from '../../commons/store/pilots';
import { saveProviderDecision } from '../../commons/store/providers';
import { DomainError } from '../../../shared/errors';
import { providerHolder } from '../../../shared/evidence/holder';
import { evidenceReferencesIn } from '../../../shared/evidence/references';
import { PilotPath } from '../../../shared/evaluation/access';
import { registerProvider } from '../../../shared/providers/decide';
import { providerViewFor } from '../../../shared/providers/views';

// 002 §三(一)2(2): 服务商在公共服务平台上申报注册 — one registration per provider and pilot pool; the
// domain validates the body (materials included), so the route takes it as it comes.
export const handler = api('providers/register', { path: PilotPath, body: z.unknown() }, async ({ principal, path, body, headers, now }) => {
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: `POST /pilots/${path.pilotId}/providers`, body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  if (!(await getPilot(path.pilotId))) throw new DomainError('NOT_FOUND');
  const decision = registerProvider(path.pilotId, body, principal, now);
  // 002 §三(一)2(2): every material named is a file this provider uploaded for this pool, of its kind.
  await assertEvidenceOfHolder(providerHolder(decision.provider), evidenceReferencesIn(decision.provider.materials, ['materials']));
  return saveProviderDecision(undefined, decision, { status: 201, body: providerViewFor(principal, decision.provider, now) }, claim, now);
});
