import { publicIndex, publicPilot, SNAPSHOT_PATHS } from '../../shared/public/snapshot';
import { listPilots } from './store/pilots';
import { publishSnapshot } from './store/snapshots';

/**
 * Rebuilds the public snapshots from the records: the index and one file per pilot. Called after
 * any change to disclosed data, so the public dashboards never reach a Lambda or a table.
 */
export async function publishPublicSnapshots(now: Date): Promise<void> {
  const pilots = await listPilots();
  await publishSnapshot(SNAPSHOT_PATHS.index, publicIndex(pilots, now));
  for (const pilot of pilots) {
    await publishSnapshot(SNAPSHOT_PATHS.pilot(pilot.id), publicPilot(pilot, [], {}, now));
  }
}
