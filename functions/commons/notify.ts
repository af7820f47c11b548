import type { Notification, Notifier } from '../../shared/obligations/notify';
import { logger } from './logger';

/**
 * The notification adapter in use: it logs each notification with its keys and sends nothing, here and
 * in AWS. The in-app inbox is what users read (shared/obligations/inbox.ts); email or SMS is an adapter
 * of the same port (shared/obligations/notify.ts says what one needs). To add one in AWS: implement
 * Notifier with the SES v2 client created once at module load, read the sender identity from config
 * (failing fast), grant the timer functions `ses:SendEmail` on that identity in the schedules stack,
 * and select it here.
 */
export const loggingNotifier: Notifier = {
  send(notifications: readonly Notification[]): Promise<void> {
    for (const notification of notifications) {
      logger.info('notification', {
        recipient: notification.recipient,
        kind: notification.kind,
        title: notification.title,
        obligationId: notification.obligationId,
        dueDay: notification.dueDay,
      });
    }
    return Promise.resolve();
  },
};

export const notifier: Notifier = loggingNotifier;
