import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { principalFromClaims, ROLES, type Principal } from '../../shared/roles';
import { assertScopeClaims, provinceOf, roleReaches, SCOPE_CLAIMS_OF_ROLE, supervisesPilot, unscopedRoles } from '../../shared/scope';
import { registerEnterprise, scopeFromRegistration, visibleParticipations } from '../../shared/enterprises/register';
import { withUsccCheck } from '../../shared/uscc';
import type { Pilot } from '../../shared/pilots/model';

const USCC = withUsccCheck('91120114MA05T8K3X');
const who = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({ subject: 's', name: 's', roles, ...extra });
const FULL: Partial<Principal> = { pilot: 'p1', town: 't1', uscc: USCC, providerId: 'prov', supervision: { level: 'ministry' } };

describe('the scope rule per role (issue 12)', () => {
  it('refuses every role whose scoping claim is missing, with a stable code', () => {
    for (const role of ROLES) {
      expect(unscopedRoles(who([role], FULL)), role).toEqual([]);
      for (const claim of SCOPE_CLAIMS_OF_ROLE[role]) {
        const partial: Partial<Principal> = { ...FULL };
        delete partial[claim];
        const error = (() => {
          try {
            assertScopeClaims(who([role], partial));
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error, `${role} without ${claim}`).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('SCOPE_CLAIM_MISSING');
        expect((error as DomainError).status).toBe(403);
      }
    }
  });

  it('refuses a token holding two roles when one of them lacks its claim', () => {
    expect(unscopedRoles(who(['bureau', 'town'], { pilot: 'p1' }))).toEqual(['town']);
  });

  it('reads the supervision claim: the ministry, or a province code; anything else is no claim', () => {
    expect(principalFromClaims({ sub: 'a', 'custom:supervision': 'ministry' })?.supervision).toEqual({ level: 'ministry' });
    expect(principalFromClaims({ sub: 'a', 'custom:supervision': '120000' })?.supervision).toEqual({ level: 'province', province: '120000' });
    expect(principalFromClaims({ sub: 'a', 'custom:supervision': '120114' })?.supervision).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', 'custom:supervision': '*' })?.supervision).toBeUndefined();
  });

  it('lets the ministry supervise every pilot and a province only the pilots looked up as its own', () => {
    expect(provinceOf('120114')).toBe('120000');
    expect(supervisesPilot(who(['supervisor'], { supervision: { level: 'ministry' } }), 'any')).toBe(true);
    const province = who(['supervisor'], { supervision: { level: 'province', province: '120000', pilotIds: ['wuqing-tech'] } });
    expect(supervisesPilot(province, 'wuqing-tech')).toBe(true);
    expect(supervisesPilot(province, 'elsewhere')).toBe(false);
    expect(supervisesPilot(who(['supervisor'], { supervision: { level: 'province', province: '120000' } }), 'wuqing-tech')).toBe(false);
    expect(supervisesPilot(who(['supervisor']), 'wuqing-tech')).toBe(false);
  });

  it('reaches a record only through the claims of a role the actor holds', () => {
    const target = { pilotId: 'p1', town: 't1', uscc: USCC };
    expect(roleReaches('town', who(['town'], { pilot: 'p1', town: 't1' }), target)).toBe(true);
    expect(roleReaches('town', who(['town'], { pilot: 'p2', town: 't1' }), target)).toBe(false);
    expect(roleReaches('town', who(['town'], { town: 't1' }), target)).toBe(false);
    expect(roleReaches('bureau', who(['bureau']), target)).toBe(false);
    expect(roleReaches('bureau', who(['finance'], { pilot: 'p1' }), target)).toBe(false);
    expect(roleReaches('enterprise', who(['enterprise'], { uscc: USCC }), target)).toBe(true);
    expect(roleReaches('provider', who(['provider'], { providerId: 'prov' }), target)).toBe(false);
  });
});

describe('scope from registered records (issue 12)', () => {
  const pilot: Pilot = { id: 'p1', name: '试点', city: '市', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2027-12-31', towns: [{ code: 't1', name: '甲' }], indicators: [], source: 's' };
  const registration = { uscc: USCC, name: '天津测试有限公司', pilotId: 'p1', town: 't1', industry: '制造业', scale: 'above', contact: { name: '王五', phone: '022-12345678' } };
  const owner = who(['enterprise'], { uscc: USCC });
  const now = new Date('2025-01-01T00:00:00Z');

  it('refuses a town that is not one of the pilot’s, with the field path', () => {
    try {
      registerEnterprise(owner, { ...registration, town: 'elsewhere' }, { ...pilot, towns: [...pilot.towns] }, { profile: undefined, participations: [] }, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'TOWN_NOT_IN_PILOT', issues: [{ path: 'town' }] });
    }
  });

  it('keeps the profile and adds a registration when a known firm joins another pilot; refuses the same pilot twice', () => {
    const first = registerEnterprise(owner, registration, { ...pilot, towns: [...pilot.towns] }, { profile: undefined, participations: [] }, now);
    expect(first.newProfile).toBe(true);
    const again = () => registerEnterprise(owner, registration, { ...pilot, towns: [...pilot.towns] }, { profile: first.profile, participations: [first.participation] }, now);
    expect(again).toThrow(DomainError);
    const other = registerEnterprise(owner, { ...registration, pilotId: 'p2' }, { ...pilot, id: 'p2', towns: [...pilot.towns] }, { profile: first.profile, participations: [first.participation] }, now);
    expect(other).toMatchObject({ newProfile: false, participation: { pilotId: 'p2', town: 't1' } });
  });

  it('takes a record’s pilot and town from the registration and refuses a contradicting or unregistered one', () => {
    const registered = { uscc: USCC, pilotId: 'p1', town: 't1' };
    expect(scopeFromRegistration(registered, { pilotId: 'p1' }, { pilotId: 'pilotId', town: 'town' })).toEqual(registered);
    expect(() => scopeFromRegistration(registered, { pilotId: 'p1', town: 't9' }, { pilotId: 'pilotId', town: 'town' })).toThrow(expect.objectContaining({ code: 'SCOPE_CONTRADICTS_REGISTRATION' }));
    expect(() => scopeFromRegistration(undefined, { pilotId: 'p1' }, { pilotId: 'pilotId', town: 'town' })).toThrow(expect.objectContaining({ code: 'NOT_REGISTERED_IN_PILOT' }));
  });

  it('shows each pilot’s officials the firm’s registration in their pilot only', () => {
    const both = [
      { uscc: USCC, pilotId: 'tech', town: 't1', registeredAt: now.toISOString(), registeredBy: 'x' },
      { uscc: USCC, pilotId: 'sme', town: 't2', registeredAt: now.toISOString(), registeredBy: 'x' },
    ];
    expect(visibleParticipations(who(['bureau'], { pilot: 'sme' }), both).map((item) => item.pilotId)).toEqual(['sme']);
    expect(visibleParticipations(who(['town'], { pilot: 'tech', town: 't2' }), both)).toEqual([]);
    expect(visibleParticipations(who(['enterprise'], { uscc: USCC }), both)).toHaveLength(2);
    expect(visibleParticipations(who(['expert'], { pilot: 'tech' }), both)).toEqual([]);
  });
});
