/**
 * A project's states and categories as plain data, with no runtime import: the zod enums in
 * model.ts are built from these lists, and the web app's list filters read them without loading
 * the schemas.
 */

/** Where a project stands, in lifecycle order; the transitions between them are the table in lifecycle.ts. */
export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'recommended',
  'expert_review',
  'public_notice',
  'agreement_pending',
  'agreement_signed',
  'in_progress',
  'acceptance_requested',
  'formally_reviewed',
  'assessed',
  'rectification',
  'accepted',
  'not_selected',
  'terminated',
  'withdrawn',
] as const;

/** 滨海 §三(五): the funding a project applies under. */
export const PROJECT_CATEGORIES = ['central_fund', 'municipal_fund', 'other'] as const;
