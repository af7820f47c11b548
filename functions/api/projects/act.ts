import { api } from '../../commons/http';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getStoredProject, saveDecision } from '../../commons/store/projects';
import { getGuide } from '../../commons/store/guides';
import { publishPilotSnapshot } from '../../commons/publish';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { DomainError } from '../../../shared/errors';
import { assertGuideAllows, guideGoverns } from '../../../shared/guides/model';
import { projectHolder } from '../../../shared/evidence/holders';
import { evidenceReferences } from '../../../shared/evidence/references';
import { authorizeProjectAction, decide } from '../../../shared/projects/decide';
import { ActionPath, ActionRequest } from '../../../shared/projects/requests';
import { canSee, disclosureChanged } from '../../../shared/projects/visibility';
import { projectViewFor } from '../../../shared/projects/view';

/**
 * Every step of the lifecycle (shared/projects/lifecycle.ts): the domain checks role, scope, state,
 * input and preconditions; the store writes the project, its audit event and any remembered reply
 * in one transaction conditioned on the version the caller saw.
 */
export const handler = api('projects/act', { path: ActionPath, body: ActionRequest }, async ({ principal, path, body, headers, now }) => {
  authorizeProjectAction(path.action, principal);
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: `POST /projects/${path.projectId}/actions/${path.action}`, body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  const stored = await getStoredProject(path.projectId);
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  if (stored.project.version !== body.expectedVersion) {
    throw new DomainError('STALE_VERSION', { details: { currentVersion: stored.project.version } });
  }
  const decision = decide(stored.project, path.action, body.input ?? {}, principal, now);
  // Checked after the lifecycle's own rules, so an illegal step is reported as such first.
  if (guideGoverns(path.action)) {
    assertGuideAllows(await getGuide(stored.project.pilotId, stored.project.guideId), stored.project, path.action, now);
  }
  // Every evidence id the step names must be completed evidence of this project, of the right category.
  await assertEvidenceOfHolder(projectHolder(stored.project.id), evidenceReferences(path.action, body.input ?? {}, stored.project));
  const reply = await saveDecision(stored, decision, { status: 200, body: projectViewFor(principal, decision.project) }, claim, now);
  // The public dashboards read snapshots only: a step the public can see republishes its pilot's.
  if (disclosureChanged(stored.project, decision.project)) await publishPilotSnapshot(decision.project.pilotId, now);
  return reply;
});
