import type { ProjectStatus } from '../../../shared/projects/model';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '../../../shared/projects/states';

// Plain data (shared/projects/states.ts), so list filters need not load the zod schemas.
export { PROJECT_CATEGORIES, PROJECT_STATUSES };

export function isProjectStatus(value: string): value is ProjectStatus {
  return (PROJECT_STATUSES as readonly string[]).includes(value);
}

