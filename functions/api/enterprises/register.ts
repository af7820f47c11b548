import { api, created } from '../../commons/http';
import { createEnterprise } from '../../commons/store/enterprises';
import { getPilot } from '../../commons/store/pilots';
import { RegisterEnterpriseInput } from '../../../shared/enterprises/model';
import { registerEnterprise } from '../../../shared/enterprises/register';

export const handler = api('enterprises/register', { body: RegisterEnterpriseInput }, async ({ principal, body, now }) => {
  const enterprise = registerEnterprise(principal, body, await getPilot(body.pilotId), now);
  await createEnterprise(enterprise);
  return created(enterprise);
});
