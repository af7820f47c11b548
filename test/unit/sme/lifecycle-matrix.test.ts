import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/roles';
import { AuditEvent } from '../../../shared/projects/machine';
import { decideSme } from '../../../shared/sme/decide';
import { SME_ACTIONS, SME_ACTION_NAMES, SME_TERMINAL_STATUSES, type SmeAction } from '../../../shared/sme/lifecycle';
import { SmeFirm, SmeStatus } from '../../../shared/sme/model';
import { expectDomainError } from '../projects/fixtures';
import { POLICY, SME_SAMPLES, smeActor, smeFixtures } from './fixtures';

/** Every SME state × action × role, generated from the table, with in-scope actors. */

const fixtures = smeFixtures();
const STATUSES = SmeStatus.options;

type Outcome = { kind: 'error'; code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION' } | { kind: 'moves'; to: SmeStatus };

function expected(status: SmeStatus, action: SmeAction, role: Role): Outcome {
  const spec: { from: readonly SmeStatus[]; roles: readonly Role[]; to: SmeStatus } = SME_ACTIONS[action];
  if (!spec.roles.includes(role)) return { kind: 'error', code: 'FORBIDDEN' };
  if (!spec.from.includes(status)) return { kind: 'error', code: 'ILLEGAL_TRANSITION' };
  return { kind: 'moves', to: spec.to };
}

/** The accept sample needs a level ≥ 2 assessment, which every `assessed` fixture has. */
const cases = STATUSES.flatMap((status) =>
  SME_ACTION_NAMES.flatMap((action) =>
    ROLES.map((role) => {
      const outcome = expected(status, action, role);
      const description = outcome.kind === 'moves' ? `moves to ${outcome.to}` : `is refused with ${outcome.code}`;
      return { status, action, role, outcome, description };
    }),
  ),
);

describe('the SME lifecycle matrix', () => {
  it('covers every state, every action and every role', () => {
    expect(cases).toHaveLength(STATUSES.length * SME_ACTION_NAMES.length * ROLES.length);
  });

  it.each(cases)('in $status, $action by $role $description', ({ status, action, role, outcome }) => {
    const { firm, now } = fixtures[status];
    const run = () => decideSme(firm, action, SME_SAMPLES[action](), smeActor(role), now, POLICY);
    if (outcome.kind === 'error') {
      const error = expectDomainError(run, outcome.code);
      if (outcome.code === 'ILLEGAL_TRANSITION') expect(error.details).toEqual({ status, action });
      return;
    }
    const decision = run();
    expect(decision.firm.status).toBe(outcome.to);
    expect(decision.firm.version).toBe(firm.version + 1);
    expect(decision.firm.updatedAt).toBe(now.toISOString());
    expect(SmeFirm.safeParse(decision.firm).error).toBeUndefined();
    expect(AuditEvent.parse(decision.event)).toMatchObject({ action, actorRole: role, fromStatus: status, toStatus: outcome.to });
  });

  it.each(SME_TERMINAL_STATUSES)('%s allows no action at all', (status) => {
    expect(SME_ACTION_NAMES.filter((name) => (SME_ACTIONS[name].from as readonly string[]).includes(status))).toEqual([]);
  });
});
