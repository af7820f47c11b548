import { DomainError } from '../errors';
import type { Principal } from '../roles';
import { supervisesPilot } from '../scope';
import type { ProjectCategory, ProjectStatus } from './model';
import type { ProjectListQuery } from './requests';

/**
 * Which list a caller reads. Each is one key query (no Scan): an enterprise's own projects, an
 * expert's assignments, or the projects waiting in one status of one pilot (a town: in its area).
 * Without a status, each office sees the stage it acts on next (滨海 §三(五) steps 3, 4, 9, 10).
 */
export type Queue =
  | { kind: 'enterprise'; uscc: string }
  | { kind: 'expert'; subject: string }
  | { kind: 'status'; pilotId: string; status: ProjectStatus; town?: string; category?: ProjectCategory };

const DEFAULT_STATUS = {
  town: 'submitted',
  bureau: 'recommended',
  operator: 'formally_reviewed',
  finance: 'in_progress',
  supervisor: 'in_progress',
} as const satisfies Partial<Record<Principal['roles'][number], ProjectStatus>>;

export function queueFor(actor: Principal, query: ProjectListQuery): Queue {
  const roles = actor.roles;
  if (roles.includes('enterprise') && actor.uscc) return { kind: 'enterprise', uscc: actor.uscc };
  if (roles.includes('expert')) return { kind: 'expert', subject: actor.subject };
  const office = (['town', 'bureau', 'operator', 'finance', 'supervisor'] as const).find((role) => roles.includes(role));
  if (!office) throw new DomainError('FORBIDDEN');
  // An official works in one pilot; only a supervisor picks any.
  const pilotId = office === 'supervisor' ? query.pilotId : actor.pilot;
  if (!pilotId) throw new DomainError('VALIDATION_FAILED', { issues: [{ path: 'pilotId', message: '请选择试点' }] });
  if (query.pilotId !== undefined && query.pilotId !== pilotId) throw new DomainError('NOT_FOUND');
  // A supervisor names a pilot, and only one it supervises (shared/scope.ts).
  if (office === 'supervisor' && !supervisesPilot(actor, pilotId)) throw new DomainError('NOT_FOUND');
  const queue: Queue = { kind: 'status', pilotId, status: query.status ?? DEFAULT_STATUS[office] };
  if (office === 'town') {
    if (!actor.town) throw new DomainError('FORBIDDEN');
    queue.town = actor.town;
  } else if (query.town) {
    queue.town = query.town;
  }
  if (query.category) queue.category = query.category;
  return queue;
}
