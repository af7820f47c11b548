import { api, ok } from '../../commons/http';
import { savePreferences } from '../../commons/store/outbox';
import { ContactPreferences } from '../../../shared/notifications/model';
import { subscriptionBoxes } from '../../../shared/notifications/requests';

/** Sets how the caller hears of warnings, escalations and reminders, for every office the token names. */
export const handler = api('notifications/save', { body: ContactPreferences }, async ({ principal, body, now }) => {
  const boxes = subscriptionBoxes(principal);
  await savePreferences(principal.subject, principal.name, body, boxes, now.toISOString());
  return ok({ preferences: body, updatedAt: now.toISOString() });
});
