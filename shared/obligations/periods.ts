import type { Project } from '../projects/model';
import { addDays, obligationId, Period, beijingDate, SUBJECT_OF_KIND, type Obligation, type ObligationKind, type Responsible } from './model';

/**
 * The periodic duties of a key project and a pilot, and the rule that dates each one.
 *
 * 武清 (000) §二(一)2 asks for 「季度走访与检查、年度审查与报告」 on every central-fund key project, and
 * 滨海 (002) §三(五)7 for the enterprise to 「及时……反馈项目建设进度」. Neither sets a day, so the platform
 * fixes one and says so here:
 * - quarterly progress report (the enterprise): due on the 15th calendar day after the quarter ends
 *   (「季度结束后15日内」: 15 April, 15 July, 15 October, 15 January). Calendar, not working days: the
 *   report is filed online and the platform takes it on any day, so no holiday can make it impossible;
 * - quarterly visit and check (the operator, 第三方全流程综合服务机构): within the quarter, due its last day;
 * - yearly review and report (the operator): due 31 December, so it feeds the pilot's December
 *   self-evaluation; a project whose delivery starts in the fourth quarter is first reviewed the next year;
 * - the pilot's self-evaluation (the bureau, 区工业和信息化局牵头): 滨海 (002) §三(六) 「实施期内每年12月开展
 *   绩效自评」 — opened on 1 December of every year of the implementation period, due 31 December.
 */
export const QUARTERLY_REPORT_DAYS_AFTER_QUARTER = 15;
/** Months (1–12) from which a project entering delivery waits for next year's yearly review. */
export const YEARLY_REVIEW_LAST_START_MONTH = 9;

export const RESPONSIBLE: Record<ObligationKind, Responsible> = {
  quarterly_report: 'enterprise',
  quarterly_visit: 'operator',
  yearly_review: 'operator',
  self_evaluation: 'bureau',
  agreement_signing: 'enterprise',
  acceptance_window: 'enterprise',
  rectification: 'enterprise',
  provider_rectification: 'provider',
  // a review stage's holder is the stage's (town, bureau or expert); see review-windows.ts
  review_stage: 'town',
  // 004 §四(二)5: the firm carries out its transformation; §四(二)10 the bureau (责任单位) organises acceptance
  sme_transformation: 'enterprise',
  sme_acceptance: 'bureau',
  indicator_report: 'data_unit',
};

const QUARTER = /^(\d{4})Q([1-4])$/;

/** `2025-08-14` → `2025Q3`. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

function parseQuarter(quarter: string): { year: number; q: number } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`not a quarter (2025Q3): ${quarter}`);
  return { year: Number(match[1]), q: Number(match[2]) };
}

export function quarterStart(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function quarterEnd(quarter: string): string {
  return addDays(quarterStart(nextQuarter(quarter)), -1);
}

export function nextQuarter(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return q === 4 ? `${year + 1}Q1` : `${year}Q${q + 1}`;
}

export function previousQuarter(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

export function compareQuarters(a: string, b: string): number {
  const left = parseQuarter(a);
  const right = parseQuarter(b);
  return left.year - right.year || left.q - right.q;
}

export function quarterlyReportDue(quarter: string): string {
  return addDays(quarterEnd(quarter), QUARTERLY_REPORT_DAYS_AFTER_QUARTER);
}

export function quarterlyVisitDue(quarter: string): string {
  return quarterEnd(quarter);
}

export function yearEndDue(year: number): string {
  return `${year}-12-31`;
}

/** A project's obligation with the project's pilot, enterprise and town on it (so warnings reach them). */
export function projectObligation(
  project: Pick<Project, 'id' | 'pilotId' | 'uscc' | 'town'>,
  kind: ObligationKind,
  period: string,
  dueDay: string,
  openedAt: string,
  responsible: Responsible = RESPONSIBLE[kind],
): Obligation {
  return {
    id: obligationId(project.id, kind, period),
    kind,
    subjectType: SUBJECT_OF_KIND[kind],
    subjectId: project.id,
    pilotId: project.pilotId,
    period,
    responsible,
    uscc: project.uscc,
    town: project.town,
    dueDay,
    status: 'open',
    openedAt,
  };
}

