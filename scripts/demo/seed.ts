import { DEMO_PILOTS } from './pilots';
import { DEMO_ENTERPRISES } from './enterprises';
import { DEMO_PROJECTS, walkDemoProject } from './projects';
import { DEMO_GUIDES } from './guides';
import { DEMO_EXPERTS } from './experts';
import { withDerivations } from './evaluation-data';
import { seedEvaluationDemo } from './evaluations';

/**
 * Loads the demo data through the same domain and store functions the handlers use, then publishes
 * the public snapshots. Idempotent: pilots are overwritten, existing enterprises and projects kept. Call it only after
 * the local environment is applied (the store modules read table names at import).
 */
export async function seedDemoData(now: Date = new Date()): Promise<{ pilots: number; enterprises: number; projects: number }> {
  const { putPilot } = await import('../../functions/commons/store/pilots');
  const { createEnterprise, getParticipation } = await import('../../functions/commons/store/enterprises');
  const { publishPublicSnapshots } = await import('../../functions/commons/publish');
  const { DomainError } = await import('../../shared/errors');
  const { createGuide } = await import('../../functions/commons/store/guides');
  const { getStoredProject, saveDecision } = await import('../../functions/commons/store/projects');
  const { createDraft, decide } = await import('../../shared/projects/decide');
  const { allProjectsOfEnterprise } = await import('../../functions/commons/store/funds');

  // Derived indicators carry the rule that computes them (shared/indicators/derived.ts).
  for (const pilot of DEMO_PILOTS) await putPilot(withDerivations(pilot));
  for (const guide of DEMO_GUIDES) {
    try {
      await createGuide(guide);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
    }
  }
  let enterprises = 0;
  for (const enterprise of DEMO_ENTERPRISES) {
    try {
      await createEnterprise({ ...enterprise, registeredAt: now.toISOString(), registeredBy: 'demo-seed', version: 1 });
      enterprises += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
    }
  }
  const { registerExpertRecord } = await import('../../functions/commons/store/experts');
  for (const expert of DEMO_EXPERTS) {
    try {
      await registerExpertRecord(expert);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'EXPERT_ALREADY_REGISTERED')) throw error;
    }
  }
  let projects = 0;
  for (const demo of DEMO_PROJECTS) {
    if (await getStoredProject(demo.id)) continue;
    // Each step is written as the handlers write it: decision, audit event, one transaction.
    let stored: Awaited<ReturnType<typeof getStoredProject>>;
    await walkDemoProject(demo, {
      async create(input, actor, at, id) {
        const decision = createDraft(input, actor, at, id, await getParticipation(actor.uscc ?? '', (input as { pilotId: string }).pilotId));
        await saveDecision(undefined, decision, { status: 201, body: null }, undefined, at);
        stored = { project: decision.project, statusSince: at.toISOString() };
        return decision.project;
      },
      async act(project, action, input, actor, at) {
        // as projects/act does: a selection reads the enterprise's other projects (003 §二(二))
        const enterpriseProjects = action === 'select' ? await allProjectsOfEnterprise(project.uscc) : [];
        const decision = decide(project, action, input, actor, at, { enterpriseProjects });
        await saveDecision(stored, decision, { status: 200, body: null }, undefined, at);
        stored = await getStoredProject(project.id);
        return decision.project;
      },
    });
    projects += 1;
  }
  // Issue 6: providers and products, approved indicator values, pilot SMEs at different stages.
  await seedEvaluationDemo();
  await publishPublicSnapshots(now);
  return { pilots: DEMO_PILOTS.length, enterprises, projects };
}
