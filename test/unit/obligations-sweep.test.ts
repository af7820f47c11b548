import { describe, expect, it } from 'vitest';
import { CalendarYearMissingError, CHINA_CALENDAR } from '../../shared/calendar/calendar';
import type { Pilot } from '../../shared/pilots/model';
import type { Project, ProjectStatus } from '../../shared/projects/model';
import type { InboxItem } from '../../shared/obligations/inbox';
import type { Obligation, Warning } from '../../shared/obligations/model';
import type { Notifier } from '../../shared/obligations/notify';
import { runPeriodic, type PeriodicPort } from '../../shared/obligations/periodic';
import { providerRectification, quarterlyObligations, selfEvaluation } from '../../shared/obligations/periods';
import { runReminders } from '../../shared/obligations/reminders';
import { runSweep, type DeadlinePort, type MarkName, type Miss } from '../../shared/obligations/sweep';
import { stateFixtures } from './projects/fixtures';

/**
 * The sweep, reminder and period algorithms against an in-memory port with the store's semantics:
 * every write is a check-and-set taken after an `await`, so concurrent runs really interleave.
 */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class MemoryPort implements DeadlinePort, PeriodicPort {
  readonly obligations = new Map<string, Obligation>();
  readonly warnings = new Map<string, Warning>();
  readonly inbox = new Map<string, InboxItem>();
  readonly reminders = new Set<string>();
  readonly marks = new Map<MarkName, string>();
  readonly projectsById = new Map<string, Project>();
  pilotList: Pilot[] = [];

  constructor(readonly pageSize = 3) {}

  add(...obligations: Obligation[]): void {
    for (const obligation of obligations) this.obligations.set(obligation.id, obligation);
  }

  async mark(name: MarkName): Promise<string | undefined> {
    await tick();
    return this.marks.get(name);
  }

  async advanceMark(name: MarkName, day: string): Promise<void> {
    await tick();
    const current = this.marks.get(name);
    if (current === undefined || current < day) this.marks.set(name, day);
  }

  async *dueOpen(day: string): AsyncIterable<Obligation[]> {
    const due = [...this.obligations.values()].filter((o) => o.status === 'open' && o.dueDay === day).sort((a, b) => a.id.localeCompare(b.id));
    for (let start = 0; start < due.length; start += this.pageSize) {
      await tick();
      yield due.slice(start, start + this.pageSize);
    }
  }

  async projects(ids: readonly string[]): Promise<ReadonlyMap<string, Project>> {
    await tick();
    return new Map(ids.flatMap((id) => (this.projectsById.has(id) ? [[id, this.projectsById.get(id) as Project] as const] : [])));
  }

  private putInbox(items: readonly InboxItem[]): void {
    for (const item of items) {
      const key = `${item.recipient}|${item.sourceId}`;
      if (this.inbox.has(key)) throw new Error(`inbox item twice: ${key}`);
      this.inbox.set(key, item);
    }
  }

  async recordMiss(obligation: Obligation, warning: Warning, inbox: readonly InboxItem[], at: string): Promise<boolean> {
    await tick();
    if (this.obligations.get(obligation.id)?.status !== 'open') return false;
    if (this.warnings.has(warning.id)) throw new Error(`warning twice: ${warning.id}`);
    this.obligations.set(obligation.id, { ...obligation, status: 'missed', missedAt: at });
    this.warnings.set(warning.id, warning);
    this.putInbox(inbox);
    return true;
  }

  async cancel(obligation: Obligation, reason: string, at: string): Promise<boolean> {
    await tick();
    if (this.obligations.get(obligation.id)?.status !== 'open') return false;
    this.obligations.set(obligation.id, { ...obligation, status: 'cancelled', cancelledAt: at, cancelReason: reason });
    return true;
  }

  async recordReminder(obligation: Obligation, offset: number, inbox: readonly InboxItem[]): Promise<boolean> {
    await tick();
    const key = `${obligation.id}#${offset}`;
    if (this.reminders.has(key) || this.obligations.get(obligation.id)?.status !== 'open') return false;
    this.reminders.add(key);
    this.putInbox(inbox);
    return true;
  }

  async pilots(): Promise<Pilot[]> {
    await tick();
    return this.pilotList;
  }

  async *projectsIn(pilotId: string, status: ProjectStatus): AsyncIterable<Project[]> {
    await tick();
    yield [...this.projectsById.values()].filter((project) => project.pilotId === pilotId && project.status === status);
  }

  async openIfAbsent(obligation: Obligation): Promise<boolean> {
    await tick();
    if (this.obligations.has(obligation.id)) return false;
    this.obligations.set(obligation.id, obligation);
    return true;
  }

  inboxOf(recipient: string): InboxItem[] {
    return [...this.inbox.values()].filter((item) => item.recipient === recipient);
  }
}

