import { zhCN, type MessageKey } from './zh-CN';

/**
 * The web app's one translation function. Only zh-CN exists today; a second locale would be another
 * catalogue of the same keys chosen here.
 */
export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

const catalogue: Readonly<Record<MessageKey, string>> = zhCN;

export function t(key: MessageKey, params?: MessageParams): string {
  const template = catalogue[key];
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** Families of keys named `<prefix>.<value>`, for labels of codes that arrive as data (roles, statuses …). */
export type LabelFamily =
  | 'role'
  | 'status'
  | 'category'
  | 'demonstrationType'
  | 'pilotKind'
  | 'direction'
  | 'enterprise.scale'
  | 'error'
  | 'action'
  | 'field'
  | 'trancheKind'
  | 'spotCheckOutcome'
  | 'warningCategory'
  | 'changeKind'
  | 'assessConclusion'
  | 'budgetKind'
  | 'evidenceCategory'
  | 'inboxKind'
  | 'obligationKind'
  | 'obligationStatus'
  | 'indicatorStatus'
  | 'riskReason'
  | 'valueStatus'
  | 'valueAction'
  | 'providerKind'
  | 'providerStatus'
  | 'providerAction'
  | 'providerField'
  | 'productKind'
  | 'smeStatus'
  | 'smeAction'
  | 'channel'
  | 'robotKind';

/** The label of a code from data; an unknown code is shown as it came rather than hidden. */
export function label(family: LabelFamily, value: string): string {
  const key = `${family}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** Several labels joined with the Chinese list separator (、). */
export function labels(family: LabelFamily, values: readonly string[]): string {
  return values.map((value) => label(family, value)).join(t('common.listSeparator'));
}
