import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../../../shared/projects/machine';
import { decideProvider } from '../../../shared/providers/decide';
import { PROVIDER_ACTIONS, PROVIDER_ACTION_NAMES, PROVIDER_TERMINAL_STATUSES, type ProviderAction } from '../../../shared/providers/lifecycle';
import { Provider, ProviderStatus } from '../../../shared/providers/model';
import { ROLES, type Role } from '../../../shared/roles';
import { expectDomainError } from '../projects/fixtures';
import { act, actor, providerFixtures, SAMPLES } from './fixtures';

/** Every pool state × action × role, generated from the table, with in-scope actors. */
const fixtures = providerFixtures();
const STATUSES = ProviderStatus.options;

type Outcome = { kind: 'error'; code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'NOT_FOUND' } | { kind: 'moves'; to: ProviderStatus };

/** Roles the route admits but whose scope never covers a provider's full record. */
const IN_SCOPE: readonly Role[] = ['provider', 'bureau', 'operator', 'supervisor'];

function expected(status: ProviderStatus, action: ProviderAction, role: Role): Outcome {
  const spec: { from: readonly ProviderStatus[]; roles: readonly Role[]; to?: ProviderStatus } = PROVIDER_ACTIONS[action];
  if (!spec.roles.includes(role)) return { kind: 'error', code: 'FORBIDDEN' };
  if (!IN_SCOPE.includes(role)) return { kind: 'error', code: 'NOT_FOUND' };
  if (!spec.from.includes(status)) return { kind: 'error', code: 'ILLEGAL_TRANSITION' };
  return { kind: 'moves', to: spec.to ?? status };
}

const cases = STATUSES.flatMap((status) =>
  PROVIDER_ACTION_NAMES.flatMap((action) =>
    ROLES.map((role) => {
      const outcome = expected(status, action, role);
      const description = outcome.kind === 'moves' ? `leads to ${outcome.to}` : `is refused with ${outcome.code}`;
      return { status, action, role, outcome, description };
    }),
  ),
);

describe('the provider pool lifecycle matrix', () => {
  it('covers every state, every action and every role', () => {
    expect(cases).toHaveLength(STATUSES.length * PROVIDER_ACTION_NAMES.length * ROLES.length);
  });

  it.each(cases)('in $status, $action by $role $description', ({ status, action, role, outcome }) => {
    const fixture = fixtures[status];
    // accept_rectification needs the provider's report first (its own precondition, tested elsewhere).
    const provider = action === 'accept_rectification' && status === 'rectifying' ? act(fixture.provider, 'report_rectification', SAMPLES.report_rectification(fixture.provider), actor('provider'), fixture.now) : fixture.provider;
    const run = () => decideProvider(provider, action, SAMPLES[action](provider), actor(role), fixture.now, { project: { id: 'P-1', pilotId: provider.pilotId } });
    if (outcome.kind === 'error') {
      const error = expectDomainError(run, outcome.code);
      if (outcome.code === 'ILLEGAL_TRANSITION') expect(error.details).toEqual({ status, action });
      return;
    }
    const decision = run();
    expect(decision.provider.status).toBe(outcome.to);
    expect(decision.provider.version).toBe(provider.version + 1);
    expect(Provider.safeParse(decision.provider).error).toBeUndefined();
    expect(AuditEvent.parse(decision.event)).toMatchObject({ action, actorRole: role, fromStatus: status, toStatus: outcome.to });
  });

  it.each(PROVIDER_TERMINAL_STATUSES)('%s allows no action at all', (status) => {
    expect(PROVIDER_ACTION_NAMES.filter((name) => (PROVIDER_ACTIONS[name].from as readonly string[]).includes(status))).toEqual([]);
  });
});
