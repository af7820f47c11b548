import { api, ok } from '../../commons/http';
import { projectsInStatus, projectsOfEnterprise, projectsOfExpert } from '../../commons/store/projects';
import { queueFor } from '../../../shared/projects/queues';
import { ProjectListQuery } from '../../../shared/projects/requests';
import { canSee } from '../../../shared/projects/visibility';
import { projectViewFor } from '../../../shared/projects/view';

/** The caller's list: an enterprise's own projects, an expert's assignments, an official's queue. */
export const handler = api('projects/list', { query: ProjectListQuery }, async ({ principal, query }) => {
  const queue = queueFor(principal, query);
  const page =
    queue.kind === 'enterprise'
      ? await projectsOfEnterprise(queue.uscc, query.cursor, principal.subject)
      : queue.kind === 'expert'
        ? await projectsOfExpert(queue.subject, query.cursor, principal.subject)
        : await projectsInStatus(queue.pilotId, queue.status, queue.town, query.cursor, queue.category, principal.subject);
  const items = page.items.filter((project) => canSee(principal, project)).map((project) => projectViewFor(principal, project));
  return ok({ items, ...(page.cursor ? { cursor: page.cursor } : {}) });
});
