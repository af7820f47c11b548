import * as z from 'zod';
import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { roleReaches } from '../scope';
import { parseInput } from '../validation';
import { DemonstrationType, ProjectCategory, type Project } from '../projects/model';
import { beijingDate, Id, IsoDate, Line, Text } from '../projects/values';

/**
 * 申报指南 (滨海 §三(五)1): the bureau publishes, per pilot, what it will fund — directions,
 * conditions, the project categories and demonstration types it accepts — and the window in which
 * applications are taken. An application is created and submitted only while its guide is open.
 */
export const PublishGuideInput = z
  .strictObject({
    id: Id,
    title: Line(200),
    directions: Text(4000),
    conditions: Text(4000),
    categories: z.array(ProjectCategory).min(1),
    demonstrationTypes: z.array(DemonstrationType).min(1),
    opensOn: IsoDate,
    closesOn: IsoDate,
  })
  .refine((guide) => guide.opensOn <= guide.closesOn, { path: ['closesOn'], error: '截止日期不能早于开始日期' });
export type PublishGuideInput = z.infer<typeof PublishGuideInput>;

export const Guide = z.object({
  id: Id,
  pilotId: z.string(),
  title: z.string(),
  directions: z.string(),
  conditions: z.string(),
  categories: z.array(ProjectCategory),
  demonstrationTypes: z.array(DemonstrationType),
  opensOn: IsoDate,
  closesOn: IsoDate,
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});
export type Guide = z.infer<typeof Guide>;

/** Only the bureau of the pilot publishes its guides. */
export function publishGuide(actor: Principal, pilotId: string, input: unknown, now: Date): Guide {
  if (!actor.roles.includes('bureau')) throw new DomainError('FORBIDDEN');
  if (!roleReaches('bureau', actor, { pilotId })) throw new DomainError('NOT_FOUND');
  const data = parseInput(PublishGuideInput, input);
  return { ...data, pilotId, publishedAt: now.toISOString(), publishedBy: actor.subject };
}

/** The actions a guide governs: starting an application and (re)submitting it, both within the window. */
const GOVERNED_ACTIONS = new Set(['create_draft', 'submit']);

export function guideGoverns(action: string): boolean {
  return GOVERNED_ACTIONS.has(action);
}

/**
 * Refuses an application the guide does not take: another pilot's guide, a category or type it does
 * not fund, or a day outside its window (Beijing calendar days, both ends inclusive).
 */
export function assertGuideAllows(
  guide: Guide | undefined,
  application: Pick<Project, 'pilotId' | 'category' | 'demonstrationType'>,
  action: string,
  now: Date,
): void {
  if (!guideGoverns(action)) return;
  if (!guide || guide.pilotId !== application.pilotId) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'guideId', message: '申报指南不存在' }] });
  }
  if (!guide.categories.includes(application.category)) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'category', message: '该申报指南不支持此项目类别' }] });
  }
  if (!guide.demonstrationTypes.includes(application.demonstrationType)) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'demonstrationType', message: '该申报指南不支持此示范类型' }] });
  }
  const today = beijingDate(now);
  if (today < guide.opensOn || today > guide.closesOn) {
    throw new DomainError('PRECONDITION_FAILED', {
      message: `不在申报时间内（${guide.opensOn} 至 ${guide.closesOn}）`,
      details: { reason: 'guide_closed', opensOn: guide.opensOn, closesOn: guide.closesOn },
    });
  }
}
