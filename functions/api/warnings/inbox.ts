import { api, ok } from '../../commons/http';
import { inboxPage, unreadCount } from '../../commons/store/inbox';
import { chooseBox, InboxQuery, visibleInboxItems } from '../../../shared/obligations/requests';

/** The caller's inbox, newest first, with the unread count of each office the caller reads for. */
export const handler = api('warnings/inbox', { query: InboxQuery }, async ({ principal, query }) => {
  const { box, boxes } = chooseBox(principal, query.box);
  const [page, counts] = await Promise.all([
    inboxPage(box, query.cursor, query.limit, principal.subject),
    Promise.all(boxes.map(async (candidate) => ({ ...candidate, unread: await unreadCount(candidate.box) }))),
  ]);
  const unread = counts.find((candidate) => candidate.box === box)?.unread ?? 0;
  return ok({ box, unread, boxes: counts, items: visibleInboxItems(principal, box, page.items), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
