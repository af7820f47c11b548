import { randomUUID } from 'node:crypto';
import { api, created } from '../../commons/http';
import { projectVisibleTo, recordUpload } from '../../commons/store/evidence';
import { presignUpload } from '../../commons/store/evidence-objects';
import { UploadRequest } from '../../../shared/evidence/model';
import { planUpload } from '../../../shared/evidence/rules';
import { ProjectPath } from '../../../shared/projects/requests';

/**
 * Declares a file and hands out a presigned PUT and POST for exactly one key, size and SHA-256. The
 * domain (planUpload) parses the body again, so a script that calls it gets the same checks.
 */
export const handler = api('evidence/upload', { path: ProjectPath, body: UploadRequest }, async ({ principal, path, body, now }) => {
  const project = await projectVisibleTo(path.projectId, principal);
  const upload = planUpload(project, principal, body, now, randomUUID());
  await recordUpload(upload);
  return created(await presignUpload(upload));
});
