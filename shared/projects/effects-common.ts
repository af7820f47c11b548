import type { z } from 'zod';
import type { EffectContext, EffectResult } from './machine';
import type { ProjectAction, ProjectActions } from './lifecycle';
import type { CentralFundingElsewhere } from '../funds/model';
import type { Project } from './model';

/** What the interpreter hands a project effect besides the record: parameters of the rules. */
export interface ProjectEnv {
  moderationThreshold: number;
  /** 003 §二(二): central funds the enterprise's other projects on the platform hold (read for `select`) */
  centralFundingOnPlatform: readonly CentralFundingElsewhere[];
}

export type ProjectEffect<K extends ProjectAction> = (
  context: EffectContext<Project, z.output<ProjectActions[K]['input']>, ProjectEnv>,
) => EffectResult<Project>;

export type ProjectEffectsFor<K extends ProjectAction> = { readonly [P in K]: ProjectEffect<P> };

/** Replaces the item with the given id in a list, leaving the list itself untouched. */
export function replaceById<T extends { id: string }>(list: readonly T[], id: string, change: (item: T) => T): T[] {
  return list.map((item) => (item.id === id ? change(item) : item));
}

export function openWarnings(project: Project) {
  return project.warnings.filter((warning) => warning.clearedAt === undefined);
}

export function openChangeRequest(project: Project) {
  return project.changeRequests.find((request) => request.decision === undefined);
}

export function formatWan(amount: number): string {
  return `${amount.toFixed(2).replace(/\.?0+$/, '')} 万元`;
}
