import { DomainError } from '../../../shared/errors';
import { type EvidenceHolder } from '../../../shared/evidence/holder';
import { canReadHolder, type LoadedHolder } from '../../../shared/evidence/holders';
import type { Principal } from '../../../shared/roles';
import { getReportedValue, pilotIndicator } from './indicators';
import { getPilot } from './pilots';
import { getProvider } from './providers';
import { getStoredProject } from './projects';
import { getFirm } from './sme';

async function load(holder: EvidenceHolder): Promise<LoadedHolder | undefined> {
  switch (holder.type) {
    case 'project': {
      const stored = await getStoredProject(holder.projectId);
      return stored && { type: 'project', holder, project: stored.project };
    }
    case 'provider': {
      // Materials come before the registration that names them: the pilot must exist, the provider need not yet.
      const [pilot, provider] = await Promise.all([getPilot(holder.pilotId), getProvider(holder.pilotId, holder.providerId)]);
      return pilot && { type: 'provider', holder, ...(provider ? { provider } : {}) };
    }
    case 'indicator': {
      const [{ indicator }, value] = await Promise.all([pilotIndicator(holder.pilotId, holder.code), getReportedValue(holder.pilotId, holder.code, holder.period)]);
      return { type: 'indicator', holder, indicator, ...(value ? { value } : {}) };
    }
    case 'sme': {
      const firm = await getFirm(holder.firmId);
      return firm && { type: 'sme', holder, firm };
    }
  }
}

/**
 * The holder with what the evidence rules need, if the caller may read its evidence; otherwise
 * NOT_FOUND, exactly as if it did not exist (shared/evidence/holders.ts canReadHolder).
 */
export async function holderVisibleTo(holder: EvidenceHolder, actor: Principal): Promise<LoadedHolder> {
  const loaded = await load(holder);
  if (!loaded || !canReadHolder(actor, loaded)) throw new DomainError('NOT_FOUND');
  return loaded;
}
