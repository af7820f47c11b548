import { api, created } from '../../commons/http';
import { getEnterprise, registerInPilot } from '../../commons/store/enterprises';
import { getPilot } from '../../commons/store/pilots';
import { RegisterEnterpriseInput } from '../../../shared/enterprises/model';
import { registerEnterprise } from '../../../shared/enterprises/register';

/** Registers the firm in one pilot (and its profile, the first time): a firm may take part in several pilots. */
export const handler = api('enterprises/register', { body: RegisterEnterpriseInput }, async ({ principal, body, now }) => {
  const [pilot, existing] = await Promise.all([getPilot(body.pilotId), getEnterprise(body.uscc)]);
  const { profile, participation, newProfile } = registerEnterprise(principal, body, pilot, existing, now);
  await registerInPilot(profile, participation, newProfile);
  return created({ ...profile, participations: [...existing.participations, participation] });
});
