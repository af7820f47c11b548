import { api } from '../../commons/http';
import { assertEvidenceOfHolder } from '../../commons/store/evidence';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getReportedValue, pilotIndicator, saveValueDecision } from '../../commons/store/indicators';
import { evidenceReferencesIn } from '../../../shared/evidence/references';
import { DomainError } from '../../../shared/errors';
import { authorizeValueAction, decideValue } from '../../../shared/indicators/decide';
import { ValueActionRequest, ValuePath } from '../../../shared/indicators/model';
import { valueViewFor } from '../../../shared/indicators/view';

/**
 * Reported indicator values (shared/indicators/model.ts): the data unit drafts and submits, the
 * bureau approves, returns or locks. Written with its history entry in one transaction conditioned
 * on the version the caller saw (0 before the first draft).
 */
export const handler = api('indicators/act', { path: ValuePath, body: ValueActionRequest }, async ({ principal, path, body, headers, now }) => {
  authorizeValueAction(path.action, principal);
  const route = `POST /pilots/${path.pilotId}/indicators/${path.code}/periods/${path.period}/actions/${path.action}`;
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route, body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  const { pilot, indicator } = await pilotIndicator(path.pilotId, path.code);
  const stored = await getReportedValue(pilot.id, indicator.code, path.period);
  if ((stored?.version ?? 0) !== body.expectedVersion) throw new DomainError('STALE_VERSION', { details: { currentVersion: stored?.version ?? 0 } });
  const decision = decideValue(stored, pilot, indicator, path.period, path.action, body.input ?? {}, principal, now);
  // A figure's sources are files uploaded for this indicator and period (000 主要指标表: 责任单位报送).
  await assertEvidenceOfHolder({ type: 'indicator', pilotId: pilot.id, code: indicator.code, period: path.period }, evidenceReferencesIn(body.input ?? {}));
  return saveValueDecision(stored, decision, { status: stored ? 200 : 201, body: valueViewFor(principal, decision.value) }, claim, now);
});
