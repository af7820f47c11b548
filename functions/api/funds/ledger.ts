import { api, ok } from '../../commons/http';
import { ledgerOfPilot } from '../../commons/store/funds';
import { pilotFor } from '../../commons/store/indicators';
import { PilotPath } from '../../../shared/evaluation/access';
import { ledgerSheets } from '../../../shared/funds/sheets';

/** 003 §二(五) 专款专用、单独核算: the pilot's ledger by source, its 1:1 matching (002 §五(二)) and open 收回 / 扣减 orders. */
export const handler = api('funds/ledger', { path: PilotPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const ledger = await ledgerOfPilot(pilot.id, now);
  // the tables the workbook holds, so the page and the download cannot disagree
  return ok({ pilot: { id: pilot.id, name: pilot.name }, ledger, sheets: ledgerSheets(ledger, pilot.name) });
});
