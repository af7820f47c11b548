import { DEMO_PILOTS } from './pilots';
import { DEMO_ENTERPRISES } from './enterprises';

/**
 * Loads the demo data through the same store functions the handlers use, then publishes the public
 * snapshots. Idempotent: pilots are overwritten, existing enterprises are kept. Call it only after
 * the local environment is applied (the store modules read table names at import).
 */
export async function seedDemoData(now: Date = new Date()): Promise<{ pilots: number; enterprises: number }> {
  const { putPilot } = await import('../../functions/commons/store/pilots');
  const { createEnterprise } = await import('../../functions/commons/store/enterprises');
  const { publishPublicSnapshots } = await import('../../functions/commons/publish');
  const { DomainError } = await import('../../shared/errors');

  for (const pilot of DEMO_PILOTS) await putPilot(pilot);
  let enterprises = 0;
  for (const enterprise of DEMO_ENTERPRISES) {
    try {
      await createEnterprise({ ...enterprise, registeredAt: now.toISOString(), registeredBy: 'demo-seed', version: 1 });
      enterprises += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
    }
  }
  await publishPublicSnapshots(now);
  return { pilots: DEMO_PILOTS.length, enterprises };
}
