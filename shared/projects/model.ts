import * as z from 'zod';
import { Application } from './application';
import {
  AcceptanceRound,
  Agreement,
  ChangeRequest,
  Closure,
  ExpertPanel,
  FundPlan,
  PreliminaryReview,
  ProgressReport,
  PublicNotice,
  Rectification,
  Selection,
  SpotCheck,
  Tranche,
  Warning,
} from './records';
import { FundOrder, Repayment } from '../funds/model';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from './states';
import { Id, IsoDateTime, Line, Uscc } from './values';

export * from './application';
export * from './records';

/**
 * The key-project aggregate (滨海 §三(五); 武清 §二(一)2): one record per project, carried from the
 * draft application to acceptance. Lists are append-only histories; singletons are absent until the
 * step that creates them. Amounts are 万元.
 */

/** Where a project stands; the transitions between them are the table in lifecycle.ts. */
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

// 滨海 §三(五): 中央财政资金支持项目、市级制造业高质量发展专项资金支持项目、其他支持试点的项目三类
export const ProjectCategory = z.enum(PROJECT_CATEGORIES);
export type ProjectCategory = z.infer<typeof ProjectCategory>;

// 108号 §一: "点"上数字化智能化改造、"线"上产业链供应链协同改造、"面"上园区整体改造
export const DemonstrationType = z.enum(['point', 'line', 'plane']);
export type DemonstrationType = z.infer<typeof DemonstrationType>;

export const Project = z.object({
  id: Id,
  pilotId: Id,
  uscc: Uscc,
  town: Id,
  category: ProjectCategory,
  demonstrationType: DemonstrationType,
  guideId: Id,
  title: Line(120),
  status: ProjectStatus,
  version: z.number().int().min(1),
  application: Application,
  applicationVersion: z.number().int().min(1),
  preliminaryReviews: z.array(PreliminaryReview),
  experts: ExpertPanel.optional(),
  selection: Selection.optional(),
  publicNotice: PublicNotice.optional(),
  agreement: Agreement.optional(),
  fundPlan: FundPlan.optional(),
  tranches: z.array(Tranche),
  /** 收回 / 扣减 orders and the repayments against them (issue 13); absent until the first */
  fundOrders: z.array(FundOrder).optional(),
  repayments: z.array(Repayment).optional(),
  progressReports: z.array(ProgressReport),
  spotChecks: z.array(SpotCheck),
  warnings: z.array(Warning),
  changeRequests: z.array(ChangeRequest),
  acceptanceRounds: z.array(AcceptanceRound),
  rectifications: z.array(Rectification),
  closure: Closure.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** The latest submission; absent while the project has only ever been the enterprise's draft. */
  submittedAt: IsoDateTime.optional(),
});
export type Project = z.infer<typeof Project>;
