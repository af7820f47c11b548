import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EnterpriseProfile, Participation, RegisterEnterpriseInput } from '../../../shared/enterprises/model';
import { DomainError } from '../../../shared/errors';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { keys } from './keys';
import { getRecord, queryAll, strip, withoutKeys } from './records';
import type { DossierItem } from '../../../shared/enterprises/dossier';

/**
 * An enterprise is its profile (`ENTERPRISE#<uscc>` / `PROFILE`) and one registration per pilot it
 * takes part in (`ENTERPRISE#<uscc>` / `PILOT#<pilotId>`), all in its dossier partition (issue 12).
 */
export async function registerInPilot(profile: EnterpriseProfile, participation: Participation, newProfile: boolean): Promise<void> {
  const partition = keys.enterprisePartition(profile.uscc);
  const items = [
    ...(newProfile
      ? [{ Put: { TableName: tableNames.records, Item: { ...keys.enterprise(profile.uscc), itemType: 'enterprise', enterprisePk: partition, enterpriseSk: 'PROFILE', ...profile }, ConditionExpression: 'attribute_not_exists(pk)' } }]
      : []),
    {
      Put: {
        TableName: tableNames.records,
        Item: { ...keys.participation(participation.uscc, participation.pilotId), itemType: 'participation', enterprisePk: partition, enterpriseSk: `PARTICIPATION#${participation.pilotId}`, ...participation },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') throw new DomainError('ALREADY_EXISTS');
    throw error;
  }
}

/**
 * Stores one registration as the register handler does (the profile if the firm is new, and its
 * registration in the pilot): for the demo seed and tests, which register firms without a request.
 */
export async function createEnterprise(registration: RegisterEnterpriseInput & Pick<EnterpriseProfile, 'registeredAt' | 'registeredBy' | 'version'>): Promise<void> {
  const { pilotId, town, ...profile } = registration;
  const existing = await getEnterpriseProfile(profile.uscc);
  await registerInPilot(existing ?? profile, { uscc: profile.uscc, pilotId, town, registeredAt: profile.registeredAt, registeredBy: profile.registeredBy }, existing === undefined);
}

export async function getEnterpriseProfile(uscc: string): Promise<EnterpriseProfile | undefined> {
  return getRecord<EnterpriseProfile>(keys.enterprise(uscc));
}

export async function getParticipation(uscc: string, pilotId: string): Promise<Participation | undefined> {
  return getRecord<Participation>(keys.participation(uscc, pilotId));
}

/** The firm's registrations, one per pilot. */
export async function participationsOf(uscc: string): Promise<Participation[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.enterprisePartition(uscc), ':prefix': 'PILOT#' },
  });
  return items.map((item) => strip<Participation>(item));
}

/** The profile and every registration, in one read each. */
export async function getEnterprise(uscc: string): Promise<{ profile: EnterpriseProfile | undefined; participations: Participation[] }> {
  const [profile, participations] = await Promise.all([getEnterpriseProfile(uscc), participationsOf(uscc)]);
  return { profile, participations };
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
