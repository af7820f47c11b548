import { pilotLedger, publicFunds } from '../../shared/funds/ledger';
import { publicEvaluationExtras } from '../../shared/evaluation/public';
import { indicatorBoard } from '../../shared/indicators/board';
import { publicView } from '../../shared/projects/visibility';
import { publicIndex, publicPilot, SNAPSHOT_PATHS, type PublicProject } from '../../shared/public/snapshot';
import { getEnterpriseProfile } from './store/enterprises';
import { getPilot, listPilots } from './store/pilots';
import type { Pilot } from '../../shared/pilots/model';
import type { Project } from '../../shared/projects/model';
import type { Obligation } from '../../shared/obligations/model';
import { onTimeReporting } from '../../shared/public/reporting';
import { obligationsOf } from './store/obligations';
import { derivationSources, reportedValuesOfPilot } from './store/indicators';
import { publishSnapshot } from './store/snapshots';

/**
 * Rebuilds the public snapshots from the records: the index and one file per pilot. Called after
 * any change to disclosed data, so the public dashboards never reach a Lambda or a table. Only
 * disclosed projects (from their public notice on) enter, field by field through publicView.
 * Indicators carry approved or derived values with their evaluation, computed at publish time.
 */
export async function publishPublicSnapshots(now: Date): Promise<void> {
  const pilots = await listPilots();
  await publishSnapshot(SNAPSHOT_PATHS.index, publicIndex(pilots, now));
  const names = new Map<string, string>();
  for (const pilot of pilots) await publishPilot(pilot, names, now);
}

/** Republishes one pilot's snapshot: what a change to one of its projects calls. */
export async function publishPilotSnapshot(pilotId: string, now: Date): Promise<void> {
  const pilot = await getPilot(pilotId);
  if (pilot) await publishPilot(pilot, new Map(), now);
}

async function publishPilot(pilot: Pilot, names: Map<string, string>, now: Date): Promise<void> {
  const [sources, values] = await Promise.all([derivationSources(pilot), reportedValuesOfPilot(pilot.id)]);
  const disclosed: PublicProject[] = [];
  for (const project of sources.projects) {
    const view = publicView(project);
    if (!view) continue;
    if (!names.has(project.uscc)) names.set(project.uscc, (await getEnterpriseProfile(project.uscc))?.name ?? '');
    disclosed.push({ ...view, enterpriseName: names.get(project.uscc) ?? '' });
  }
  const extras = publicEvaluationExtras(indicatorBoard(pilot, values, sources, now), sources.providers);
  const reporting = onTimeReporting(pilot.towns, await reportingDuties(sources.projects), now);
  const snapshot = publicPilot(pilot, disclosed, { funds: publicFunds(pilotLedger(pilot.id, sources.projects, now)), ...extras, reporting }, now);
  await publishSnapshot(SNAPSHOT_PATHS.pilot(pilot.id), snapshot);
}

/** Quarterly report duties of the projects that have had them (from the fund plan on). */
async function reportingDuties(projects: readonly Project[]): Promise<Obligation[]> {
  const reporting = projects.filter((project) => project.fundPlan !== undefined);
  const duties = await Promise.all(reporting.map((project) => obligationsOf('project', project.id)));
  return duties.flat().filter((obligation) => obligation.kind === 'quarterly_report');
}
