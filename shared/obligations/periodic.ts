import type { Pilot } from '../pilots/model';
import type { Project, ProjectStatus } from '../projects/model';
import { ACTIVE_STATUSES, REPORTING_STATUSES } from './lifecycle';
import { daysThroughToday, type Obligation } from './model';
import { indicatorReport, quarterlyObligations, quarterOf, previousQuarter, selfEvaluation, yearlyReview } from './periods';
import type { MarkName } from './sweep';

/**
 * Periodic duties begin on calendar days: a quarter's report and visit on its first day, a year's
 * review on 1 January, the pilot's self-evaluation on 1 December (periods.ts says why each is due
 * when). The lifecycle opens them for the period a project enters delivery in; this timer opens the
 * following ones. It touches the projects in delivery only on the days something begins, and writes
 * each obligation only if absent, so a rerun, a concurrent run or a run after a crash opens none twice.
 */
export interface PeriodicPort {
  mark(name: MarkName): Promise<string | undefined>;
  advanceMark(name: MarkName, day: string): Promise<void>;
  pilots(): Promise<Pilot[]>;
  projectsIn(pilotId: string, status: ProjectStatus): AsyncIterable<Project[]>;
  /** False when it already existed. */
  openIfAbsent(obligation: Obligation): Promise<boolean>;
}

export interface PeriodsBeginning {
  quarter?: string;
  year?: number;
  selfEvaluationYear?: number;
}

/** What begins on `day`; a first run takes today as the beginning of everything current. */
export function periodsBeginning(day: string, firstRun: boolean): PeriodsBeginning {
  const year = Number(day.slice(0, 4));
  const monthDay = day.slice(5);
  const begins: PeriodsBeginning = {};
  if (firstRun || ['01-01', '04-01', '07-01', '10-01'].includes(monthDay)) begins.quarter = quarterOf(day);
  if (firstRun || monthDay === '01-01') begins.year = year;
  if ((firstRun && day.slice(5, 7) === '12') || monthDay === '12-01') begins.selfEvaluationYear = year;
  return begins;
}

/** The project's obligations for what begins; a quarter already reported owes no report. */
export function periodicForProject(project: Project, begins: PeriodsBeginning, openedAt: string): Obligation[] {
  const opened: Obligation[] = [];
  if (begins.quarter && REPORTING_STATUSES.includes(project.status)) {
    const reported = project.progressReports.some((report) => report.period === begins.quarter);
    opened.push(...quarterlyObligations(project, begins.quarter, openedAt).filter((obligation) => !(reported && obligation.kind === 'quarterly_report')));
  }
  if (begins.year !== undefined && ACTIVE_STATUSES.includes(project.status)) opened.push(yearlyReview(project, begins.year, openedAt));
  return opened;
}

export interface PeriodicResult {
  days: string[];
  projectsRead: number;
  opened: number;
}

export async function runPeriodic(port: PeriodicPort, asOf: Date): Promise<PeriodicResult> {
  const at = asOf.toISOString();
  const mark = await port.mark('periods');
  const days = daysThroughToday(mark, asOf);
  const result: PeriodicResult = { days, projectsRead: 0, opened: 0 };
  for (const [index, day] of days.entries()) {
    const begins = periodsBeginning(day, mark === undefined && index === 0);
    const open = async (obligation: Obligation): Promise<void> => {
      // A due day already behind the sweep would never be swept; only a run months late meets one.
      if (obligation.dueDay >= day && (await port.openIfAbsent(obligation))) result.opened += 1;
    };
    if (begins.quarter !== undefined || begins.year !== undefined || begins.selfEvaluationYear !== undefined) {
      for (const pilot of await port.pilots()) {
        const evaluation = begins.selfEvaluationYear === undefined ? undefined : selfEvaluation(pilot, begins.selfEvaluationYear, at);
        if (evaluation) await open(evaluation);
        // Issue 18: the data units' reports of the quarter that just ended.
        if (begins.quarter !== undefined) {
          for (const indicator of pilot.indicators) {
            const report = indicatorReport(pilot, indicator, previousQuarter(begins.quarter), at);
            if (report) await open(report);
          }
        }
        if (begins.quarter === undefined && begins.year === undefined) continue;
        for (const status of ACTIVE_STATUSES) {
          for await (const page of port.projectsIn(pilot.id, status)) {
            result.projectsRead += page.length;
            for (const project of page) for (const obligation of periodicForProject(project, begins, at)) await open(obligation);
          }
        }
      }
    }
    await port.advanceMark('periods', day);
  }
  return result;
}
