import { binaryDownloads, download } from '../../commons/download';
import { api } from '../../commons/http';
import { pilotFor, selfEvaluationInputs } from '../../commons/store/indicators';
import { YearPath } from '../../../shared/evaluation/access';
import { selfEvaluation } from '../../../shared/evaluation/self-evaluation';
import { selfEvaluationSheets } from '../../../shared/evaluation/sheets';
import { workbookBytes, XLSX_CONTENT_TYPE } from '../../../shared/evaluation/xlsx';

/** 002 §三(六): the yearly self-evaluation as an Excel workbook (sheets in Chinese). */
export const handler = api('evaluations/workbook', { path: YearPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const { values, sources, sweepWarnings } = await selfEvaluationInputs(pilot);
  const report = selfEvaluation(pilot, path.year, values, sources, sweepWarnings, now);
  const bytes = await workbookBytes(selfEvaluationSheets(report), { creator: '试点通 PilotOps', created: now });
  return download({ filename: `${pilot.name}${path.year}年度绩效自评.xlsx`, asciiFilename: `self-evaluation-${pilot.id}-${path.year}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes });
}).use(binaryDownloads);
