import * as z from 'zod';
import { ProjectCategory, ProjectStatus } from './model';
import { Id } from './values';

/** The HTTP shapes of the project routes; the domain validates each action's own input. */
export const ProjectPath = z.object({ projectId: Id });

export const ActionPath = z.object({ projectId: Id, action: z.string().min(1).max(40) });

/** Every change names the version it was made from; a newer stored version answers STALE_VERSION. */
export const ActionRequest = z.strictObject({
  expectedVersion: z.number().int().positive(),
  input: z.unknown().optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const ProjectListQuery = z.object({
  pilotId: z.string().min(1).max(40).optional(),
  status: ProjectStatus.optional(),
  town: z.string().min(1).max(40).optional(),
  category: ProjectCategory.optional(),
  cursor: z.string().max(2000).optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
