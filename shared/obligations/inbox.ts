import * as z from 'zod';
import type { Principal, Role } from '../roles';
import type { Obligation, Warning } from './model';
import { REVIEW_STAGES } from './review-windows';

/**
 * The in-app inbox. An inbox belongs to an office — an enterprise, a town's office in a pilot, the
 * bureau of a pilot, the operator of a pilot, one expert, one provider, the supervisors — not to a
 * person: whoever of the office reads an item reads it for the office, and the unread count is the
 * office's. Items are written in the same transaction as the warning or reminder they carry.
 */
export const InboxKind = z.enum(['warning', 'escalation', 'reminder']);
export type InboxKind = z.infer<typeof InboxKind>;

export const InboxItem = z.object({
  recipient: z.string(),
  /** the warning or reminder the item carries: with `recipient`, unique */
  sourceId: z.string(),
  kind: InboxKind,
  title: z.string(),
  message: z.string(),
  pilotId: z.string(),
  obligationId: z.string().optional(),
  subjectType: z.string().optional(),
  subjectId: z.string().optional(),
  dueDay: z.iso.date().optional(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().optional(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const recipientKeys = {
  enterprise: (uscc: string) => `ENTERPRISE#${uscc}`,
  town: (pilotId: string, town: string) => `TOWN#${pilotId}#${town}`,
  bureau: (pilotId: string) => `BUREAU#${pilotId}`,
  operator: (pilotId: string) => `OPERATOR#${pilotId}`,
  expert: (subject: string) => `EXPERT#${subject}`,
  provider: (providerId: string) => `PROVIDER#${providerId}`,
  supervisor: () => 'SUPERVISOR',
  // Issue 18: every role has an office. Finance and the assessors serve a pilot; a data unit (区统计局,
  // 区发展改革委 …) is the responsible unit its indicators name (000 主要指标表), within its pilot.
  finance: (pilotId: string) => `FINANCE#${pilotId}`,
  dataUnit: (pilotId: string, unit: string) => `DATA_UNIT#${pilotId}#${unit}`,
  assessor: (pilotId: string) => `ASSESSOR#${pilotId}`,
} as const;

/** The offices a principal reads for, one per role that has an inbox and whose scope the token names. */
export function boxesOf(principal: Principal): { role: Role; box: string }[] {
  const boxes: { role: Role; box: string }[] = [];
  for (const role of principal.roles) {
    const box = boxFor(role, principal);
    if (box !== undefined) boxes.push({ role, box });
  }
  return boxes;
}

export function boxFor(role: Role, principal: Principal): string | undefined {
  const { pilot, town, uscc, providerId, dataUnit } = principal;
  switch (role) {
    case 'enterprise':
      return uscc ? recipientKeys.enterprise(uscc) : undefined;
    case 'town':
      return pilot && town ? recipientKeys.town(pilot, town) : undefined;
    case 'bureau':
      return pilot ? recipientKeys.bureau(pilot) : undefined;
    case 'operator':
      return pilot ? recipientKeys.operator(pilot) : undefined;
    case 'expert':
      return recipientKeys.expert(principal.subject);
    case 'provider':
      return providerId ? recipientKeys.provider(providerId) : undefined;
    case 'supervisor':
      return recipientKeys.supervisor();
    case 'finance':
      return pilot ? recipientKeys.finance(pilot) : undefined;
    case 'data_unit':
      return pilot && dataUnit ? recipientKeys.dataUnit(pilot, dataUnit) : undefined;
    case 'assessor':
      return pilot ? recipientKeys.assessor(pilot) : undefined;
  }
}

const unique = (keys: readonly (string | undefined)[]): string[] => [...new Set(keys.filter((key): key is string => key !== undefined))];

/** The office that must act on an obligation. */
export function responsibleBoxes(obligation: Obligation): string[] {
  const { pilotId, uscc, town } = obligation;
  switch (obligation.responsible) {
    case 'enterprise':
      return unique([uscc ? recipientKeys.enterprise(uscc) : undefined]);
    case 'town':
      return unique([town ? recipientKeys.town(pilotId, town) : undefined]);
    case 'bureau':
      return [recipientKeys.bureau(pilotId)];
    case 'operator':
      return [recipientKeys.operator(pilotId)];
    case 'expert':
      return (obligation.holders ?? []).map(recipientKeys.expert);
    case 'provider':
      return [recipientKeys.provider(obligation.subjectId)];
    case 'data_unit':
      return unique([obligation.dataUnit ? recipientKeys.dataUnit(pilotId, obligation.dataUnit) : undefined]);
  }
}

/**
 * Who sees a miss. The enterprise's misses reach the enterprise, its town and the bureau (DOMAIN.md
 * "Timers": 「officials and the enterprise see」); another party's reach it and the bureau, which
 * issues warnings (滨海 §三(五)8); a review stage held too long reaches its holder and the level above
 * (review-windows.ts); the pilot's own self-evaluation reaches the bureau and the supervisors.
 */
export function missRecipients(obligation: Obligation): string[] {
  const { pilotId, town } = obligation;
  const bureau = recipientKeys.bureau(pilotId);
  if (obligation.stage) {
    const above = REVIEW_STAGES[obligation.stage].escalateTo === 'supervisor' ? recipientKeys.supervisor() : bureau;
    return unique([...responsibleBoxes(obligation), above, obligation.stage === 'expert_scoring' ? bureau : undefined]);
  }
  switch (obligation.responsible) {
    case 'enterprise':
      return unique([...responsibleBoxes(obligation), town ? recipientKeys.town(pilotId, town) : undefined, bureau]);
    case 'bureau':
      return unique([bureau, recipientKeys.supervisor()]);
    default:
      return unique([...responsibleBoxes(obligation), bureau]);
  }
}

export function inboxItemsForMiss(obligation: Obligation, warning: Warning): InboxItem[] {
  return missRecipients(obligation).map((recipient) => ({
    recipient,
    sourceId: warning.id,
    kind: warning.severity,
    title: warning.title,
    message: warning.message,
    pilotId: obligation.pilotId,
    obligationId: obligation.id,
    subjectType: obligation.subjectType,
    subjectId: obligation.subjectId,
    dueDay: obligation.dueDay,
    createdAt: warning.raisedAt,
  }));
}

/** The inbox key and sort key of an item: newest first within an office. */
export function inboxSortKey(item: Pick<InboxItem, 'createdAt' | 'sourceId'>): string {
  return `ITEM#${item.createdAt}#${item.sourceId}`;
}

/** The source id back from a sort key (an ISO instant holds no '#'). */
export function sourceIdOfSortKey(sortKey: string): string {
  return sortKey.slice(sortKey.indexOf('#', 'ITEM#'.length) + 1);
}
