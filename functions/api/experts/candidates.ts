import { api, ok } from '../../commons/http';
import { getStoredProject } from '../../commons/store/projects';
import { candidatesFor } from '../../commons/store/experts';
import { DomainError } from '../../../shared/errors';
import { ExpertListQuery } from '../../../shared/experts/model';
import { ProjectPath } from '../../../shared/projects/requests';
import { canSee } from '../../../shared/projects/visibility';

/** Who may sit on a project's panel (the bureau picks or draws from these), and who must step aside. */
export const handler = api('experts/candidates', { path: ProjectPath, query: ExpertListQuery }, async ({ principal, path, query }) => {
  const stored = await getStoredProject(path.projectId);
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  return ok(await candidatesFor(stored.project, query.field));
});
