import type { OutboxEvent } from '../notifications/model';
import type { InboxItem } from './inbox';

/**
 * The notification port: email, SMS and group robots beside the in-app inbox. The inbox is the record
 * — an item is written in the same transaction as its warning or reminder, exactly once — and so is
 * its outbox event (functions/commons/store/inbox.ts). After the commit a run hands the events it
 * wrote to the notifier, which delivers them (shared/notifications/outbox.ts: one delivery per event,
 * addressee and channel); what a crash or a failed transport leaves undelivered stays in the outbox
 * for the `outbox-dispatch` timer to retry. Nothing is lost between the commit and the send.
 *
 * The adapter is functions/commons/notify.ts. A test that wants to see notifications passes its own.
 */
export type Notification = OutboxEvent;

export interface Notifier {
  /** Must not throw for a delivery failure it can record itself; a thrown error is counted and logged. */
  send(notifications: readonly Notification[]): Promise<void>;
}

export function toNotifications(items: readonly InboxItem[]): Notification[] {
  return items.map(({ readAt: _readAt, ...event }) => event);
}
