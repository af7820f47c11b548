import * as z from 'zod';
import type { Role } from '../roles';
import type { HolderType } from './holder';

/**
 * What evidence the platform takes, as data: each category names the file kinds it accepts, its size
 * limit and who may upload it. The seed lists the materials (滨海 §三(五)7: 项目现场图片、发票等佐证材料;
 * §三(五)9: 自评总结材料、方案、合同、发票和银行付款凭证); the limits are ours.
 *
 * No archive kind (zip, rar, 7z): an archive hides what it holds from the signature check and from the
 * reviewer's browser, and every listed material is a single document or image.
 */

/** File kinds we can recognise by their first bytes (see signature.ts). */
export const FileKind = z.enum(['pdf', 'jpeg', 'png', 'heic', 'docx', 'xlsx', 'ofd']);
export type FileKind = z.infer<typeof FileKind>;

export interface FileKindDefinition {
  label: string;
  /** Accepted declared MIME types; the first is the one downloads are served with. */
  contentTypes: readonly [string, ...string[]];
}

export const FILE_KINDS: Record<FileKind, FileKindDefinition> = {
  pdf: { label: 'PDF', contentTypes: ['application/pdf'] },
  jpeg: { label: 'JPEG 图片', contentTypes: ['image/jpeg'] },
  png: { label: 'PNG 图片', contentTypes: ['image/png'] },
  heic: { label: 'HEIC 图片', contentTypes: ['image/heic', 'image/heif'] },
  docx: { label: 'Word 文档（.docx）', contentTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] },
  // Statistical returns and financial statements are kept as workbooks.
  xlsx: { label: 'Excel 表格（.xlsx）', contentTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  // GB/T 33190-2016 版式文档: the format of China's fully digital e-invoices (全电发票) besides PDF.
  ofd: { label: 'OFD 版式文件', contentTypes: ['application/ofd'] },
};

/** The kind a declared MIME type names (parameters such as `; charset=` ignored), if any. */
export function kindOfContentType(contentType: string): FileKind | undefined {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return FileKind.options.find((kind) => FILE_KINDS[kind].contentTypes.includes(bare));
}

export const EvidenceCategory = z.enum([
  'site_photo',
  'invoice',
  'contract',
  'payment_voucher',
  'self_evaluation',
  'plan',
  'business_licence',
  'agreement',
  'acceptance_report',
  // money by source (issue 13): the finance bureau's payment and repayment vouchers, the bureau's 收回/扣减 decision
  'fund_voucher',
  'fund_decision',
  // a provider's registration materials (002 §三(一)2(2)) and rectification report (§三(一)2(4))
  'provider_application',
  'financial_statement',
  'qualification',
  'case_study',
  'expert_resume',
  'service_commitment',
  'rectification_report',
  // a reported indicator value's data source (000 主要指标表: 责任单位报送)
  'statistical_source',
  // a pilot SME's diagnosis (004 §五(一)3) and maturity assessment report (004 §四(二)10)
  'diagnosis_report',
  'maturity_report',
  'other',
]);
export type EvidenceCategory = z.infer<typeof EvidenceCategory>;

export interface CategoryDefinition {
  label: string;
  kinds: readonly FileKind[];
  maxBytes: number;
  /** What may hold it: a project, a provider of the pool, a reported indicator value. */
  holders: readonly HolderType[];
  /** Roles that may upload it (each also within its scope for the holder). */
  uploaders: readonly Role[];
  /** An invoice is declared with its number, so one invoice claimed twice can be found. */
  invoiceNumber: boolean;
  /**
   * Still taken by a project that is accepted or terminated: money moves after a project closes (the
   * remainder after acceptance, 滨海 §三(五)10; 收回 after termination, 003 §三(三)), with its vouchers.
   */
  afterClosing?: true;
}

const MiB = 1024 * 1024;
const PROJECT = ['project'] as const;
const PROVIDER = ['provider'] as const;
const IMAGES = ['jpeg', 'png'] as const;
// Scanned multi-page documents (contracts, reports) reach tens of megabytes at 300 dpi.
const DOCUMENT_MAX = 100 * MiB;

