import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { queueFor } from '../../../shared/projects/queues';
import type { Principal } from '../../../shared/roles';

const who = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({ subject: 's', name: 's', roles, ...extra });

describe('which list each caller reads', () => {
  it('gives an enterprise its own projects and an expert its assignments, whatever the query', () => {
    expect(queueFor(who(['enterprise'], { uscc: 'U' }), { pilotId: 'x', status: 'accepted' })).toEqual({ kind: 'enterprise', uscc: 'U' });
    expect(queueFor(who(['expert'], { pilot: 'p' }), {})).toEqual({ kind: 'expert', subject: 's' });
  });

  it('gives each office the stage it acts on next by default', () => {
    expect(queueFor(who(['town'], { pilot: 'p', town: 't' }), {})).toEqual({ kind: 'status', pilotId: 'p', status: 'submitted', town: 't' });
    expect(queueFor(who(['bureau'], { pilot: 'p' }), {})).toEqual({ kind: 'status', pilotId: 'p', status: 'recommended' });
    expect(queueFor(who(['operator'], { pilot: 'p' }), {})).toEqual({ kind: 'status', pilotId: 'p', status: 'formally_reviewed' });
    expect(queueFor(who(['finance'], { pilot: 'p' }), {})).toEqual({ kind: 'status', pilotId: 'p', status: 'in_progress' });
  });

  it('keeps a town to its own area and lets the bureau filter by town and category', () => {
    expect(queueFor(who(['town'], { pilot: 'p', town: 't' }), { town: 'other', status: 'acceptance_requested' })).toEqual({ kind: 'status', pilotId: 'p', status: 'acceptance_requested', town: 't' });
    expect(queueFor(who(['bureau'], { pilot: 'p' }), { town: 't2', category: 'municipal_fund', status: 'in_progress' })).toEqual({
      kind: 'status', pilotId: 'p', status: 'in_progress', town: 't2', category: 'municipal_fund',
    });
  });

  it("answers another pilot's queue as not found, and makes a supervisor choose a pilot", () => {
    expect(() => queueFor(who(['bureau'], { pilot: 'p' }), { pilotId: 'q' })).toThrow(DomainError);
    expect(() => queueFor(who(['supervisor']), {})).toThrow(/提交的内容/);
    expect(queueFor({ ...who(['supervisor']), supervision: { level: 'ministry' } }, { pilotId: 'q' })).toEqual({ kind: 'status', pilotId: 'q', status: 'in_progress' });
    // A province's supervisor reads only the pilots of its province; without a supervision claim, none.
    expect(() => queueFor({ ...who(['supervisor']), supervision: { level: 'province', province: '120000', pilotIds: ['p'] } }, { pilotId: 'q' })).toThrow(/未找到/);
    expect(() => queueFor(who(['supervisor']), { pilotId: 'q' })).toThrow(/未找到/);
  });

  it('refuses roles that have no project list', () => {
    expect(() => queueFor(who(['provider']), {})).toThrow(DomainError);
  });
});
