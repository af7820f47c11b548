import { api } from '../../commons/http';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getStoredProject, saveDecision } from '../../commons/store/projects';
import { getGuide } from '../../commons/store/guides';
import { allProjectsOfEnterprise } from '../../commons/store/funds';
import { publishPilotSnapshot } from '../../commons/publish';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { panelInputFromRegistry } from '../../commons/store/experts';
import { DomainError } from '../../../shared/errors';
import { assertGuideAllows, guideGoverns } from '../../../shared/guides/model';
import { projectHolder } from '../../../shared/evidence/holder';
import { evidenceReferences } from '../../../shared/evidence/references';
import { authorizeProjectAction, decide } from '../../../shared/projects/decide';
import { ActionPath, ActionRequest } from '../../../shared/projects/requests';
import { canSee, disclosureChanged } from '../../../shared/projects/visibility';
import { projectViewFor } from '../../../shared/projects/view';

const PANEL_ACTIONS: ReadonlySet<string> = new Set(['assign_experts', 'add_experts']);

/**
 * Every step of the lifecycle (shared/projects/lifecycle.ts): the domain checks role, scope, state,
 * input and preconditions; the store writes the project, its audit event and any remembered reply
 * in one transaction conditioned on the version the caller saw.
 */
export const handler = api('projects/act', { path: ActionPath, body: ActionRequest }, async ({ principal, path, body, headers, now }) => {
  authorizeProjectAction(path.action, principal);
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: `POST /projects/${path.projectId}/actions/${path.action}`, body });
  // Independent reads go out together; a remembered reply still wins over anything the project says.
  const [remembered, stored] = await Promise.all([rememberedResponse(claim), getStoredProject(path.projectId)]);
  if (remembered) return remembered;
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  if (stored.project.version !== body.expectedVersion) {
    throw new DomainError('STALE_VERSION', { details: { currentVersion: stored.project.version } });
  }
  // 003 §二(二): a selection reads the enterprise's other projects, to flag central funds held twice.
  const enterpriseProjects = path.action === 'select' ? await allProjectsOfEnterprise(stored.project.uscc) : [];
  let decision = decide(stored.project, path.action, body.input ?? {}, principal, now, { enterpriseProjects });
  // Panels come from the expert registry only (issue 14 §2): once the step itself is allowed, its
  // experts are checked against the registry and decided again with their registered names.
  if (PANEL_ACTIONS.has(path.action)) {
    decision = decide(stored.project, path.action, await panelInputFromRegistry(stored.project, body.input), principal, now, { enterpriseProjects });
  }
  // Checked after the lifecycle's own rules, so an illegal step is reported as such first; the two
  // checks read at once, and when both fail the guide's refusal is the one reported, as before.
  const checks = await Promise.allSettled([
    // The guide's window and categories govern submissions (shared/guides/model.ts).
    guideGoverns(path.action) ? getGuide(stored.project.pilotId, stored.project.guideId).then((guide) => assertGuideAllows(guide, stored.project, path.action, now)) : undefined,
    // Every evidence id the step names must be completed evidence of this project, of the right category.
    assertEvidenceOfHolder(projectHolder(stored.project.id), evidenceReferences(path.action, body.input ?? {}, stored.project)),
  ]);
  for (const check of checks) if (check.status === 'rejected') throw check.reason;
  const reply = await saveDecision(stored, decision, { status: 200, body: projectViewFor(principal, decision.project) }, claim, now);
  // The public dashboards read snapshots only: a step the public can see republishes its pilot's.
  if (disclosureChanged(stored.project, decision.project)) await publishPilotSnapshot(decision.project.pilotId, now);
  return reply;
});
