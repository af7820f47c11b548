import { api, ok } from '../../commons/http';
import { listEvidence, listFlags } from '../../commons/store/evidence';
import { listFindings } from '../../commons/store/evidence-findings';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { evidenceView, HolderPath } from '../../../shared/evidence/model';
import { canSeeFlags } from '../../../shared/evidence/rules';

/**
 * A holder's evidence with uploader, time, size and checksum; a project's duplicate flags for officials
 * only; what was read from the files and what it means (evidence-findings.ts listFindings).
 */
export const handler = api('evidence/list', { path: HolderPath }, async ({ principal, path }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const evidence = await listEvidence(loaded.holder);
  const items = evidence.map(evidenceView);
  const findings = await listFindings(loaded, evidence, principal);
  if (loaded.type !== 'project' || !canSeeFlags(principal, loaded.project)) return ok({ items, ...findings });
  return ok({ items, ...findings, flags: await listFlags(loaded.project.id) });
});
