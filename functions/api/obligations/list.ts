import { api, ok } from '../../commons/http';
import { obligationsOf } from '../../commons/store/obligations';
import { getStoredProject } from '../../commons/store/projects';
import { DomainError } from '../../../shared/errors';
import { byDueDay } from '../../../shared/obligations/requests';
import { ProjectPath } from '../../../shared/projects/requests';
import { canSee } from '../../../shared/projects/visibility';

/** A project's obligations — open, fulfilled, missed, cancelled — for whoever may see the project. */
export const handler = api('obligations/list', { path: ProjectPath }, async ({ principal, path }) => {
  const stored = await getStoredProject(path.projectId);
  if (!stored || !canSee(principal, stored.project)) throw new DomainError('NOT_FOUND');
  return ok({ items: (await obligationsOf('project', path.projectId)).sort(byDueDay) });
});
