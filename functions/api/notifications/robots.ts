import { api, ok } from '../../commons/http';
import { saveRobots } from '../../commons/store/outbox';
import { notifyConfig } from '../../../shared/notifications/config';
import { OfficeRobots } from '../../../shared/notifications/model';
import { checkedRobots, robotOffice, RobotsPath } from '../../../shared/notifications/requests';

/** Which hosts a robot may be on: read once, the same list the sender checks again before posting. */
const { webhookHosts } = notifyConfig(process.env);

/** Replaces the group robots (企业微信, 钉钉) of the caller's office in one role. */
export const handler = api('notifications/robots', { path: RobotsPath, body: OfficeRobots }, async ({ principal, path, body, now }) => {
  const box = robotOffice(principal, path.role);
  const robots = checkedRobots(body, webhookHosts);
  await saveRobots(box, robots, now.toISOString());
  return ok({ role: path.role, robots });
});
