import * as z from 'zod';
import { DomainError, type FieldIssue } from '../errors';
import type { Project } from '../projects/model';
import { drawSpotChecks } from '../projects/spot-check';
import { ExpertField, type Expert } from './model';

/**
 * Panels come from the registry only (issue 14 §2). Before anyone declares, an expert whose
 * organisation is the applicant or one of its declared related parties is left out (回避, 滨海
 * §三(五)4 independent review); the rest are the eligible candidates, optionally of one field. A
 * random draw (专家随机抽取) is the spot-check draw over the eligible accounts: the same seed and the
 * same candidates give the same panel, so the recorded draw can be re-run by anyone.
 */

export type ExclusionReason = 'applicant' | 'related_party';

export interface PanelCandidates {
  eligible: Expert[];
  excluded: Array<{ expert: Expert; reason: ExclusionReason }>;
}

export function exclusionOf(expert: Expert, project: Pick<Project, 'uscc'>, relatedParties: readonly string[]): ExclusionReason | undefined {
  if (expert.organisationUscc === project.uscc) return 'applicant';
  if (relatedParties.includes(expert.organisationUscc)) return 'related_party';
  return undefined;
}

/** The registry of the project's pilot split into who may sit on its panel and who is excluded, and why. */
export function panelCandidates(registry: readonly Expert[], project: Pick<Project, 'uscc' | 'pilotId' | 'experts'>, relatedParties: readonly string[], field?: ExpertField): PanelCandidates {
  const seated = new Set(project.experts?.assignments.map((assignment) => assignment.subject) ?? []);
  const result: PanelCandidates = { eligible: [], excluded: [] };
  const ordered = [...registry].sort((a, b) => a.account.localeCompare(b.account));
  for (const expert of ordered) {
    if (expert.pilotId !== project.pilotId || seated.has(expert.account)) continue;
    if (field && !expert.fields.includes(field)) continue;
    const reason = exclusionOf(expert, project, relatedParties);
    if (reason) result.excluded.push({ expert, reason });
    else result.eligible.push(expert);
  }
  return result;
}

/** A random draw as the bureau asks for it; `candidates` is filled by the server, never trusted from the request. */
export const ExpertDrawRequest = z.strictObject({
  seed: z.string().trim().min(8).max(128),
  count: z.number().int().min(1).max(25),
  field: ExpertField.optional(),
});
export type ExpertDrawRequest = z.infer<typeof ExpertDrawRequest>;

export const ExpertDraw = ExpertDrawRequest.extend({ candidates: z.array(z.string()).max(2000), drawn: z.array(z.string()).max(25) });
export type ExpertDraw = z.infer<typeof ExpertDraw>;

/** The accounts a seed draws from the eligible candidates, in draw order. */
export function drawExperts(candidates: readonly string[], count: number, seed: string): string[] {
  return drawSpotChecks(candidates, count, seed);
}

interface PanelInput {
  experts: Array<{ subject: string; name: string }>;
  draw?: ExpertDrawRequest | ExpertDraw | undefined;
}

/**
 * Checks a panel request against the registry and returns it with each expert's registered name
 * and, for a draw, the candidates it was drawn from. An account the registry does not hold, or an
 * excluded expert, is refused beside its row; a drawn panel must be exactly what the seed draws.
 */
export function panelFromRegistry<T extends PanelInput>(input: T, registry: readonly Expert[], project: Pick<Project, 'uscc' | 'pilotId' | 'experts'>, relatedParties: readonly string[]): T {
  const inPilot = new Map(registry.filter((expert) => expert.pilotId === project.pilotId).map((expert) => [expert.account, expert]));
  const unknown: FieldIssue[] = [];
  const conflicted: FieldIssue[] = [];
  input.experts.forEach((row, index) => {
    const expert = inPilot.get(row.subject);
    if (!expert) unknown.push({ path: `experts.${index}.subject`, message: '该账号不在专家库中' });
    else if (exclusionOf(expert, project, relatedParties)) conflicted.push({ path: `experts.${index}.subject`, message: '该专家所在单位为申报单位或其关联方，须回避' });
  });
  if (unknown.length > 0) throw new DomainError('EXPERT_NOT_REGISTERED', { issues: unknown });
  if (conflicted.length > 0) throw new DomainError('EXPERT_MUST_RECUSE', { issues: conflicted });
  const experts = input.experts.map((row) => ({ subject: row.subject, name: inPilot.get(row.subject)?.name ?? row.name }));
  if (!input.draw) return { ...input, experts };
  const { seed, count, field } = input.draw;
  const candidates = panelCandidates(registry, project, relatedParties, field).eligible.map((expert) => expert.account);
  const drawn = drawExperts(candidates, count, seed);
  const asked = experts.map((expert) => expert.subject);
  if (drawn.length !== asked.length || drawn.some((account, index) => asked[index] !== account)) {
    throw new DomainError('EXPERT_DRAW_MISMATCH', { details: { drawn } });
  }
  return { ...input, experts, draw: { seed, count, ...(field ? { field } : {}), candidates, drawn } };
}
