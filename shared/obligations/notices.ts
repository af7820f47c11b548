import type { WorkingCalendar } from '../calendar/calendar';
import type { AuditEvent } from '../projects/machine';
import type { Project } from '../projects/model';
import type { Provider } from '../providers/model';
import { inboxItemsForMiss, recipientKeys, responsibleBoxes, type InboxItem } from './inbox';
import { type Obligation, type Warning } from './model';
import { REVIEW_STAGES, stageLabel } from './review-windows';

/** What a miss, a coming due day or a bureau's 警示 says, and to whom. */

/** `2025年第3季度进度报告`, `2026年度绩效自评`, `街镇初审推荐`: the duty as a person would name it. */
export function dutyLabel(obligation: Pick<Obligation, 'kind' | 'period' | 'stage'>): string {
  const quarter = /^(\d{4})Q([1-4])$/.exec(obligation.period);
  switch (obligation.kind) {
    case 'quarterly_report':
      return quarter ? `${quarter[1]}年第${quarter[2]}季度进度报告` : stageLabel(obligation);
    case 'quarterly_visit':
      return quarter ? `${quarter[1]}年第${quarter[2]}季度走访检查` : stageLabel(obligation);
    case 'yearly_review':
      return `${obligation.period}年度审查与报告`;
    case 'self_evaluation':
      return `${obligation.period}年度绩效自评`;
    case 'indicator_report':
      return quarter ? `${quarter[1]}年第${quarter[2]}季度指标数据报送` : '指标数据报送';
    default:
      return stageLabel(obligation);
  }
}

/** The one warning a miss raises; its id derives from the obligation so it can never be raised twice. */
export function warningForMiss(obligation: Obligation, asOf: Date): Warning {
  const escalation = obligation.stage !== undefined;
  const label = dutyLabel(obligation);
  const title = `${label}${escalation ? '超过办理时限' : '已逾期'}`;
  const message = escalation
    ? `${label}应于 ${obligation.dueDay} 前办结（${REVIEW_STAGES[obligation.stage ?? 'preliminary_review'].workingDays} 个工作日），现已超期，请尽快办理`
    : `${label}已逾期（截止 ${obligation.dueDay}）`;
  const warning: Warning = {
    id: `W-${obligation.id}`,
    obligationId: obligation.id,
    kind: obligation.kind,
    severity: escalation ? 'escalation' : 'warning',
    subjectType: obligation.subjectType,
    subjectId: obligation.subjectId,
    pilotId: obligation.pilotId,
    responsible: obligation.responsible,
    dueDay: obligation.dueDay,
    raisedAt: asOf.toISOString(),
    title,
    message,
  };
  if (obligation.uscc) warning.uscc = obligation.uscc;
  if (obligation.town) warning.town = obligation.town;
  return warning;
}

export { inboxItemsForMiss };

/**
 * Reminders go out 7 and 1 working days before a due day, to the office that must act. Review
 * stages are short windows held by officials: they get no advance reminder, only the escalation.
 */
export const REMINDER_OFFSETS = [7, 1] as const;
export type ReminderOffset = (typeof REMINDER_OFFSETS)[number];

export function wantsReminders(obligation: Obligation): boolean {
  return obligation.kind !== 'review_stage';
}

/**
 * The due days whose reminder `offset` working days ahead falls on `day`: X with
 * addWorkingDays(X, −offset) = day, i.e. X in (day + (offset − 1) working days, day + offset working
 * days]. A due day on a weekend or holiday is reminded from the working day before it; a day that is
 * not a working day sends nothing.
 */
export function reminderDueDays(day: string, offset: number, calendar: WorkingCalendar): string[] {
  if (!calendar.isWorkingDay(day)) return [];
  const after = calendar.addWorkingDays(day, offset - 1);
  const last = calendar.addWorkingDays(day, offset);
  const days: string[] = [];
  for (let candidate = nextDay(after); candidate <= last; candidate = nextDay(candidate)) days.push(candidate);
  return days;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function reminderId(obligation: Obligation, offset: number): string {
  return `RM-${obligation.id}-${offset}`;
}

export function inboxItemsForReminder(obligation: Obligation, offset: number, asOf: Date): InboxItem[] {
  const label = dutyLabel(obligation);
  return responsibleBoxes(obligation).map((recipient) => ({
    recipient,
    sourceId: reminderId(obligation, offset),
    kind: 'reminder',
    title: `${label}将于 ${obligation.dueDay} 到期`,
    message: `${label}将于 ${obligation.dueDay} 到期（还有 ${offset} 个工作日），请按时办理`,
    pilotId: obligation.pilotId,
    obligationId: obligation.id,
    subjectType: obligation.subjectType,
    subjectId: obligation.subjectId,
    dueDay: obligation.dueDay,
    createdAt: asOf.toISOString(),
  }));
}

/**
 * 滨海 §三(五)8: the bureau's own 警示 on a project (issue_warning) reaches the enterprise, its town and
 * the bureau's inbox in the decision's transaction, like a warning the sweep raises.
 */
export function decisionInboxItems(after: Project, event: AuditEvent): InboxItem[] {
  if (event.action !== 'issue_warning') return [];
  const warning = after.warnings.at(-1);
  if (warning === undefined) return [];
  const recipients = [recipientKeys.enterprise(after.uscc), recipientKeys.town(after.pilotId, after.town), recipientKeys.bureau(after.pilotId)];
  return recipients.map((recipient) => ({
    recipient,
    sourceId: `PW-${after.id}-${warning.id}`,
    kind: 'warning',
    title: `项目警示：${after.title}`,
    message: warning.reason,
    pilotId: after.pilotId,
    subjectType: 'project',
    subjectId: after.id,
    createdAt: event.at,
  }));
}

/**
 * What a provider-pool decision tells the provider (002 §三(五)8 警示; §三(一)2(4) 限期整改): a warning,
 * and an order to rectify with its deadline, reach the provider's inbox in the decision's transaction.
 * The deadline itself is an obligation (provider-lifecycle.ts), reminded and swept like any other.
 */
export function providerInboxItems(after: Provider, event: AuditEvent): InboxItem[] {
  const base = { recipient: recipientKeys.provider(after.id), pilotId: after.pilotId, subjectType: 'provider', subjectId: after.id, createdAt: event.at };
  if (event.action === 'issue_warning') {
    const warning = after.warnings.at(-1);
    return warning ? [{ ...base, sourceId: `VW-${after.pilotId}-${after.id}-${warning.id}`, kind: 'warning', title: '服务商警示', message: warning.reason }] : [];
  }
  if (event.action === 'order_rectification') {
    const order = after.rectifications.at(-1);
    return order
      ? [{ ...base, sourceId: `VR-${after.pilotId}-${after.id}-${order.id}`, kind: 'reminder', title: `责令限期整改（${order.deadline} 前报送）`, message: order.requirements, dueDay: order.deadline }]
      : [];
  }
  return [];
}
