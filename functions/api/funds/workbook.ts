import { binaryDownloads, download } from '../../commons/download';
import { api } from '../../commons/http';
import { ledgerOfPilot } from '../../commons/store/funds';
import { pilotFor } from '../../commons/store/indicators';
import { PilotPath } from '../../../shared/evaluation/access';
import { workbookBytes, XLSX_CONTENT_TYPE } from '../../../shared/evaluation/xlsx';
import { ledgerSheets } from '../../../shared/funds/sheets';

/** The pilot's ledger as an Excel workbook (sheets in Chinese), for the funds audit. */
export const handler = api('funds/workbook', { path: PilotPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const bytes = await workbookBytes(ledgerSheets(await ledgerOfPilot(pilot.id, now), pilot.name), { creator: '试点通 PilotOps', created: now });
  return download({ filename: `${pilot.name}专项资金台账.xlsx`, asciiFilename: `ledger-${pilot.id}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes });
}).use(binaryDownloads);
