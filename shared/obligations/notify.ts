import type { InboxItem } from './inbox';

/**
 * The notification port: email or SMS beside the in-app inbox. The inbox is the record — an item is
 * written in the same transaction as its warning or reminder, exactly once — and a notification is
 * a courtesy sent after that commit, at most once per run that wrote it: a crash between the commit
 * and the send loses the email, never the inbox item.
 *
 * Implementations live in `functions/commons/notify.ts`: a logging adapter, which is what runs locally
 * and in AWS today. An SES (email) or SMS adapter implements this same interface; it needs the
 * recipients' addresses (a directory the platform does not hold yet) and, in the CDK app, an
 * `ses:SendEmail` grant on a verified identity for the timer functions. There is no fake sender in
 * production code: a test that wants to see notifications passes its own Notifier.
 */
export type Notification = Pick<InboxItem, 'recipient' | 'kind' | 'title' | 'message' | 'obligationId' | 'dueDay'>;

export interface Notifier {
  /** Must not throw for a delivery failure it can report itself; a thrown error is counted and logged. */
  send(notifications: readonly Notification[]): Promise<void>;
}

export function toNotifications(items: readonly InboxItem[]): Notification[] {
  return items.map(({ recipient, kind, title, message, obligationId, dueDay }) => ({
    recipient,
    kind,
    title,
    message,
    ...(obligationId ? { obligationId } : {}),
    ...(dueDay ? { dueDay } : {}),
  }));
}
