import { api, ok } from '../../commons/http';
import { pilotFor, selfEvaluationInputs } from '../../commons/store/indicators';
import { YearPath } from '../../../shared/evaluation/access';
import { selfEvaluation } from '../../../shared/evaluation/self-evaluation';
import { selfEvaluationSheets } from '../../../shared/evaluation/sheets';

/** 002 §三(六): the yearly self-evaluation as data, with the tables the printable page renders. */
export const handler = api('evaluations/get', { path: YearPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const { values, sources, sweepWarnings } = await selfEvaluationInputs(pilot);
  const report = selfEvaluation(pilot, path.year, values, sources, sweepWarnings, now);
  return ok({ report, sheets: selfEvaluationSheets(report) });
});
