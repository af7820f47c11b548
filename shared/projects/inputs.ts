import * as z from 'zod';
import { ExpertDraw } from '../experts/panel';
import {
  AcceptanceMaterials,
  ChangeDetails,
  CriterionScore,
  DemonstrationType,
  ProjectCategory,
  Rubric,
  TrancheKind,
  Application,
  WarningCategory,
} from './model';
import { CentralFundingElsewhere, Funding, SupportSource, fundingMatches } from '../funds/model';
import { publishedText } from '../validation';
import { EvidenceId, Id, IsoDate, IsoDateTime, Line, PositiveWan, Subject, Text, Wan } from './values';

/** The input of each project action: what a form or an API body carries. Objects are strict. */

export const NoInput = z.strictObject({}).default({});

export const Reason = z.strictObject({ reason: Text(2000) });

export const Comments = z.strictObject({ comments: Text(2000) });

export const OptionalComments = z.strictObject({ comments: publishedText({ max: 2000, multiline: true }).default('') }).default({ comments: '' });

export const CreateDraftInput = z.strictObject({
  pilotId: Id,
  guideId: Id,
  /** optional: the town is the enterprise's registration in the pilot; a different one is refused */
  town: Id.optional(),
  title: Line(120),
  category: ProjectCategory,
  demonstrationType: DemonstrationType,
  application: Application.optional(),
});
export type CreateDraftInput = z.infer<typeof CreateDraftInput>;

export const RecommendInput = z.strictObject({
  recommendation: Text(2000),
  comments: publishedText({ max: 2000, multiline: true }).default(''),
});

export const ExpertRef = z.strictObject({ subject: Subject, name: Line(50) });

const uniqueSubjects = (experts: readonly { subject: string }[]) =>
  new Set(experts.map((expert) => expert.subject)).size === experts.length;

/**
 * A panel drawn at random names its seed (issue 14 §2); the server adds the candidates it drew from
 * and what the seed drew (shared/experts/panel.ts `panelFromRegistry`) before the step is decided.
 */
const PanelDraw = ExpertDraw.partial({ candidates: true, drawn: true });

export const AssignExpertsInput = z.strictObject({
  rubric: Rubric,
  experts: z.array(ExpertRef).min(1).max(25).refine(uniqueSubjects, { error: '专家重复' }),
  draw: PanelDraw.optional(),
});

export const AddExpertsInput = z.strictObject({
  experts: z.array(ExpertRef).min(1).max(25).refine(uniqueSubjects, { error: '专家重复' }),
  draw: PanelDraw.optional(),
});

export const DeclareConflictInput = z
  .strictObject({ hasConflict: z.boolean(), statement: publishedText({ max: 2000, multiline: true }).default('') })
  .refine((input) => !input.hasConflict || input.statement.length > 0, {
    error: '存在利益冲突时须说明情况',
    path: ['statement'],
  });

export const SubmitScoreInput = z.strictObject({
  scores: z.array(CriterionScore).min(1).max(20),
  comments: Text(4000),
});

export const SelectInput = z
  .strictObject({
    approvedAmountWan: PositiveWan,
    noticeDays: z.number().int().min(1).max(30),
    comments: publishedText({ max: 2000, multiline: true }).default(''),
    /** the approved amount by source (003 §二(五)); without it, the project category's source */
    funding: Funding.optional(),
    /** 003 §二(二): central funds the enterprise declared it holds in another programme */
    centralFundingElsewhere: z.array(CentralFundingElsewhere).max(20).default([]),
  })
  .refine((input) => input.funding === undefined || fundingMatches(input.funding, input.approvedAmountWan), {
    error: '各资金来源之和须等于支持金额',
    path: ['funding'],
  });

export const RecordObjectionInput = z.strictObject({ text: Text(4000), receivedAt: IsoDateTime.optional() });

export const AnswerObjectionInput = z.strictObject({ objectionId: Id, answer: Text(4000) });

export const ConfirmSelectionInput = z.strictObject({ signingWindowDays: z.number().int().min(1).max(90) });

export const SignAgreementInput = z.strictObject({ agreementEvidenceId: EvidenceId });

export const IssueFundPlanInput = z.strictObject({ meetingRef: Line(100), preAllocationWan: Wan });

export const ReportProgressInput = z.strictObject({
  period: z.string().regex(/^\d{4}Q[1-4]$/, { error: '季度格式应为 2025Q3' }),
  summary: Text(4000),
  percentComplete: z.number().min(0).max(100),
  investedWan: Wan,
  evidenceIds: z.array(EvidenceId).max(200).default([]),
});

export const RecordTrancheInput = z.strictObject({
  kind: TrancheKind,
  amountWan: PositiveWan,
  reference: publishedText({ max: 100 }).optional(),
  /** the approved line it pays; may be left out when the approval has one source */
  source: SupportSource.optional(),
  voucherEvidenceIds: z.array(EvidenceId).max(20).default([]),
});

export const RecordSpotCheckInput = z.strictObject({
  checkedOn: IsoDate,
  inspectors: z.array(Line(50)).min(1).max(10),
  outcome: z.enum(['conforming', 'issues_found']),
  findings: Text(4000),
  drawSeed: publishedText({ max: 100 }).optional(),
  evidenceIds: z.array(EvidenceId).max(200).default([]),
});

export const IssueWarningInput = z.strictObject({ category: WarningCategory, reason: Text(2000) });

export const ClearWarningInput = z.strictObject({ warningId: Id, note: Text(2000) });

export const RequestChangeInput = z.strictObject({ reason: Text(2000), details: ChangeDetails });

export const DecideChangeInput = z.strictObject({ changeRequestId: Id, comments: Text(2000) });

export const RequestAcceptanceInput = z.strictObject({ summary: Text(4000), materials: AcceptanceMaterials });

export const AssessInput = z.strictObject({
  conclusion: z.enum(['pass', 'fail']),
  summary: Text(4000),
  reportEvidenceId: EvidenceId,
  indicatorResults: z.array(z.strictObject({ name: Line(100), achieved: z.number().finite() })).max(50).default([]),
});

export const OrderRectificationInput = z.strictObject({ deadline: IsoDate, reasons: Text(4000) });
