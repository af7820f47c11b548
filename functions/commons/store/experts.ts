import { DomainError } from '../../../shared/errors';
import type { Expert, ExpertField } from '../../../shared/experts/model';
import { panelCandidates, panelFromRegistry, type PanelCandidates } from '../../../shared/experts/panel';
import type { Project } from '../../../shared/projects/model';
import { getEnterpriseProfile } from './enterprises';
import { keys } from './keys';
import { createRecord, queryAll, strip } from './records';

/** The expert registry (专家库) of a pilot in the `records` table: one partition, read whole. */

export async function registerExpertRecord(expert: Expert): Promise<void> {
  try {
    await createRecord({ ...keys.expert(expert.pilotId, expert.account), itemType: 'expert', ...expert });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ALREADY_EXISTS') throw new DomainError('EXPERT_ALREADY_REGISTERED', { issues: [{ path: 'account', message: '该账号已在专家库中' }] });
    throw error;
  }
}

/** Every registered expert of the pilot (a registry holds hundreds, not millions: one paged query). */
export async function expertRegistry(pilotId: string): Promise<Expert[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.expertRegistry(pilotId) } });
  return items.map((item) => strip<Expert>(item));
}

/**
 * A panel step's input checked against the pilot's registry and the applicant's declared related
 * parties (shared/experts/panel.ts): registered names, and a draw's candidates filled in here.
 */
export async function panelInputFromRegistry(project: Project, input: unknown): Promise<unknown> {
  const [registry, enterprise] = await Promise.all([expertRegistry(project.pilotId), getEnterpriseProfile(project.uscc)]);
  return panelFromRegistry(input as Parameters<typeof panelFromRegistry>[0], registry, project, enterprise?.relatedParties ?? []);
}

/** Who may sit on the project's panel now, and who is excluded and why. */
export async function candidatesFor(project: Project, field: ExpertField | undefined): Promise<PanelCandidates> {
  const [registry, enterprise] = await Promise.all([expertRegistry(project.pilotId), getEnterpriseProfile(project.uscc)]);
  return panelCandidates(registry, project, enterprise?.relatedParties ?? [], field);
}
