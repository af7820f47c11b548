import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../scripts/demo/accounts';
import { DEMO_ENTERPRISES } from '../../scripts/demo/enterprises';
import { DEMO_SME_FIRMS } from '../../scripts/demo/evaluation-data';
import { DEMO_PILOTS } from '../../scripts/demo/pilots';
import { Uscc } from '../../shared/uscc';

/** The demo data hangs together: what one list names, another holds, so every demo account can work. */
describe('the demo data', () => {
  const enterprises = new Map(DEMO_ENTERPRISES.map((enterprise) => [enterprise.uscc, enterprise]));

  it('registers every demo enterprise with a valid code, in a town of its pilot', () => {
    for (const enterprise of DEMO_ENTERPRISES) {
      expect(Uscc.safeParse(enterprise.uscc).success, enterprise.name).toBe(true);
      const pilot = DEMO_PILOTS.find((candidate) => candidate.id === enterprise.pilotId);
      expect(pilot?.towns.map((town) => town.code), enterprise.name).toContain(enterprise.town);
    }
    expect(new Set(DEMO_ENTERPRISES.map((registration) => `${registration.uscc}#${registration.pilotId}`)).size).toBe(DEMO_ENTERPRISES.length);
  });

  it('gives every pilot SME a registered enterprise of the same name and town', () => {
    for (const firm of DEMO_SME_FIRMS) {
      const registration = DEMO_ENTERPRISES.find((candidate) => candidate.uscc === firm.uscc && candidate.pilotId === 'wuqing-sme');
      expect(registration, firm.id).toMatchObject({ name: firm.name, town: firm.town });
    }
  });

  it('has one firm taking part in both of the district’s pilots (issue 12)', () => {
    const pilotsOf = (uscc: string) => DEMO_ENTERPRISES.filter((candidate) => candidate.uscc === uscc).map((candidate) => candidate.pilotId);
    expect(DEMO_ENTERPRISES.some((registration) => pilotsOf(registration.uscc).includes('wuqing-tech') && pilotsOf(registration.uscc).includes('wuqing-sme'))).toBe(true);
  });

  it('has a provincial supervisor account that names its province (003 §三(三))', () => {
    const provincial = DEMO_ACCOUNTS.filter((account) => account.groups.includes('supervisor') && account.attributes.supervision !== undefined && account.attributes.supervision !== 'ministry');
    expect(provincial.map((account) => [account.username, account.attributes.supervision])).toEqual([['shengji', '120000']]);
  });

  it('signs every enterprise account in as a registered enterprise', () => {
    for (const account of DEMO_ACCOUNTS.filter((candidate) => candidate.groups.includes('enterprise'))) {
      expect(enterprises.get(String(account.attributes.uscc))?.name, account.username).toBe(account.name);
    }
  });
});
