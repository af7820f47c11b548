import * as z from 'zod';
import type { ActionSpec } from '../projects/machine';
import { Id, IsoDateTime, Subject } from '../projects/values';
import { Figures, SaveValueInput } from './figures';
import { Period } from './period';
import { publishedText } from '../validation';

/**
 * A reported indicator value: one record per pilot, indicator and period. The data unit responsible
 * (000 主要指标: 区统计局、区发展改革委、区工业和信息化局 …) or the operator, who tracks the main indicators
 * for the bureau (000 §二(一)1 主要数据指标跟踪管理), drafts and submits it; the bureau approves or returns
 * it, and may lock an approved period. Every change is kept as a history entry beside the record.
 */
export const ValueStatus = z.enum(['draft', 'submitted', 'approved', 'returned', 'locked']);
export type ValueStatus = z.infer<typeof ValueStatus>;

export const VALUE_STATUS_LABELS: Record<ValueStatus, string> = {
  draft: '草稿',
  submitted: '已报送（待审核）',
  approved: '已审核通过',
  returned: '已退回修改',
  locked: '已锁定',
};

export const ApprovedFigures = Figures.extend({ approvedAt: IsoDateTime, by: Subject });
export type ApprovedFigures = z.infer<typeof ApprovedFigures>;

export const ValueReview = z.object({
  outcome: z.enum(['approved', 'returned']),
  comments: z.string(),
  at: IsoDateTime,
  by: Subject,
});
export type ValueReview = z.infer<typeof ValueReview>;

export const ReportedValue = z.object({
  pilotId: Id,
  code: Id,
  period: Period,
  /** the unit responsible at the time of the last change, copied from the indicator definition */
  responsibleUnit: z.string().optional(),
  unit: z.string(),
  status: ValueStatus,
  version: z.number().int().min(1),
  /** the figure being drafted or under review */
  working: Figures,
  /** the last approved figure: it stays the published one while a revision is drafted */
  approved: ApprovedFigures.optional(),
  reviews: z.array(ValueReview),
  lockedAt: IsoDateTime.optional(),
  lockedBy: Subject.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReportedValue = z.infer<typeof ReportedValue>;

const Comments = z.strictObject({ comments: publishedText({ min: 1, max: 2000, multiline: true }) });
const OptionalComments = z.strictObject({ comments: publishedText({ max: 2000, multiline: true }).default('') }).default({ comments: '' });
const NoInput = z.strictObject({}).default({});

export const VALUE_ACTIONS = {
  // The responsible unit drafts, and may revise an approved value until the bureau locks the period.
  save: { label: '填报指标值', from: ['draft', 'returned', 'approved'], roles: ['data_unit', 'operator'], input: SaveValueInput, to: 'draft' },
  submit: { label: '报送审核', from: ['draft'], roles: ['data_unit', 'operator'], input: NoInput, to: 'submitted' },
  approve: { label: '审核通过', from: ['submitted'], roles: ['bureau'], input: OptionalComments, to: 'approved' },
  return: { label: '退回修改', from: ['submitted'], roles: ['bureau'], input: Comments, to: 'returned' },
  lock: { label: '锁定统计期', from: ['approved'], roles: ['bureau'], input: NoInput, to: 'locked' },
} as const satisfies Record<string, ActionSpec<ValueStatus>>;

export type ValueActions = typeof VALUE_ACTIONS;
export type ValueAction = keyof ValueActions;
export const VALUE_ACTION_NAMES = Object.keys(VALUE_ACTIONS) as ValueAction[];

/** One entry of a value's history: what changed, by whom, and the figure as it stood after. */
export const ValueHistoryEntry = z.object({
  version: z.number().int(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  at: IsoDateTime,
  actorSubject: z.string(),
  actorRole: z.string(),
  summary: z.string(),
  figures: Figures,
});
export type ValueHistoryEntry = z.infer<typeof ValueHistoryEntry>;

/** The HTTP shapes: every change names the version it was made from (0 for the first draft). */
export const ValuePath = z.object({ pilotId: Id, code: Id, period: Period, action: z.string().min(1).max(20) });
export const ValueActionRequest = z.strictObject({ expectedVersion: z.number().int().min(0), input: z.unknown().optional() });