export const EVIDENCE_CATEGORIES: Record<EvidenceCategory, CategoryDefinition> = {
  // 滨海 §三(五)7 现场图片; §三(五)8: officials photograph what they find on spot checks
  // 004 §四(二)10: the assessor checks on site, too
  site_photo: { label: '现场图片', kinds: [...IMAGES, 'heic'], holders: ['project', 'sme'], maxBytes: 30 * MiB, uploaders: ['enterprise', 'bureau', 'operator', 'assessor'], invoiceNumber: false },
  invoice: { label: '发票', kinds: ['pdf', ...IMAGES, 'ofd'], holders: PROJECT, maxBytes: 10 * MiB, uploaders: ['enterprise'], invoiceNumber: true },
  contract: { label: '合同', kinds: ['pdf'], holders: PROJECT, maxBytes: DOCUMENT_MAX, uploaders: ['enterprise'], invoiceNumber: false },
  payment_voucher: { label: '银行付款凭证', kinds: ['pdf', ...IMAGES], holders: PROJECT, maxBytes: 10 * MiB, uploaders: ['enterprise'], invoiceNumber: false },
  self_evaluation: { label: '自评总结', kinds: ['pdf', 'docx'], holders: PROJECT, maxBytes: DOCUMENT_MAX, uploaders: ['enterprise'], invoiceNumber: false },
  // 004 §四(一)4 "一企一策"定制化解决方案: an SME's own plan as well as a project's
  plan: { label: '实施方案', kinds: ['pdf', 'docx'], holders: ['project', 'sme'], maxBytes: DOCUMENT_MAX, uploaders: ['enterprise'], invoiceNumber: false },
  business_licence: { label: '营业执照', kinds: ['pdf', ...IMAGES], holders: ['project', 'provider'], maxBytes: 10 * MiB, uploaders: ['enterprise', 'provider'], invoiceNumber: false },
  // 滨海 §三(五)5 项目任务书, signed and uploaded by the enterprise
  agreement: { label: '项目任务书', kinds: ['pdf'], holders: PROJECT, maxBytes: DOCUMENT_MAX, uploaders: ['enterprise'], invoiceNumber: false },
  // 滨海 §三(五)9: 综合管理服务商组织开展项目验收 … 区工业和信息化局根据项目验收报告审定
  acceptance_report: { label: '验收报告', kinds: ['pdf'], holders: PROJECT, maxBytes: DOCUMENT_MAX, uploaders: ['operator', 'bureau'], invoiceNumber: false },
  // 003 §二(五) 单独核算: every entry of a pilot's ledger carries its voucher — the finance bureau's own
  fund_voucher: { label: '资金拨付/缴回凭证', kinds: ['pdf', ...IMAGES, 'ofd'], holders: PROJECT, maxBytes: 10 * MiB, uploaders: ['finance'], invoiceNumber: false, afterClosing: true },
  // 003 §三(三) 扣减或收回奖补资金; 滨海 §三(五)8: the bureau's decision document
  fund_decision: { label: '收回/扣减资金决定', kinds: ['pdf', 'ofd'], holders: PROJECT, maxBytes: DOCUMENT_MAX, uploaders: ['bureau'], invoiceNumber: false, afterClosing: true },
  // 002 §三(一)2(2) 申报注册需提供的材料; §三(一)2(4) 整改
  provider_application: { label: '服务商申报书', kinds: ['pdf', 'docx'], holders: PROVIDER, maxBytes: DOCUMENT_MAX, uploaders: ['provider'], invoiceNumber: false },
  financial_statement: { label: '财务报表', kinds: ['pdf', 'xlsx', ...IMAGES], holders: PROVIDER, maxBytes: 20 * MiB, uploaders: ['provider'], invoiceNumber: false },
  qualification: { label: '资质证明材料', kinds: ['pdf', ...IMAGES], holders: PROVIDER, maxBytes: 20 * MiB, uploaders: ['provider'], invoiceNumber: false },
  case_study: { label: '实施案例及证明材料', kinds: ['pdf', 'docx', ...IMAGES], holders: PROVIDER, maxBytes: DOCUMENT_MAX, uploaders: ['provider'], invoiceNumber: false },
  expert_resume: { label: '专家简历', kinds: ['pdf', 'docx'], holders: PROVIDER, maxBytes: 20 * MiB, uploaders: ['provider'], invoiceNumber: false },
  service_commitment: { label: '本地化服务承诺', kinds: ['pdf', ...IMAGES], holders: PROVIDER, maxBytes: 10 * MiB, uploaders: ['provider'], invoiceNumber: false },
  rectification_report: { label: '整改报告', kinds: ['pdf', 'docx', ...IMAGES], holders: PROVIDER, maxBytes: DOCUMENT_MAX, uploaders: ['provider'], invoiceNumber: false },
  // 000 主要指标表: the unit responsible for a figure hands in its source (统计报表、台账)
  statistical_source: { label: '数据来源佐证材料', kinds: ['pdf', 'xlsx', ...IMAGES], holders: ['indicator'], maxBytes: 50 * MiB, uploaders: ['data_unit', 'operator'], invoiceNumber: false },
  diagnosis_report: { label: '诊断报告', kinds: ['pdf', 'docx'], holders: ['sme'], maxBytes: DOCUMENT_MAX, uploaders: ['provider'], invoiceNumber: false },
  maturity_report: { label: '数字化水平评测报告', kinds: ['pdf'], holders: ['sme'], maxBytes: DOCUMENT_MAX, uploaders: ['assessor'], invoiceNumber: false },
  other: {
    label: '其他材料',
    kinds: ['pdf', ...IMAGES],
    holders: ['project', 'provider', 'indicator', 'sme'],
    maxBytes: 20 * MiB,
    uploaders: ['enterprise', 'bureau', 'operator', 'provider', 'data_unit', 'assessor'],
    invoiceNumber: false,
  },
};

/** The largest object any category accepts: the ceiling of a declared size before the category is known. */
export const MAX_EVIDENCE_BYTES = Math.max(...Object.values(EVIDENCE_CATEGORIES).map((category) => category.maxBytes));

/** The categories a holder takes, in catalogue order. */
export function categoriesFor(holder: HolderType): EvidenceCategory[] {
  return EvidenceCategory.options.filter((category) => EVIDENCE_CATEGORIES[category].holders.includes(holder));
}

/** "10 MB" style, for messages. */
export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
