import { ProjectStatus, type Project } from '../../shared/projects/model';
import { publicView } from '../../shared/projects/visibility';
import { publicIndex, publicPilot, SNAPSHOT_PATHS, type PublicProject } from '../../shared/public/snapshot';
import { getEnterprise } from './store/enterprises';
import { listPilots } from './store/pilots';
import { projectsInStatus } from './store/projects';
import { publishSnapshot } from './store/snapshots';

/**
 * Rebuilds the public snapshots from the records: the index and one file per pilot. Called after
 * any change to disclosed data, so the public dashboards never reach a Lambda or a table. Only
 * disclosed projects (from their public notice on) enter, field by field through publicView.
 */
async function projectsOfPilot(pilotId: string): Promise<Project[]> {
  const projects: Project[] = [];
  for (const status of ProjectStatus.options) {
    let cursor: string | undefined;
    do {
      const page = await projectsInStatus(pilotId, status, undefined, cursor);
      projects.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return projects;
}

export async function publishPublicSnapshots(now: Date): Promise<void> {
  const pilots = await listPilots();
  await publishSnapshot(SNAPSHOT_PATHS.index, publicIndex(pilots, now));
  const names = new Map<string, string>();
  for (const pilot of pilots) {
    const projects = await projectsOfPilot(pilot.id);
    const disclosed: PublicProject[] = [];
    let disbursedWan = 0;
    for (const project of projects) {
      const view = publicView(project);
      if (!view) continue;
      if (!names.has(project.uscc)) names.set(project.uscc, (await getEnterprise(project.uscc))?.name ?? '');
      disclosed.push({ ...view, enterpriseName: names.get(project.uscc) ?? '' });
      disbursedWan += project.tranches.reduce((sum, tranche) => sum + tranche.amountWan, 0);
    }
    await publishSnapshot(SNAPSHOT_PATHS.pilot(pilot.id), publicPilot(pilot, disclosed, { disbursedWan: Math.round(disbursedWan * 100) / 100 }, now));
  }
}