/**
 * A store that writes several misses in one all-or-nothing transaction, as the DynamoDB store does:
 * when any obligation of the group is no longer open, nothing of the group is written and each miss
 * is written alone.
 */
class GroupingPort extends MemoryPort {
  readonly missesPerTransaction = 4;
  transactions = 0;

  async recordMisses(misses: readonly Miss[], at: string): Promise<boolean[]> {
    await tick();
    if (misses.every((miss) => this.obligations.get(miss.obligation.id)?.status === 'open')) {
      this.transactions += 1;
      for (const miss of misses) {
        this.obligations.set(miss.obligation.id, { ...miss.obligation, status: 'missed', missedAt: at });
        this.warnings.set(miss.warning.id, miss.warning);
      }
      for (const miss of misses) for (const item of miss.inbox) this.inbox.set(`${item.recipient}|${item.sourceId}`, item);
      return misses.map(() => true);
    }
    return Promise.all(misses.map((miss) => this.recordMiss(miss.obligation, miss.warning, miss.inbox, at)));
  }
}

/** A clock for `timeLeftMs`: plenty of time for the first `calls` questions, then too little. */
const runsLowAfter = (calls: number) => {
  let asked = 0;
  return () => (asked++ < calls ? 120_000 : 5_000);
};

const fixtures = stateFixtures();
const inProgress = fixtures.in_progress.project;
const provider = (n: number, deadline = '2026-03-10'): Obligation =>
  providerRectification({ providerId: `prov-${n}`, pilotId: 'wuqing', rectificationId: 'PR1', deadline, openedAt: '2026-03-01T02:00:00.000Z' });
const AS_OF = new Date('2026-03-11T01:00:00Z');

