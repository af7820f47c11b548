import { api, ok } from '../../commons/http';
import { listEvidence, listFlags } from '../../commons/store/evidence';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { evidenceView, HolderPath } from '../../../shared/evidence/model';
import { canSeeFlags } from '../../../shared/evidence/rules';

/** A holder's evidence with uploader, time, size and checksum; a project's duplicate flags for officials only. */
export const handler = api('evidence/list', { path: HolderPath }, async ({ principal, path }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const items = (await listEvidence(loaded.holder)).map(evidenceView);
  if (loaded.type !== 'project' || !canSeeFlags(principal, loaded.project)) return ok({ items });
  return ok({ items, flags: await listFlags(loaded.project.id) });
});
