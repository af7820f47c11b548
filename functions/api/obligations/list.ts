import { api, ok } from '../../commons/http';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { obligationsOf } from '../../commons/store/obligations';
import { HolderPath } from '../../../shared/evidence/model';
import { byDueDay, obligationSubject } from '../../../shared/obligations/requests';
import { obligationFor } from '../../../shared/projects/view';

/**
 * The obligations — open, fulfilled, missed, cancelled — of a project, a provider in one pilot's pool
 * or a pilot SME, for whoever may see it (the same rule as its files: shared/evidence/holders.ts).
 */
export const handler = api('obligations/list', { path: HolderPath }, async ({ principal, path }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const subject = obligationSubject(loaded.holder);
  const items = subject ? (await obligationsOf(subject.type, subject.id)).filter(subject.includes) : [];
  // A project's obligations name the experts owing a score: shown only as the panel rule allows (shared/projects/view.ts).
  const visible = loaded.type === 'project' ? items.map((obligation) => obligationFor(principal, loaded.project, obligation)) : items;
  return ok({ items: visible.sort(byDueDay) });
});
