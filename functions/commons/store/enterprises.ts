import type { Enterprise } from '../../../shared/enterprises/model';
import { keys } from './keys';
import { createRecord, getRecord, queryAll, withoutKeys } from './records';
import type { DossierItem } from '../../../shared/enterprises/dossier';

export async function createEnterprise(enterprise: Enterprise): Promise<void> {
  const partition = keys.enterprisePartition(enterprise.uscc);
  await createRecord({ ...keys.enterprise(enterprise.uscc), itemType: 'enterprise', enterprisePk: partition, enterpriseSk: 'PROFILE', ...enterprise });
}

export async function getEnterprise(uscc: string): Promise<Enterprise | undefined> {
  return getRecord<Enterprise>(keys.enterprise(uscc));
}

/** Everything stored under the enterprise: profile, projects, versions, audit trail … (一企一档). */
export async function dossierItems(uscc: string): Promise<DossierItem[]> {
  const items = await queryAll({
    IndexName: 'byEnterprise',
    KeyConditionExpression: 'enterprisePk = :pk',
    ExpressionAttributeValues: { ':pk': keys.enterprisePartition(uscc) },
  });
  return items.map((item) => withoutKeys<DossierItem>(item));
}
