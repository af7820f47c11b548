import type { ProjectCategory, ProjectStatus } from '../../../shared/projects/model';

/**
 * The project states in lifecycle order, as plain data so list filters need not load the zod
 * schemas; a unit test keeps this equal to shared ProjectStatus.options.
 */
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
] as const satisfies readonly ProjectStatus[];

export function isProjectStatus(value: string): value is ProjectStatus {
  return (PROJECT_STATUSES as readonly string[]).includes(value);
}

/** The project categories (滨海 §三(五)), as plain data for the list filter; a unit test keeps this equal to shared. */
export const PROJECT_CATEGORIES = ['central_fund', 'municipal_fund', 'other'] as const satisfies readonly ProjectCategory[];
