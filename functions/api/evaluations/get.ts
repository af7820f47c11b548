import { api, ok } from '../../commons/http';
import { sweepWarningsOfPilot } from '../../commons/store/deadlines';
import { derivationSources, pilotFor, reportedValuesOfPilot } from '../../commons/store/indicators';
import { YearPath } from '../../../shared/evaluation/access';
import { selfEvaluation } from '../../../shared/evaluation/self-evaluation';
import { selfEvaluationSheets } from '../../../shared/evaluation/sheets';

/** 002 §三(六): the yearly self-evaluation as data, with the tables the printable page renders. */
export const handler = api('evaluations/get', { path: YearPath }, async ({ principal, path, now }) => {
  const pilot = await pilotFor(principal, path.pilotId);
  const [values, sources, sweepWarnings] = await Promise.all([reportedValuesOfPilot(pilot.id), derivationSources(pilot), sweepWarningsOfPilot(pilot.id)]);
  const report = selfEvaluation(pilot, path.year, values, sources, sweepWarnings, now);
  return ok({ report, sheets: selfEvaluationSheets(report) });
});
