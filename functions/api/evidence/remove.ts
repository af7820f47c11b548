import { api } from '../../commons/http';
import { getEvidence, projectVisibleTo, removeEvidence, submittedApplications } from '../../commons/store/evidence';
import { DomainError } from '../../../shared/errors';
import { projectHolder } from '../../../shared/evidence/holder';
import { ProjectEvidencePath } from '../../../shared/evidence/model';
import { referencedEvidenceIds } from '../../../shared/evidence/references';
import { assertRemovable } from '../../../shared/evidence/rules';

/**
 * The only deletion path: the uploader drops evidence from a draft (or a returned application) that
 * nothing references, nor any version of the application already submitted. Only a project's
 * evidence is removable: no other holder has a draft to tidy.
 */
export const handler = api('evidence/remove', { path: ProjectEvidencePath }, async ({ principal, path }) => {
  const project = await projectVisibleTo(path.projectId, principal);
  const evidence = await getEvidence(projectHolder(project.id), path.evidenceId);
  if (!evidence) throw new DomainError('NOT_FOUND');
  assertRemovable(project, evidence, principal, referencedEvidenceIds(project, await submittedApplications(project.id)));
  await removeEvidence(project, evidence);
  return { status: 204 };
});
