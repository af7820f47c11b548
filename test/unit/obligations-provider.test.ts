import { describe, expect, it } from 'vitest';
import { providerInboxItems } from '../../shared/obligations/notices';
import { providerObligationChanges } from '../../shared/obligations/provider-lifecycle';
import { planObligationWrites } from '../../shared/obligations/reconcile';
import type { Obligation } from '../../shared/obligations/model';
import { decideProvider } from '../../shared/providers/decide';
import { PROVIDER_ACTION_NAMES } from '../../shared/providers/lifecycle';
import type { Provider } from '../../shared/providers/model';
import { actor, PILOT, providerFixtures } from './providers/fixtures';

/**
 * 002 §三(一)2(4): an order to rectify opens the provider's deadline, its report fulfils it, an
 * acceptance fulfils what is still open, an elimination cancels; nothing else touches it.
 */
const fixtures = providerFixtures();
const ordered = fixtures.rectifying.provider;
const rectificationId = ordered.rectifications.at(-1)?.id ?? '';
const dutyId = `${ordered.id}:provider_rectification:${PILOT}.${rectificationId}`;

function changesOf(before: Provider, action: string, input: unknown, role: Parameters<typeof actor>[0], at: string) {
  const decision = decideProvider(before, action, input, actor(role), new Date(at), { project: { id: 'P-1', pilotId: PILOT } });
  return providerObligationChanges(decision.provider, decision.event);
}

describe('a provider’s rectification deadline', () => {
  it('opens with the order, due on the order’s deadline, owed by the provider', () => {
    const changes = changesOf(fixtures.warned.provider, 'order_rectification', { requirements: '补派驻场工程师', deadline: '2025-04-30' }, 'bureau', '2025-03-05T02:00:00Z');
    expect(changes.open).toEqual([
      expect.objectContaining({ id: dutyId, kind: 'provider_rectification', subjectType: 'provider', subjectId: ordered.id, pilotId: PILOT, dueDay: '2025-04-30', responsible: 'provider', status: 'open' }),
    ]);
    expect(changes.fulfil).toEqual([]);
  });

  it('is fulfilled by the report, and by an acceptance should it still be open', () => {
    const reported = changesOf(ordered, 'report_rectification', { summary: '已补派', evidenceIds: ['ev-1'] }, 'provider', '2025-04-20T02:00:00Z');
    expect(reported).toEqual({ open: [], fulfil: [{ id: dutyId, subjectType: 'provider', subjectId: ordered.id }] });
    const withReport = decideProvider(ordered, 'report_rectification', { summary: '已补派', evidenceIds: ['ev-1'] }, actor('provider'), new Date('2025-04-20T02:00:00Z')).provider;
    expect(changesOf(withReport, 'accept_rectification', {}, 'bureau', '2025-04-25T02:00:00Z').fulfil.map((item) => item.id)).toEqual([dutyId]);
  });

  it('is cancelled by an elimination, and only its own pool’s', () => {
    const changes = changesOf(ordered, 'eliminate', { reason: '整改不到位' }, 'bureau', '2025-04-25T02:00:00Z');
    expect(changes.cancelOpen).toEqual({ kinds: ['provider_rectification'], reason: '服务商已淘汰出库' });
  });

  it('is left alone by every other step', () => {
    const touching = new Set(['order_rectification', 'report_rectification', 'accept_rectification', 'eliminate']);
    for (const action of PROVIDER_ACTION_NAMES.filter((name) => !touching.has(name))) {
      const event = { action, actorSubject: 's', actorRole: 'bureau' as const, fromStatus: 'admitted', toStatus: 'admitted', at: '2025-04-01T00:00:00.000Z', summary: '' };
      expect(providerObligationChanges(ordered, event), action).toEqual({ open: [], fulfil: [] });
    }
  });

  it('closes late as fulfilled and keeps its miss; a missed one is not cancelled by an elimination', () => {
    const missed: Obligation = { ...changesOf(fixtures.warned.provider, 'order_rectification', { requirements: 'x', deadline: '2025-04-30' }, 'bureau', '2025-03-05T02:00:00Z').open[0]!, status: 'missed', missedAt: '2025-05-01T01:00:00.000Z' };
    const late = planObligationWrites({ open: [], fulfil: [{ id: dutyId, subjectType: 'provider', subjectId: ordered.id }] }, new Map([[dutyId, missed]]), [], '2025-05-03T02:00:00.000Z');
    expect(late.close).toEqual([{ obligation: missed, expected: 'missed', to: 'fulfilled' }]);
    const eliminated = planObligationWrites({ open: [], fulfil: [], cancelOpen: { kinds: ['provider_rectification'], reason: 'r' } }, new Map(), [], '2025-05-03T02:00:00.000Z');
    expect(eliminated).toEqual({ create: [], close: [] });
  });
});

describe('what a pool decision tells the provider', () => {
  it('sends the bureau’s warning and its order to rectify, with the deadline, to the provider’s inbox', () => {
    const warned = decideProvider(fixtures.admitted.provider, 'issue_warning', { reason: '服务项目进度滞后' }, actor('bureau'), new Date('2025-03-01T02:00:00Z'));
    expect(providerInboxItems(warned.provider, warned.event)).toEqual([
      expect.objectContaining({ recipient: `PROVIDER#${ordered.id}`, kind: 'warning', title: '服务商警示', message: '服务项目进度滞后', pilotId: PILOT, createdAt: '2025-03-01T02:00:00.000Z' }),
    ]);
    const order = decideProvider(fixtures.warned.provider, 'order_rectification', { requirements: '补派驻场工程师', deadline: '2025-04-30' }, actor('bureau'), new Date('2025-03-05T02:00:00Z'));
    expect(providerInboxItems(order.provider, order.event)).toEqual([
      expect.objectContaining({ kind: 'reminder', title: '责令限期整改（2025-04-30 前报送）', message: '补派驻场工程师', dueDay: '2025-04-30' }),
    ]);
  });

  it('sends nothing for the other steps', () => {
    const admitted = decideProvider(fixtures.applied.provider, 'admit', {}, actor('bureau'), new Date('2024-10-20T02:00:00Z'));
    expect(providerInboxItems(admitted.provider, admitted.event)).toEqual([]);
  });
});
