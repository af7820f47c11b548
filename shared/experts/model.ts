import * as z from 'zod';
import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { Uscc } from '../uscc';
import { parseInput } from '../validation';

/**
 * The bureau's expert registry (专家库): the only source of review panels (滨海 §三(五)4:
 * 区工业和信息化局牵头……对项目进行评审). One registry per pilot; an expert is named by the account
 * they sign in with, so a panel can only ever hold people the bureau registered.
 */

/** Fields of expertise a panel is filtered by; labels live in the web catalogue (`expertField.*`). */
export const EXPERT_FIELDS = [
  'intelligent_manufacturing',
  'industrial_internet',
  'industrial_software',
  'automation_equipment',
  'energy_environment',
  'finance_investment',
  'management',
] as const;
export const ExpertField = z.enum(EXPERT_FIELDS);
export type ExpertField = z.infer<typeof ExpertField>;

/** A sign-in account name (the principal's `sub` locally; a Cognito username in the cloud). */
export const ExpertAccount = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.@+-]+$/, { error: '账号只能包含字母、数字及 _ . @ + -' });

export const RegisterExpertInput = z.strictObject({
  account: ExpertAccount,
  name: z.string().trim().min(1).max(50),
  fields: z.array(ExpertField).min(1).max(EXPERT_FIELDS.length).refine((fields) => new Set(fields).size === fields.length, { error: '专业领域重复' }),
  organisation: z.string().trim().min(2).max(100),
  organisationUscc: Uscc,
  title: z.string().trim().min(1).max(50),
  phone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/, { error: '电话号码格式不正确' }),
  email: z.email().optional(),
});
export type RegisterExpertInput = z.infer<typeof RegisterExpertInput>;

export const Expert = RegisterExpertInput.extend({
  pilotId: z.string(),
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
});
export type Expert = z.infer<typeof Expert>;

export const ExpertListQuery = z.object({ field: ExpertField.optional() });
export type ExpertListQuery = z.infer<typeof ExpertListQuery>;

/** Who keeps the registry: the bureau of the pilot (滨海 §三(五)4). */
export function registerExpert(actor: Principal, pilotId: string, input: unknown, now: Date): Expert {
  if (!actor.roles.includes('bureau')) throw new DomainError('FORBIDDEN');
  if (actor.pilot !== pilotId) throw new DomainError('NOT_FOUND');
  const parsed = parseInput(RegisterExpertInput, input);
  return { ...parsed, pilotId, registeredAt: now.toISOString(), registeredBy: actor.subject };
}

/** Who reads a pilot's registry: its bureau and operator, and the supervisor of every pilot. */
export function assertReadsRegistry(actor: Principal, pilotId: string): void {
  const inPilot = actor.pilot === pilotId && actor.roles.some((role) => role === 'bureau' || role === 'operator');
  if (!inPilot && !actor.roles.includes('supervisor')) throw new DomainError('NOT_FOUND');
}

export function byField(experts: readonly Expert[], field: ExpertField | undefined): Expert[] {
  const matching = field ? experts.filter((expert) => expert.fields.includes(field)) : [...experts];
  return matching.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.account.localeCompare(b.account));
}
