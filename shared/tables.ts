/**
 * The one definition of every table and bucket. The CDK data stack and the local bootstrap both read
 * this, so keys, indexes and TTL cannot drift between AWS and DynamoDB Local.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Logical name: the CDK construct id and the suffix of the local physical name. */
  logicalName: string;
  /** The environment variable through which functions learn the physical name. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: IndexDefinition[];
  timeToLiveAttribute?: string;
  purpose: string;
}

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

export const TABLES = {
  /**
   * Pilots, indicators, guides, enterprises, projects and everything that belongs to a project.
   * Every item of an enterprise carries `enterprisePk`, so its whole dossier (一企一档) is one query.
   */
  records: {
    logicalName: 'Records',
    envVar: 'RECORDS_TABLE',
    partitionKey: S('pk'),
    sortKey: S('sk'),
    indexes: [
      { indexName: 'byEnterprise', partitionKey: S('enterprisePk'), sortKey: S('enterpriseSk') },
      { indexName: 'byQueue', partitionKey: S('queuePk'), sortKey: S('queueSk') },
      { indexName: 'byTownQueue', partitionKey: S('townQueuePk'), sortKey: S('queueSk') },
      { indexName: 'byAssignee', partitionKey: S('assigneePk'), sortKey: S('assigneeSk') },
    ],
    purpose: '试点、指标、申报指南、企业、项目及其审核、资金、证据、审计记录',
  },
  /** Dated obligations (reports, visits, windows, deadlines) found by due day, not by scanning. */
  obligations: {
    logicalName: 'Obligations',
    envVar: 'OBLIGATIONS_TABLE',
    partitionKey: S('pk'),
    sortKey: S('sk'),
    // Sparse: only open obligations carry openDueDay, so a sweep reads what is due, nothing else.
    indexes: [{ indexName: 'openByDueDay', partitionKey: S('openDueDay'), sortKey: S('pk') }],
    purpose: '季度报告、走访、年度评估、签约/验收/整改期限等时限义务与警示',
  },
  /** Remembered responses for retried create/submit requests; expire after a day. */
  idempotency: {
    logicalName: 'Idempotency',
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: S('pk'),
    indexes: [],
    timeToLiveAttribute: 'expiresAt',
    purpose: '幂等键与已返回的响应',
  },
  /** Evidence uploads handed out but not yet completed; expired ones are cleaned with their objects. */
  uploads: {
    logicalName: 'Uploads',
    envVar: 'UPLOADS_TABLE',
    partitionKey: S('pk'),
    // Every pending upload sits in the one `pending` partition by its completion deadline, so the
    // cleanup timer queries what is overdue instead of scanning (no role may Scan). Uploads are few
    // and short-lived (hours), far below one partition's throughput.
    indexes: [{ indexName: 'pendingByCompleteBy', partitionKey: S('pending'), sortKey: S('completeBy') }],
    timeToLiveAttribute: 'expiresAt',
    purpose: '未完成的证据上传（预签名）',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;

export interface BucketDefinition {
  logicalName: string;
  envVar: string;
  purpose: string;
}

export const BUCKETS = {
  /** Evidence files: versioned and object-locked in AWS; never public. */
  evidence: { logicalName: 'Evidence', envVar: 'EVIDENCE_BUCKET', purpose: '证据材料（现场图片、发票、合同、付款凭证等）' },
  /** The built web app and the public `/data/` snapshots the dashboards read. */
  site: { logicalName: 'Site', envVar: 'SITE_BUCKET', purpose: '静态网站与公开数据快照 /data/' },
} as const satisfies Record<string, BucketDefinition>;

export type BucketKey = keyof typeof BUCKETS;

/** Prefix of the public snapshots inside the site bucket; also the URL path they are served under. */
export const PUBLIC_DATA_PREFIX = 'data/';
