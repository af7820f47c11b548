import { STATUS_LABELS } from '../projects/lifecycle';
import type { Project } from '../projects/model';
import type { InboxItem } from './inbox';
import { isTerminal, REPORTING_STATUSES } from './lifecycle';
import { daysToSweep, type Obligation, type Warning } from './model';
import { inboxItemsForMiss, warningForMiss } from './notices';
import { toNotifications, type Notifier } from './notify';
import { stageOfStatus, stagePeriod } from './review-windows';

/**
 * The daily deadline sweep, as an algorithm over a storage port (functions/commons/store/deadlines.ts
 * implements it on DynamoDB). It reads only what fell due: for each day since the last completed
 * sweep, one key query on the due-day index of open obligations.
 *
 * Exactly one warning per miss, whatever happens:
 * - a miss is written as one conditional transaction (obligation open → missed, the warning and its
 *   inbox items only if absent), so a rerun or a concurrent run that reaches the same obligation
 *   writes nothing — and a transaction that lost a write-write race is retried, never dropped;
 * - the day's mark advances only after every obligation due that day was handled, so a run that
 *   crashes half-way leaves the day to the next run, which skips what is done and does the rest.
 */
export type MarkName = 'sweep' | 'reminders' | 'periods';

export interface DeadlinePort {
  mark(name: MarkName): Promise<string | undefined>;
  /** Moves the mark forward only; a slower concurrent run can never move it back. */
  advanceMark(name: MarkName, day: string): Promise<void>;
  /** Open obligations due on `day`, a page at a time. */
  dueOpen(day: string): AsyncIterable<Obligation[]>;
  /** The projects among the subjects, to check they still owe what is due. */
  projects(projectIds: readonly string[]): Promise<ReadonlyMap<string, Project>>;
  /** False when the obligation was no longer open (another run, or a fulfilment, got there first). */
  recordMiss(obligation: Obligation, warning: Warning, inbox: readonly InboxItem[], at: string): Promise<boolean>;
  cancel(obligation: Obligation, reason: string, at: string): Promise<boolean>;
  /** False when this reminder was already sent. */
  recordReminder(obligation: Obligation, offset: number, inbox: readonly InboxItem[], at: string): Promise<boolean>;
}

export type Owed = { owed: true } | { owed: false; reason: string };
const OWED: Owed = { owed: true };
const not = (reason: string): Owed => ({ owed: false, reason });

/**
 * Whether the subject still owes the obligation. The lifecycle closes obligations in the decision's
 * own transaction; this catches what a race let through (a quarter opened by the timer while the
 * project was being terminated, a cancellation that did not fit a transaction): such an obligation
 * is cancelled at its due day instead of raising a warning nobody owes.
 */
export function stillOwed(obligation: Obligation, project: Project | undefined): Owed {
  if (obligation.subjectType !== 'project' || project === undefined) return OWED;
  if (isTerminal(project.status)) return not(`项目${STATUS_LABELS[project.status]}`);
  switch (obligation.kind) {
    case 'quarterly_report':
    case 'quarterly_visit':
      return REPORTING_STATUSES.includes(project.status) ? OWED : not('项目已申请验收，季度进度报告与走访转入验收');
    case 'agreement_signing':
      return project.status === 'agreement_pending' ? OWED : not('任务书签署环节已结束');
    case 'rectification':
      return project.status === 'rectification' && project.rectifications.at(-1)?.id === obligation.period ? OWED : not('整改已提交验收');
    case 'review_stage': {
      const stage = obligation.stage;
      const current = stage !== undefined && stageOfStatus(project.status) === stage && stagePeriod(stage, project) === obligation.period;
      return current ? OWED : not('审核环节已办结');
    }
    default:
      return OWED;
  }
}

export async function projectsOf(port: DeadlinePort, page: readonly Obligation[]): Promise<ReadonlyMap<string, Project>> {
  const ids = [...new Set(page.filter((obligation) => obligation.subjectType === 'project').map((obligation) => obligation.subjectId))];
  return ids.length === 0 ? new Map() : port.projects(ids);
}

export interface SweepOptions {
  notifier?: Notifier;
  /** Due obligations handled at once; each is independent, its own conditional transaction (default 8). */
  concurrency?: number;
  /** Called before each due obligation is handled; a test throws here to simulate a crash half-way. */
  beforeEach?: (index: number, obligation: Obligation) => void;
}

export interface SweepResult {
  days: string[];
  /** obligations the due-day queries returned */
  read: number;
  warnings: number;
  escalations: number;
  cancelled: number;
  /** found already handled by another run */
  alreadyHandled: number;
  notifyFailures: number;
}

export async function runSweep(port: DeadlinePort, asOf: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const at = asOf.toISOString();
  const days = daysToSweep(await port.mark('sweep'), asOf);
  const result: SweepResult = { days, read: 0, warnings: 0, escalations: 0, cancelled: 0, alreadyHandled: 0, notifyFailures: 0 };
  let index = 0;
  for (const day of days) {
    for await (const page of port.dueOpen(day)) {
      result.read += page.length;
      const projects = await projectsOf(port, page);
      await forEachLimited(page, options.concurrency ?? 8, async (obligation) => {
        options.beforeEach?.(index, obligation);
        index += 1;
        const verdict = stillOwed(obligation, projects.get(obligation.subjectId));
        if (!verdict.owed) {
          if (await port.cancel(obligation, verdict.reason, at)) result.cancelled += 1;
          else result.alreadyHandled += 1;
          return;
        }
        const warning = warningForMiss(obligation, asOf);
        const inbox = inboxItemsForMiss(obligation, warning);
        if (!(await port.recordMiss(obligation, warning, inbox, at))) {
          result.alreadyHandled += 1;
          return;
        }
        if (warning.severity === 'escalation') result.escalations += 1;
        else result.warnings += 1;
        result.notifyFailures += await notify(options.notifier, inbox);
      });
    }
    await port.advanceMark('sweep', day);
  }
  return result;
}

/**
 * Runs `task` over `items`, at most `limit` at a time. The first failure stops new starts; it is
 * rethrown once those in flight have settled, so a crash leaves no write half-known.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}

/** Sends after the commit; a failure is counted, never undoes or repeats the inbox item. */
export async function notify(notifier: Notifier | undefined, inbox: readonly InboxItem[]): Promise<number> {
  if (notifier === undefined || inbox.length === 0) return 0;
  try {
    await notifier.send(toNotifications(inbox));
    return 0;
  } catch {
    return 1;
  }
}

/** The instant a timer acts as of: its `asOf` for a demo or a test, else now. */
export function timerInstant(event: { asOf?: string }, now: () => Date = () => new Date()): Date {
  const asOf = event.asOf ? new Date(event.asOf) : now();
  if (Number.isNaN(asOf.getTime())) throw new RangeError(`asOf is not a date: ${event.asOf ?? ''}`);
  return asOf;
}
