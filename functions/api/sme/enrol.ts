import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { api } from '../../commons/http';
import { idempotencyClaim, rememberedResponse } from '../../commons/store/idempotency';
import { getPilot } from '../../commons/store/pilots';
import { saveSmeDecision, verifySmeReferences } from '../../commons/store/sme';
import { DomainError } from '../../../shared/errors';
import { firmViewFor } from '../../../shared/evaluation/sme-access';
import { createEnrolment } from '../../../shared/sme/decide';
import { EnrolInput } from '../../../shared/sme/lifecycle';
import { getEnterpriseProfile, getParticipation } from '../../commons/store/enterprises';

/** The registration an enrolment names, read before the full check (createEnrolment validates the whole body). */
const EnrolReference = z.object({ pilotId: EnrolInput.shape.pilotId, uscc: EnrolInput.shape.uscc });

// 004 §四(一)3: 分批次征集试点企业，建立试点企业库 — the bureau or operator enrols a firm into a batch.
export const handler = api('sme/enrol', { body: z.unknown() }, async ({ principal, body, headers, now }) => {
  const claim = idempotencyClaim(principal.subject, headers['idempotency-key'], { route: 'POST /sme-firms', body });
  const remembered = await rememberedResponse(claim);
  if (remembered) return remembered;
  const named = EnrolReference.safeParse(body);
  const registered = named.success
    ? await Promise.all([getParticipation(named.data.uscc, named.data.pilotId), getEnterpriseProfile(named.data.uscc)]).then(([participation, profile]) => ({ participation, name: profile?.name }))
    : { participation: undefined, name: undefined };
  const decision = createEnrolment(body, principal, now, `S${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`, registered);
  if (!(await getPilot(decision.firm.pilotId))) throw new DomainError('NOT_FOUND');
  await verifySmeReferences(decision);
  return saveSmeDecision(undefined, decision, { status: 201, body: firmViewFor(principal, decision.firm) }, claim, now);
});
