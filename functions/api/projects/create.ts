import { randomUUID } from 'node:crypto';
import { api } from '../../commons/http';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { saveDecision } from '../../commons/store/projects';
import { getParticipation } from '../../commons/store/enterprises';
import { getGuide } from '../../commons/store/guides';
import { assertGuideAllows } from '../../../shared/guides/model';
import { createDraft } from '../../../shared/projects/decide';
import { CreateDraftInput } from '../../../shared/projects/inputs';
import { projectViewFor } from '../../../shared/projects/view';

// 滨海 §三(五)2: the enterprise starts an application under a published guide.
export const handler = api('projects/create', { body: CreateDraftInput }, async ({ principal, body, headers, now }) => {
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: 'POST /projects', body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  assertGuideAllows(await getGuide(body.pilotId, body.guideId), body, 'create_draft', now);
  // The pilot and town come from the firm's registration in the pilot (issue 12), not from the body.
  const registration = principal.uscc ? await getParticipation(principal.uscc, body.pilotId) : undefined;
  const decision = createDraft(body, principal, now, `P${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`, registration);
  return saveDecision(undefined, decision, { status: 201, body: projectViewFor(principal, decision.project) }, claim, now);
});
