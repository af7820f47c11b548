import { api, ok } from '../../commons/http';
import { getStoredProject } from '../../commons/store/projects';
import { DomainError } from '../../../shared/errors';
import { ProjectPath } from '../../../shared/projects/requests';
import { canSee } from '../../../shared/projects/visibility';
import { projectViewFor } from '../../../shared/projects/view';

export const handler = api('projects/get', { path: ProjectPath }, async ({ principal, path }) => {
  const stored = await getStoredProject(path.projectId);
  // Out of scope answers exactly like a missing project.
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  return ok(projectViewFor(principal, stored.project));
});
