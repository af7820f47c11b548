import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { markRead, unreadCount } from '../../commons/store/inbox';
import { DomainError } from '../../../shared/errors';
import { chooseBox, InboxItemPath } from '../../../shared/obligations/requests';

/** Marks an item of the caller's office read (once; a repeat is answered the same). */
export const handler = api('warnings/read', { path: InboxItemPath, query: z.object({ box: z.string().max(200).optional() }) }, async ({ principal, path, query, now }) => {
  const { box } = chooseBox(principal, query.box);
  if ((await markRead(box, path.itemId, now.toISOString())) === 'missing') throw new DomainError('NOT_FOUND');
  return ok({ itemId: path.itemId, read: true, unread: await unreadCount(box) });
});
