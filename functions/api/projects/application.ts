import { api, ok } from '../../commons/http';
import { getStoredProject, submittedVersions } from '../../commons/store/projects';
import { DomainError } from '../../../shared/errors';
import { applicationReviewFor } from '../../../shared/projects/application-review';
import { ProjectPath } from '../../../shared/projects/requests';
import { canSee } from '../../../shared/projects/visibility';

export const handler = api('projects/application', { path: ProjectPath }, async ({ principal, path }) => {
  const stored = await getStoredProject(path.projectId);
  // Out of scope answers exactly like a missing project.
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  const versions = await submittedVersions(stored.project.id);
  return ok(applicationReviewFor(principal.roles, stored.project, versions));
});
