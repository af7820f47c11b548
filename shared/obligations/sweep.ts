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
 *   crashes half-way leaves the day to the next run, which skips what is done and does the rest;
 * - a store may write several misses in one transaction (`missesPerTransaction`): still all or
 *   nothing, each miss conditioned on its own obligation being open; when any of them was handled
 *   elsewhere the whole transaction is cancelled and the store writes them one by one, as above.
 *
 * At a province's scale (tens of thousands of misses on a quarter's end) a run is bounded by its
 * function's time: given the time left (`timeLeftMs`, the Lambda context's), it starts no more work
 * once less than `reserveMs` is left, lets what is in flight finish, and returns `complete: false`
 * without advancing the mark of the day it was on. That day's handled misses have left the due-day
 * index, so the next run (the continuation) reads and writes only the rest: a stop is a crash
 * half-way without the crash, and exactly once holds for the same reasons.
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
  /** How many misses `recordMisses` writes in one transaction (default 1: `recordMiss` each). */
  readonly missesPerTransaction?: number;
  /** Several misses at once, each true as `recordMiss` would answer; all or nothing per transaction. */
  recordMisses?(misses: readonly Miss[], at: string): Promise<boolean[]>;
  cancel(obligation: Obligation, reason: string, at: string): Promise<boolean>;
  /** False when this reminder was already sent. */
  recordReminder(obligation: Obligation, offset: number, inbox: readonly InboxItem[], at: string): Promise<boolean>;
}

export interface Miss {
  obligation: Obligation;
  warning: Warning;
  inbox: readonly InboxItem[];
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
  /**
   * Transactions in flight at once; each is independent and conditional (default 4: on DynamoDB
   * Local more in flight only made transactions on the offices' shared unread counters wait).
   */
  concurrency?: number;
  /** Milliseconds the run may still take (the Lambda context's getRemainingTimeInMillis); unbounded without. */
  timeLeftMs?: () => number;
  /** Starts no more work once less than this is left (default 30 s: in-flight writes, the log line). */
  reserveMs?: number;
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
  /** False when the run stopped for time: the days from `resumesOn` on are left to the next run. */
  complete: boolean;
  resumesOn?: string;
}

export async function runSweep(port: DeadlinePort, asOf: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const at = asOf.toISOString();
  const days = daysToSweep(await port.mark('sweep'), asOf);
  const result: SweepResult = { days, read: 0, warnings: 0, escalations: 0, cancelled: 0, alreadyHandled: 0, notifyFailures: 0, complete: true };
  const perTransaction = Math.max(1, port.missesPerTransaction ?? 1);
  const reserveMs = options.reserveMs ?? 30_000;
  const timeLow = (): boolean => options.timeLeftMs !== undefined && options.timeLeftMs() < reserveMs;
  let index = 0;

  // One unit is what one transaction writes; a unit is formed (and `beforeEach` called) in order.
  const handle = async (unit: readonly Obligation[], projects: ReadonlyMap<string, Project>): Promise<void> => {
    if (!result.complete) return;
    if (timeLow()) {
      result.complete = false;
      return;
    }
    const misses: Miss[] = [];
    let crash: { error: unknown } | undefined;
    for (const obligation of unit) {
      try {
        options.beforeEach?.(index, obligation);
      } catch (error) {
        // What came before the crash is written, as it would have been one by one.
        crash = { error };
        break;
      }
      index += 1;
      const verdict = stillOwed(obligation, projects.get(obligation.subjectId));
      if (!verdict.owed) {
        if (await port.cancel(obligation, verdict.reason, at)) result.cancelled += 1;
        else result.alreadyHandled += 1;
        continue;
      }
      const warning = warningForMiss(obligation, asOf);
      misses.push({ obligation, warning, inbox: inboxItemsForMiss(obligation, warning) });
    }
    const recorded = await recordMisses(port, misses, at);
    for (const [position, miss] of misses.entries()) {
      if (!recorded[position]) {
        result.alreadyHandled += 1;
        continue;
      }
      if (miss.warning.severity === 'escalation') result.escalations += 1;
      else result.warnings += 1;
      result.notifyFailures += await notify(options.notifier, miss.inbox);
    }
    if (crash) throw crash.error;
  };

  for (const day of days) {
    for await (const page of port.dueOpen(day)) {
      result.read += page.length;
      const projects = await projectsOf(port, page);
      // A unit holds misses of one pilot and town where it can, so their inbox counters merge.
      const ordered = perTransaction > 1 ? [...page].sort((a, b) => recipientsKey(a).localeCompare(recipientsKey(b))) : page;
      const units: Obligation[][] = [];
      for (let start = 0; start < ordered.length; start += perTransaction) units.push(ordered.slice(start, start + perTransaction));
      await forEachLimited(units, options.concurrency ?? 4, (unit) => handle(unit, projects));
      if (!result.complete) break;
    }
    if (!result.complete) {
      result.resumesOn = day;
      break;
    }
    await port.advanceMark('sweep', day);
  }
  return result;
}

const recipientsKey = (obligation: Obligation): string => `${obligation.pilotId}|${obligation.town ?? ''}|${obligation.responsible}|${obligation.id}`;

async function recordMisses(port: DeadlinePort, misses: readonly Miss[], at: string): Promise<boolean[]> {
  if (misses.length === 0) return [];
  if (port.recordMisses && misses.length > 1) return port.recordMisses(misses, at);
  return Promise.all(misses.map((miss) => port.recordMiss(miss.obligation, miss.warning, miss.inbox, at)));
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
