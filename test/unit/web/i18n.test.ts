import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PilotKind } from '../../../shared/pilots/model';
import { DemonstrationType, ProjectCategory, ProjectStatus } from '../../../shared/projects/model';
import { STATUS_LABELS } from '../../../shared/projects/lifecycle';
import { ERROR_CATALOGUE } from '../../../shared/errors';
import { EnterpriseScale } from '../../../shared/enterprises/model';
import { ROLE_LABELS, ROLES } from '../../../shared/roles';
import { hasMessage, label, labels, t } from '../../../web/src/lib/i18n';
import { zhCN } from '../../../web/src/lib/i18n/zh-CN';
import { PROJECT_STATUSES } from '../../../web/src/lib/projects';

const WEB_SRC = join(import.meta.dirname, '../../../web/src');
const CATALOGUE_FILE = join(WEB_SRC, 'lib/i18n/zh-CN.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** Code without its comments: comments may quote the seeds in Chinese. */
function withoutComments(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const keys = Object.keys(zhCN);
const sources = sourceFiles(WEB_SRC).filter((path) => path !== CATALOGUE_FILE);
const allCode = sources.map((path) => withoutComments(readFileSync(path, 'utf8'))).join('\n');

describe('the zh-CN message catalogue', () => {
  it('has a non-empty message for every key', () => {
    for (const key of keys) expect(zhCN[key as keyof typeof zhCN].trim(), key).not.toBe('');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(t('common.updatedAt', { time: '2025年6月30日' })).toBe('数据更新时间：2025年6月30日');
    expect(t('app.pageTitle', {})).toBe('{page} - 试点通 PilotOps');
  });

  it('labels coded values and shows an unknown code as it came', () => {
    expect(label('status', 'in_progress')).toBe('实施中');
    expect(label('status', 'brand_new_state')).toBe('brand_new_state');
    expect(labels('role', ['bureau', 'expert'])).toBe('区工业和信息化局、专家');
  });

  it('labels every role and project state exactly as shared/ does', () => {
    for (const role of ROLES) expect(t(`role.${role}` as never), role).toBe(ROLE_LABELS[role]);
    for (const status of ProjectStatus.options) expect(t(`status.${status}` as never), status).toBe(STATUS_LABELS[status]);
  });

  it('words each error it knows as shared/ERROR_CATALOGUE does (the API’s own message is shown first)', () => {
    const known = Object.entries(ERROR_CATALOGUE).filter(([code]) => hasMessage(`error.${code}`));
    for (const [code, entry] of known) expect(t(`error.${code}` as never), code).toBe(entry.message);
    // The codes behind the pages built so far must have a fallback text of their own.
    for (const code of ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS', 'STALE_VERSION', 'ILLEGAL_TRANSITION']) {
      expect(hasMessage(`error.${code}`), code).toBe(true);
    }
  });

  it('covers every code of the enums it labels', () => {
    const families: Array<[string, readonly string[]]> = [
      ['pilotKind', PilotKind.options],
      ['category', ProjectCategory.options],
      ['demonstrationType', DemonstrationType.options],
      ['enterprise.scale', EnterpriseScale.options],
    ];
    for (const [family, values] of families) {
      for (const value of values) expect(hasMessage(`${family}.${value}`), `${family}.${value}`).toBe(true);
    }
  });

  it('lists the project states in the same order as shared ProjectStatus', () => {
    expect([...PROJECT_STATUSES]).toEqual(ProjectStatus.options);
  });

  it('has no key that the app never uses', () => {
    // Keys used through label() are reached by their family prefix.
    const families = [
      'role.', 'status.', 'category.', 'demonstrationType.', 'pilotKind.', 'direction.', 'enterprise.scale.', 'error.',
      'action.', 'field.', 'trancheKind.', 'spotCheckOutcome.', 'warningCategory.', 'changeKind.', 'assessConclusion.', 'budgetKind.', 'evidenceCategory.',
      'inboxKind.', 'obligationKind.', 'obligationStatus.', 'indicatorStatus.', 'riskReason.', 'valueStatus.', 'valueAction.',
      'providerKind.', 'providerStatus.', 'providerAction.', 'providerField.', 'productKind.',
      'smeStatus.', 'smeAction.', 'channel.', 'robotKind.',
    ];
    const unused = keys.filter((key) => !families.some((prefix) => key.startsWith(prefix)) && !allCode.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('is the only place in web/src with Chinese text', () => {
    const han = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    const offenders = sources.filter((path) => han.test(withoutComments(readFileSync(path, 'utf8')))).map((path) => relative(WEB_SRC, path));
    expect(offenders).toEqual([]);
  });
});