describe('the sweep raises exactly one warning per miss', () => {
  it('raises one per miss, and a rerun raises none', async () => {
    const port = new MemoryPort();
    port.add(...[1, 2, 3, 4, 5].map((n) => provider(n)));
    expect(await runSweep(port, AS_OF)).toMatchObject({ days: expect.arrayContaining(['2026-03-10']), read: 5, warnings: 5 });
    expect(await runSweep(port, AS_OF)).toMatchObject({ days: [], warnings: 0 });
    port.marks.delete('sweep');
    expect(await runSweep(port, AS_OF)).toMatchObject({ read: 0, warnings: 0 });
    expect(port.warnings.size).toBe(5);
  });

  it('raises one per miss when two sweeps run at once', async () => {
    const port = new MemoryPort(2);
    port.add(...Array.from({ length: 9 }, (_, n) => provider(n)));
    const [first, second] = await Promise.all([runSweep(port, AS_OF), runSweep(port, AS_OF)]);
    expect(first.warnings + second.warnings).toBe(9);
    expect(first.alreadyHandled + second.alreadyHandled).toBe(9);
    expect(port.warnings.size).toBe(9);
  });

  it('loses none after a crash half-way: the rerun does the rest', async () => {
    const port = new MemoryPort();
    port.add(...Array.from({ length: 10 }, (_, n) => provider(n)));
    const crash = runSweep(port, AS_OF, {
      beforeEach: (index) => {
        if (index === 4) throw new Error('simulated crash');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    expect(port.warnings.size).toBe(4);
    expect(port.marks.get('sweep')).toBe('2026-03-09');
    expect(await runSweep(port, AS_OF)).toMatchObject({ warnings: 6 });
    expect([...port.obligations.values()].every((o) => o.status === 'missed')).toBe(true);
    expect(port.warnings.size).toBe(10);
  });

  it('sends the enterprise’s miss to the enterprise, its town and the bureau', async () => {
    const port = new MemoryPort();
    port.projectsById.set(inProgress.id, inProgress);
    const [report, visit] = quarterlyObligations(inProgress, '2026Q1', '2026-01-01T00:00:00.000Z') as [Obligation, Obligation];
    port.add({ ...report, dueDay: '2026-03-10' }, { ...visit, dueDay: '2026-03-10' });
    expect(await runSweep(port, AS_OF)).toMatchObject({ warnings: 2 });
    const to = (item: InboxItem) => item.recipient;
    expect(port.inboxOf(`ENTERPRISE#${inProgress.uscc}`).map((item) => item.title)).toEqual(['2026年第1季度进度报告已逾期']);
    expect([...port.inbox.values()].filter((item) => item.obligationId === report.id).map(to).sort()).toEqual(
      [`BUREAU#${inProgress.pilotId}`, `ENTERPRISE#${inProgress.uscc}`, `TOWN#${inProgress.pilotId}#${inProgress.town}`].sort(),
    );
    expect([...port.inbox.values()].filter((item) => item.obligationId === visit.id).map(to).sort()).toEqual([`BUREAU#${inProgress.pilotId}`, `OPERATOR#${inProgress.pilotId}`]);
  });

  it('escalates a review stage held too long to the holder and the level above, not to the enterprise', async () => {
    const port = new MemoryPort();
    const submitted = fixtures.submitted.project;
    const recommended = fixtures.recommended.project;
    port.projectsById.set(submitted.id, submitted);
    const stage = (project: Project, period: string, stageName: 'preliminary_review' | 'expert_organisation', responsible: 'town' | 'bureau'): Obligation => ({
      id: `${project.id}-${period}:review_stage:${period}`, kind: 'review_stage', subjectType: 'project', subjectId: project.id, pilotId: project.pilotId, period,
      responsible, stage: stageName, uscc: project.uscc, town: project.town, dueDay: '2026-03-10', status: 'open', openedAt: '2026-02-20T00:00:00.000Z',
    });
    port.add(stage({ ...submitted, id: 'held-by-town' }, 'preliminary_review.v1', 'preliminary_review', 'town'));
    port.add(stage({ ...recommended, id: 'held-by-bureau' }, 'expert_organisation', 'expert_organisation', 'bureau'));
    expect(await runSweep(port, AS_OF)).toMatchObject({ escalations: 2, warnings: 0 });
    const recipients = [...port.inbox.values()].map((item) => `${item.kind} ${item.recipient}`).sort();
    expect(recipients).toEqual([
      `escalation BUREAU#${submitted.pilotId}`,
      `escalation BUREAU#${submitted.pilotId}`,
      'escalation SUPERVISOR',
      `escalation TOWN#${submitted.pilotId}#${submitted.town}`,
    ]);
  });

  it('cancels instead of warning when the project no longer owes it (terminated, or under acceptance)', async () => {
    const port = new MemoryPort();
    const terminated = fixtures.terminated.project;
    const underAcceptance = fixtures.acceptance_requested.project;
    port.projectsById.set(terminated.id, terminated);
    port.projectsById.set('under-acceptance', { ...underAcceptance, id: 'under-acceptance' });
    const [orphan] = quarterlyObligations(terminated, '2026Q1', '2026-01-01T00:00:00.000Z') as [Obligation];
    const [waived] = quarterlyObligations({ ...underAcceptance, id: 'under-acceptance' }, '2026Q1', '2026-01-01T00:00:00.000Z') as [Obligation];
    port.add({ ...orphan, dueDay: '2026-03-10' }, { ...waived, dueDay: '2026-03-10' });
    expect(await runSweep(port, AS_OF)).toMatchObject({ warnings: 0, cancelled: 2 });
    expect(port.obligations.get(orphan.id)).toMatchObject({ status: 'cancelled', cancelReason: '项目已终止' });
    expect(port.inbox.size).toBe(0);
  });

  it('counts a failed notification without failing the sweep or repeating the warning', async () => {
    const port = new MemoryPort();
    port.add(provider(1), provider(2));
    const failing: Notifier = { send: () => Promise.reject(new Error('SMTP down')) };
    expect(await runSweep(port, AS_OF, { notifier: failing })).toMatchObject({ warnings: 2, notifyFailures: 2 });
  });
});

describe('the sweep at a province’s scale', () => {
  it('writes several misses in one transaction and still one warning per miss', async () => {
    const port = new GroupingPort(50);
    port.add(...Array.from({ length: 10 }, (_, n) => provider(n)));
    expect(await runSweep(port, AS_OF)).toMatchObject({ read: 10, warnings: 10, alreadyHandled: 0, complete: true });
    expect(port.transactions).toBe(3);
    expect(port.warnings.size).toBe(10);
    expect(await runSweep(port, AS_OF)).toMatchObject({ days: [], warnings: 0 });
  });

  it('raises one per miss when two grouping sweeps run at once', async () => {
    const port = new GroupingPort(5);
    port.add(...Array.from({ length: 23 }, (_, n) => provider(n)));
    const [first, second] = await Promise.all([runSweep(port, AS_OF), runSweep(port, AS_OF)]);
    expect(first.warnings + second.warnings).toBe(23);
    expect(first.alreadyHandled + second.alreadyHandled).toBe(23);
    expect(port.warnings.size).toBe(23);
  });

  it('writes what came before a crash in a group, and the rerun does the rest', async () => {
    const port = new GroupingPort(50);
    port.add(...Array.from({ length: 10 }, (_, n) => provider(n)));
    const crash = runSweep(port, AS_OF, {
      beforeEach: (index) => {
        if (index === 6) throw new Error('simulated crash');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    expect(port.warnings.size).toBe(6);
    expect(await runSweep(port, AS_OF)).toMatchObject({ warnings: 4, complete: true });
    expect(port.warnings.size).toBe(10);
  });

  it('stops when the time left runs low, leaves the day unmarked, and the next run does exactly the rest', async () => {
    const port = new MemoryPort(4);
    port.marks.set('sweep', '2026-03-09');
    port.add(...Array.from({ length: 12 }, (_, n) => provider(n)));
    const stopped = await runSweep(port, AS_OF, { concurrency: 1, timeLeftMs: runsLowAfter(5), reserveMs: 30_000 });
    expect(stopped).toMatchObject({ complete: false, resumesOn: '2026-03-10', warnings: 5 });
    expect(port.marks.get('sweep')).toBe('2026-03-09');
    expect(port.warnings.size).toBe(5);

    const continued = await runSweep(port, AS_OF, { timeLeftMs: () => 120_000 });
    // The five already missed have left the due-day index: the continuation reads only the rest.
    expect(continued).toMatchObject({ complete: true, read: 7, warnings: 7, alreadyHandled: 0 });
    expect(continued.resumesOn).toBeUndefined();
    expect(port.marks.get('sweep')).toBe('2026-03-10');
    expect(port.warnings.size).toBe(12);
    expect([...port.obligations.values()].every((o) => o.status === 'missed')).toBe(true);
  });

  it('continues across as many runs as the misses need, grouped, one warning per miss', async () => {
    const port = new GroupingPort(8);
    port.marks.set('sweep', '2026-03-09');
    port.add(...Array.from({ length: 40 }, (_, n) => provider(n)));
    const runs: Array<{ warnings: number; complete: boolean }> = [];
    for (let run = 0; run < 10 && !runs.at(-1)?.complete; run += 1) runs.push(await runSweep(port, AS_OF, { concurrency: 2, timeLeftMs: runsLowAfter(3) }));
    expect(runs.at(-1)?.complete).toBe(true);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.reduce((sum, run) => sum + run.warnings, 0)).toBe(40);
    expect(port.warnings.size).toBe(40);
    expect(port.marks.get('sweep')).toBe('2026-03-10');
  });

  it('starts nothing when the time is already short, and leaves every day to the next run', async () => {
    const port = new MemoryPort();
    port.marks.set('sweep', '2026-03-09');
    port.add(provider(1));
    expect(await runSweep(port, AS_OF, { timeLeftMs: () => 1_000 })).toMatchObject({ complete: false, resumesOn: '2026-03-10', warnings: 0 });
    expect(port.obligations.get(provider(1).id)?.status).toBe('open');
  });
});

describe('reminders 7 and 1 working days before', () => {
  const q3 = (): Obligation[] => quarterlyObligations(inProgress, '2025Q3', '2025-07-01T00:00:00.000Z');

  it('reminds the enterprise of its Q3 report on 29 September (7 working days across 国庆) and 14 October, once each', async () => {
    const port = new MemoryPort();
    port.projectsById.set(inProgress.id, inProgress);
    port.add(...q3());
    const seven = await runReminders(port, new Date('2025-09-29T00:30:00Z'), CHINA_CALENDAR);
    expect(seven.sent).toBe(2); // the report (7 ahead) and the visit due 30 September (1 ahead)
    expect((await runReminders(port, new Date('2025-09-29T05:00:00Z'), CHINA_CALENDAR)).sent).toBe(0);
    const rest = await runReminders(port, new Date('2025-10-14T00:30:00Z'), CHINA_CALENDAR);
    expect(rest.days[0]).toBe('2025-09-30');
    const enterprise = port.inboxOf(`ENTERPRISE#${inProgress.uscc}`);
    expect(enterprise.map((item) => item.message)).toEqual([
      '2025年第3季度进度报告将于 2025-10-15 到期（还有 7 个工作日），请按时办理',
      '2025年第3季度进度报告将于 2025-10-15 到期（还有 1 个工作日），请按时办理',
    ]);
    expect(port.inboxOf(`OPERATOR#${inProgress.pilotId}`)).toHaveLength(1);
  });

  it('sends nothing for an obligation already fulfilled, and nothing on a day off', async () => {
    const port = new MemoryPort();
    port.add(...q3().map((o): Obligation => ({ ...o, status: 'fulfilled' })));
    expect((await runReminders(port, new Date('2025-09-29T00:30:00Z'), CHINA_CALENDAR)).sent).toBe(0);
    port.add(...q3());
    expect((await runReminders(port, new Date('2025-10-04T00:30:00Z'), CHINA_CALENDAR)).read).toBe(0);
  });

  it('fails loudly on a year the calendar lacks, after sending what it could, and retries that day next time', async () => {
    const port = new MemoryPort();
    port.add(provider(1, '2027-12-31'));
    port.marks.set('reminders', '2027-12-21');
    await expect(runReminders(port, new Date('2027-12-23T00:30:00Z'), CHINA_CALENDAR)).rejects.toThrow(CalendarYearMissingError);
    // 22 Dec is 7 working days before 31 Dec and is done; 23 Dec looks 7 working days ahead into 2028
    expect(port.inboxOf('PROVIDER#prov-1').map((item) => item.message)).toEqual(['服务商限期整改将于 2027-12-31 到期（还有 7 个工作日），请按时办理']);
    expect(port.marks.get('reminders')).toBe('2027-12-22');
  });
});

describe('periodic obligations', () => {
  const pilot = { id: inProgress.pilotId, name: '武清', city: '天津', kind: 'tech_transformation', division: '120114', periodStart: '2025-01-01', periodEnd: '2028-03-31', towns: [], indicators: [], source: '000' } satisfies Pilot;

  it('opens a new quarter’s report and visit for projects in delivery, a year’s review and December’s self-evaluation, once', async () => {
    const port = new MemoryPort();
    port.pilotList = [pilot];
    port.projectsById.set(inProgress.id, inProgress);
    port.projectsById.set('under-acceptance', { ...fixtures.acceptance_requested.project, id: 'under-acceptance' });
    port.projectsById.set('done', { ...fixtures.accepted.project, id: 'done' });
    port.marks.set('periods', '2025-09-29');
    expect(await runPeriodic(port, new Date('2025-10-01T00:00:00Z'))).toMatchObject({ days: ['2025-09-30', '2025-10-01'], opened: 2 });
    expect([...port.obligations.keys()].sort()).toEqual([`${inProgress.id}:quarterly_report:2025Q4`, `${inProgress.id}:quarterly_visit:2025Q4`]);
    port.marks.set('periods', '2025-11-30');
    await runPeriodic(port, new Date('2026-01-01T00:00:00Z'));
    expect(port.obligations.get(selfEvaluation(pilot, 2025, 'x')?.id ?? '')).toMatchObject({ dueDay: '2025-12-31', responsible: 'bureau' });
    expect(port.obligations.has(`${inProgress.id}:yearly_review:2026`)).toBe(true);
    expect(port.obligations.has('under-acceptance:yearly_review:2026')).toBe(true);
    expect(port.obligations.has('under-acceptance:quarterly_report:2026Q1')).toBe(false);
    expect(port.obligations.has('done:yearly_review:2026')).toBe(false);
    const count = port.obligations.size;
    port.marks.set('periods', '2025-12-31');
    expect((await runPeriodic(port, new Date('2026-01-01T05:00:00Z'))).opened).toBe(0);
    expect(port.obligations.size).toBe(count);
  });
});
