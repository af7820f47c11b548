import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { parseInput } from '../validation';
import { Enterprise, RegisterEnterpriseInput } from './model';
import type { Pilot } from '../pilots/model';

/**
 * An enterprise account registers the enterprise its sign-in is bound to (the `custom:uscc`
 * attribute): one account cannot register another firm's code. The town must be one of the pilot's.
 */
export function registerEnterprise(actor: Principal, input: unknown, pilot: Pilot | undefined, now: Date): Enterprise {
  const data = parseInput(RegisterEnterpriseInput, input);
  if (!actor.roles.includes('enterprise')) throw new DomainError('FORBIDDEN');
  if (actor.uscc !== data.uscc) {
    throw new DomainError('FORBIDDEN', { message: '只能登记本账号绑定的统一社会信用代码', issues: [{ path: 'uscc', message: '与账号绑定的代码不一致' }] });
  }
  if (!pilot) throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'pilotId', message: '试点不存在' }] });
  if (!pilot.towns.some((town) => town.code === data.town)) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'town', message: '不是该试点的街镇或园区' }] });
  }
  return { ...data, registeredAt: now.toISOString(), registeredBy: actor.subject, version: 1 };
}

/** Which officials may read an enterprise's profile and dossier: its own account, its town, the pilot's offices. */
export function canSeeEnterprise(actor: Principal, enterprise: Pick<Enterprise, 'uscc' | 'town' | 'pilotId'>): boolean {
  return actor.roles.some((role) => {
    switch (role) {
      case 'enterprise':
        return actor.uscc === enterprise.uscc;
      case 'town':
        return actor.town === enterprise.town;
      case 'bureau':
      case 'operator':
      case 'finance':
        return actor.pilot === undefined || actor.pilot === enterprise.pilotId;
      case 'supervisor':
        return true;
      default:
        return false;
    }
  });
}
