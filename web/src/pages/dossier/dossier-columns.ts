import type { DossierItem } from '../../../../shared/enterprises/dossier';
import { formatDateTime } from '../../lib/format';
import { label, t } from '../../lib/i18n';

/**
 * Columns of the dossier's lists. Items arrive as stored records without a fixed shape per type
 * (shared/enterprises/dossier.ts), so each column reads the first of a few attribute names.
 */
export interface DossierColumn {
  header: string;
  value: (item: DossierItem) => string;
}

function pick(item: DossierItem, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = item[name];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

const text = (...names: string[]) => (item: DossierItem) => pick(item, ...names) ?? t('common.none');
const time = (...names: string[]) => (item: DossierItem) => formatDateTime(pick(item, ...names));
const labelled = (family: 'status' | 'role', ...names: string[]) => (item: DossierItem) => {
  const value = pick(item, ...names);
  return value === undefined ? t('common.none') : label(family, value);
};

/** Which of the enterprise's projects or SME files a piece of evidence belongs to (shared/evidence/holders.ts). */
function holderOf(item: DossierItem): string {
  const holder = item.holder as { projectId?: unknown; firmId?: unknown } | undefined;
  const id = holder?.projectId ?? holder?.firmId ?? item.projectId;
  return typeof id === 'string' && id.length > 0 ? id : t('common.none');
}

export const DOSSIER_COLUMNS = {
  projects: [
    { header: t('dossier.col.id'), value: text('id', 'projectId') },
    { header: t('dossier.col.title'), value: text('title', 'name') },
    { header: t('dossier.col.status'), value: labelled('status', 'status') },
    { header: t('dossier.col.at'), value: time('updatedAt', 'createdAt') },
  ],
  applicationVersions: [
    { header: t('dossier.col.project'), value: text('projectId', 'id') },
    { header: t('dossier.col.version'), value: text('applicationVersion', 'version') },
    { header: t('dossier.col.at'), value: time('submittedAt', 'at', 'createdAt') },
  ],
  evidence: [
    { header: t('dossier.col.id'), value: text('evidenceId', 'id') },
    { header: t('dossier.col.fileName'), value: text('fileName', 'name', 'title') },
    { header: t('dossier.col.kind'), value: text('kind', 'category') },
    { header: t('dossier.col.project'), value: holderOf },
    { header: t('dossier.col.at'), value: time('uploadedAt', 'at', 'createdAt') },
  ],
  auditTrail: [
    { header: t('dossier.col.at'), value: time('at') },
    { header: t('dossier.col.action'), value: text('summary', 'action') },
    { header: t('dossier.col.actor'), value: labelled('role', 'actorRole') },
    { header: t('dossier.col.status'), value: labelled('status', 'toStatus') },
    { header: t('dossier.col.project'), value: text('projectId') },
  ],
  smeFirms: [
    { header: t('dossier.col.id'), value: text('id', 'firmId') },
    { header: t('dossier.col.title'), value: text('name', 'title') },
    { header: t('dossier.col.kind'), value: text('batch', 'kind') },
    { header: t('dossier.col.at'), value: time('updatedAt', 'enrolledAt', 'createdAt') },
  ],
  evidenceFlags: [
    { header: t('dossier.col.kind'), value: (item) => (item.kind === 'same_invoice' ? t('dossier.flag.sameInvoice') : t('dossier.flag.sameFile')) },
    { header: t('dossier.col.project'), value: text('projectId') },
    { header: t('dossier.col.id'), value: text('evidenceId') },
    { header: t('dossier.col.at'), value: time('raisedAt') },
  ],
  warnings: [
    { header: t('dossier.col.kind'), value: text('kind', 'category') },
    { header: t('dossier.col.summary'), value: text('summary', 'reason', 'title') },
    { header: t('dossier.col.project'), value: text('projectId') },
    { header: t('dossier.col.at'), value: time('raisedAt', 'issuedAt', 'at', 'createdAt') },
  ],
} satisfies Record<string, DossierColumn[]>;
