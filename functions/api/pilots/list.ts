import { api, ok } from '../../commons/http';
import { listPilots } from '../../commons/store/pilots';
import { pilotSummary } from '../../../shared/pilots/model';

export const handler = api('pilots/list', {}, async () => ok({ items: (await listPilots()).map(pilotSummary) }));
