import { withUsccCheck } from '../../../shared/uscc';

/** A university no applicant in the tests belongs to: its experts are eligible for every panel. */
export const UNIVERSITY_USCC = withUsccCheck('12120000401359321');

/** Registers experts in a pilot's registry (专家库), as the bureau would, so panels can be assigned. */
export async function seedExpertRegistry(pilotId: string, experts: ReadonlyArray<{ account: string; name: string; organisationUscc?: string }>): Promise<void> {
  const { registerExpertRecord } = await import('../../../functions/commons/store/experts');
  for (const expert of experts) {
    await registerExpertRecord({
      account: expert.account, name: expert.name, fields: ['intelligent_manufacturing'], organisation: '天津测试大学', organisationUscc: expert.organisationUscc ?? UNIVERSITY_USCC,
      title: '教授', phone: '022-27400000', pilotId, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'test',
    });
  }
}
