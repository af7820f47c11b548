import { api, ok } from '../../commons/http';
import { listEvidence, listFlags, projectVisibleTo } from '../../commons/store/evidence';
import { evidenceView } from '../../../shared/evidence/model';
import { canSeeFlags } from '../../../shared/evidence/rules';
import { ProjectPath } from '../../../shared/projects/requests';

/** A project's evidence with uploader, time, size and checksum; duplicate flags for officials only. */
export const handler = api('evidence/list', { path: ProjectPath }, async ({ principal, path }) => {
  const project = await projectVisibleTo(path.projectId, principal);
  const items = (await listEvidence(project.id)).map(evidenceView);
  return ok(canSeeFlags(principal, project) ? { items, flags: await listFlags(project.id) } : { items });
});
