import type { ApplicationStep } from '../../lib/project/application';

/** The title of each step of the application form. */
export const STEP_KEYS = {
  plan: 'apply.step.plan',
  milestones: 'apply.step.milestones',
  budget: 'apply.step.budget',
  indicators: 'apply.step.indicators',
  materials: 'apply.step.materials',
  review: 'apply.step.review',
} as const satisfies Record<ApplicationStep, string>;
