import { pilotLedger, type PilotLedger } from '../../../shared/funds/ledger';
import type { Project } from '../../../shared/projects/model';
import { projectsOfPilot } from './indicators';
import { projectsOfEnterprise } from './projects';

/**
 * Money (issue 13) is kept on the project records (tranches, 收回 / 扣减 orders, repayments), so a
 * pilot's ledger is one read of the pilot's projects; nothing else is stored for it.
 */
export async function ledgerOfPilot(pilotId: string, asOf: Date): Promise<PilotLedger> {
  return pilotLedger(pilotId, await projectsOfPilot(pilotId), asOf);
}

/** Every project of an enterprise, in any pilot (003 §二(二): central funds held twice are flagged at selection). */
export async function allProjectsOfEnterprise(uscc: string): Promise<Project[]> {
  const projects: Project[] = [];
  let cursor: string | undefined;
  do {
    const page = await projectsOfEnterprise(uscc, cursor);
    projects.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return projects;
}
