import { describe, expect, it } from 'vitest';
import { lastDayOfMonth, smeDueDays, smeObligationChanges } from '../../shared/obligations/sme-lifecycle';
import { createEnrolment, decideSme } from '../../shared/sme/decide';
import { SME_ACTION_NAMES } from '../../shared/sme/lifecycle';
import { ENROLMENT, REGISTERED, smeActor, smeFixtures } from './sme/fixtures';

/** 004 §五(二)–(三): each batch's transformation and acceptance windows, 「改完一批，验收一批」. */
const fixtures = smeFixtures();

describe('a pilot SME’s batch deadlines', () => {
  it('fall on the last day of each window’s last month', () => {
    expect(['2025-02', '2024-02', '2025-08', '2025-12', '2026-06'].map(lastDayOfMonth)).toEqual(['2025-02-28', '2024-02-29', '2025-08-31', '2025-12-31', '2026-06-30']);
    expect(smeDueDays({ batch: 1 })).toEqual({ sme_transformation: '2025-08-31', sme_acceptance: '2025-09-30' });
    expect(smeDueDays({ batch: 2 })).toEqual({ sme_transformation: '2026-06-30', sme_acceptance: '2026-07-31' });
  });

  it('open with the enrolment: the firm owes its transformation, the bureau its acceptance', () => {
    const decision = createEnrolment(ENROLMENT, smeActor('bureau'), new Date('2024-12-01T02:00:00Z'), 'sme-1', REGISTERED);
    const changes = smeObligationChanges(decision.firm, decision.event);
    expect(changes.open).toEqual([
      expect.objectContaining({ id: 'sme-1:sme_transformation:B1', subjectType: 'sme', subjectId: 'sme-1', dueDay: '2025-08-31', responsible: 'enterprise', uscc: ENROLMENT.uscc, town: ENROLMENT.town, status: 'open' }),
      expect.objectContaining({ id: 'sme-1:sme_acceptance:B1', dueDay: '2025-09-30', responsible: 'bureau', pilotId: ENROLMENT.pilotId }),
    ]);
  });

  it('open only the windows still ahead for a firm enrolled late', () => {
    const late = createEnrolment(ENROLMENT, smeActor('bureau'), new Date('2025-09-10T02:00:00Z'), 'sme-late', REGISTERED);
    expect(smeObligationChanges(late.firm, late.event).open.map((obligation) => obligation.kind)).toEqual(['sme_acceptance']);
    const later = createEnrolment(ENROLMENT, smeActor('bureau'), new Date('2025-10-10T02:00:00Z'), 'sme-later', REGISTERED);
    expect(smeObligationChanges(later.firm, later.event).open).toEqual([]);
  });

  it('are fulfilled by the completed transformation and by the acceptance, and cancelled by a withdrawal', () => {
    const completed = decideSme(fixtures.transforming.firm, 'complete_transformation', { summary: '完成', evidenceIds: ['e'] }, smeActor('enterprise'), new Date('2025-05-01T02:00:00Z'));
    expect(smeObligationChanges(completed.firm, completed.event)).toEqual({ open: [], fulfil: [{ id: 'sme-1:sme_transformation:B1', subjectType: 'sme', subjectId: 'sme-1' }] });
    const accepted = decideSme(fixtures.assessed.firm, 'accept', {}, smeActor('bureau'), new Date('2025-06-01T02:00:00Z'));
    expect(smeObligationChanges(accepted.firm, accepted.event).fulfil.map((item) => item.id)).toEqual(['sme-1:sme_acceptance:B1']);
    const withdrawn = decideSme(fixtures.diagnosed.firm, 'withdraw', { reason: '经营调整' }, smeActor('enterprise'), new Date('2025-01-08T02:00:00Z'));
    expect(smeObligationChanges(withdrawn.firm, withdrawn.event).cancelOpen).toEqual({ kinds: ['sme_transformation', 'sme_acceptance'], reason: '企业已退出试点' });
  });

  it('are left alone by every other step', () => {
    const touching = new Set(['complete_transformation', 'accept', 'withdraw']);
    for (const action of SME_ACTION_NAMES.filter((name) => !touching.has(name))) {
      const event = { action, actorSubject: 's', actorRole: 'bureau' as const, fromStatus: 'enrolled', toStatus: 'enrolled', at: '2025-04-01T00:00:00.000Z', summary: '' };
      expect(smeObligationChanges(fixtures.enrolled.firm, event), action).toEqual({ open: [], fulfil: [] });
    }
  });
});
