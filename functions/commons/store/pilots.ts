import { Pilot } from '../../../shared/pilots/model';
import { keys } from './keys';
import { getRecord, queryAll, strip } from './records';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import { PutCommand } from '@aws-sdk/lib-dynamodb';

export async function putPilot(pilot: Pilot): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableNames.records, Item: { ...keys.pilot(pilot.id), itemType: 'pilot', ...pilot } }));
}

export async function getPilot(pilotId: string): Promise<Pilot | undefined> {
  return getRecord<Pilot>(keys.pilot(pilotId));
}

export async function listPilots(): Promise<Pilot[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pilotCollection } });
  return items.map((item) => strip<Pilot>(item));
}