export function quarterlyObligations(project: Pick<Project, 'id' | 'pilotId' | 'uscc' | 'town'>, quarter: string, openedAt: string): Obligation[] {
  return [
    projectObligation(project, 'quarterly_report', quarter, quarterlyReportDue(quarter), openedAt),
    projectObligation(project, 'quarterly_visit', quarter, quarterlyVisitDue(quarter), openedAt),
  ];
}

export function yearlyReview(project: Pick<Project, 'id' | 'pilotId' | 'uscc' | 'town'>, year: number, openedAt: string): Obligation {
  return projectObligation(project, 'yearly_review', String(year), yearEndDue(year), openedAt);
}

/** 滨海 (002) §三(六): the pilot's December self-evaluation, one per year of the implementation period. */
export function selfEvaluation(pilot: { id: string; periodStart: string; periodEnd: string }, year: number, openedAt: string): Obligation | undefined {
  if (pilot.periodStart > `${year}-12-31` || pilot.periodEnd < `${year}-12-01`) return undefined;
  return {
    id: obligationId(pilot.id, 'self_evaluation', String(year)),
    kind: 'self_evaluation',
    subjectType: 'pilot',
    subjectId: pilot.id,
    pilotId: pilot.id,
    period: String(year),
    responsible: 'bureau',
    dueDay: yearEndDue(year),
    status: 'open',
    openedAt,
  };
}

/**
 * 滨海 (002) §三(一)2(4): the bureau 「对表现不佳的服务商可以采取相应措施进行整改或淘汰」, and §三(五)8 warns
 * providers as well as projects. The provider pool records the order; this is the deadline it opens
 * (one per order, `rectificationId` names it, so opening it twice opens one).
 */
export function providerRectificationPeriod(pilotId: string, rectificationId: string): string {
  return `${pilotId}.${rectificationId}`;
}

export function providerRectification(input: {
  providerId: string;
  pilotId: string;
  rectificationId: string;
  deadline: string;
  openedAt: string;
}): Obligation {
  // A deadline already behind the last sweep would never be swept: refuse it rather than lose it.
  if (input.deadline < beijingDate(new Date(input.openedAt))) throw new RangeError(`a rectification deadline cannot be in the past: ${input.deadline}`);
  // One provider may serve in several pilots' pools, each numbering its orders R1, R2…: the pilot
  // is part of the period, so two pools' first orders are two obligations.
  const period = providerRectificationPeriod(input.pilotId, input.rectificationId);
  if (!Period.safeParse(period).success) throw new RangeError(`not a rectification id: ${input.rectificationId}`);
  return {
    id: obligationId(input.providerId, 'provider_rectification', period),
    kind: 'provider_rectification',
    subjectType: 'provider',
    subjectId: input.providerId,
    pilotId: input.pilotId,
    period,
    responsible: 'provider',
    dueDay: input.deadline,
    status: 'open',
    openedAt: input.openedAt,
  };
}

/** A reported indicator's subject id: the pilot and the code (one indicator is one subject). */
export const indicatorSubjectId = (pilotId: string, code: string): string => `${pilotId}.${code}`;

/**
 * Issue 18: a reported indicator with a responsible unit (000 主要指标表 责任单位) owes its value for
 * each quarter of the pilot's period, due like a project's quarterly report (the 15th day after the
 * quarter). The periodic timer opens the quarter that just ended; submitting that quarter's value
 * (or the year's, for the fourth) fulfils it (indicator-lifecycle.ts).
 */
export function indicatorReport(
  pilot: { id: string; periodStart: string; periodEnd: string },
  indicator: { code: string; source: string; responsibleUnit?: string },
  quarter: string,
  openedAt: string,
): Obligation | undefined {
  if (!QUARTER.test(quarter) || indicator.source !== 'reported' || !indicator.responsibleUnit) return undefined;
  // Only quarters that overlap the pilot's implementation period are owed.
  if (pilot.periodStart > quarterEnd(quarter) || pilot.periodEnd < quarterStart(quarter)) return undefined;
  const subjectId = indicatorSubjectId(pilot.id, indicator.code);
  return {
    id: obligationId(subjectId, 'indicator_report', quarter),
    kind: 'indicator_report',
    subjectType: 'indicator',
    subjectId,
    pilotId: pilot.id,
    period: quarter,
    responsible: 'data_unit',
    dataUnit: indicator.responsibleUnit,
    dueDay: quarterlyReportDue(quarter),
    status: 'open',
    openedAt,
  };
}
