import type { AuditEvent } from '../projects/machine';
import type { Provider } from '../providers/model';
import type { ObligationChanges } from './lifecycle';
import { obligationId } from './model';
import { providerRectification, providerRectificationPeriod } from './periods';

/**
 * The provider pool's deadline (002 §三(一)2(4) 对表现不佳的服务商可以采取相应措施进行整改或淘汰): an order
 * to rectify opens the provider's duty to report by its deadline; the report fulfils it (late still
 * closes it, and keeps the miss); an acceptance fulfils it should it still be open; an elimination
 * cancels it. A miss is swept like any other obligation: one warning to the provider and the bureau.
 * Pure; the store writes the result in the decision's own transaction.
 */
const NONE: ObligationChanges = { open: [], fulfil: [] };

function rectificationDuty(provider: Provider, rectificationId: string) {
  return {
    id: obligationId(provider.id, 'provider_rectification', providerRectificationPeriod(provider.pilotId, rectificationId)),
    subjectType: 'provider' as const,
    subjectId: provider.id,
  };
}

export function providerObligationChanges(after: Provider, event: AuditEvent): ObligationChanges {
  const latest = after.rectifications.at(-1);
  switch (event.action) {
    case 'order_rectification':
      if (!latest) return NONE;
      return {
        open: [providerRectification({ providerId: after.id, pilotId: after.pilotId, rectificationId: latest.id, deadline: latest.deadline, openedAt: event.at })],
        fulfil: [],
      };
    case 'report_rectification':
    case 'accept_rectification':
      return latest ? { open: [], fulfil: [rectificationDuty(after, latest.id)] } : NONE;
    case 'eliminate':
      return { open: [], fulfil: [], cancelOpen: { kinds: ['provider_rectification'], reason: '服务商已淘汰出库' } };
    default:
      return NONE;
  }
}
