import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../shared/enterprises/dossier';
import { auditEventFor, obligationFor } from '../../shared/projects/view';
import type { Principal } from '../../shared/roles';
import { actor, expertActor, scoreAll, stateFixtures, USCC } from './projects/fixtures';

const enterprise = { uscc: USCC, name: '企业', industry: '制造业', scale: 'above' as const, contact: { name: '王', phone: '022-12345678' }, registeredAt: '2025-01-01T00:00:00Z', registeredBy: 'x', version: 1, participations: [] };

describe('every read reveals only what the reader may see (issue 12)', () => {
  const review = stateFixtures().expert_review.project;
  const assign = { action: 'assign_experts', actorSubject: 'bureau-1', actorRole: 'bureau' as const, fromStatus: 'recommended', toStatus: 'expert_review', at: '2025-03-10T00:00:00Z', summary: '组织专家评审（3 名专家）', data: { experts: ['expert-1', 'expert-2', 'expert-3'] } };
  const score = { action: 'submit_score', actorSubject: 'expert-2', actorRole: 'expert' as const, fromStatus: 'expert_review', toStatus: 'expert_review', at: '2025-03-11T00:00:00Z', summary: '专家提交评分' };

  it('hides from the enterprise and the town who sits on the panel, in audit events and obligations', () => {
    for (const reader of [actor('enterprise'), actor('town')]) {
      expect(auditEventFor(reader, review, assign).data).toEqual({ expertCount: 3 });
      expect(auditEventFor(reader, review, score).actorSubject).toBeUndefined();
      expect(obligationFor(reader, review, { responsible: 'expert', holders: ['expert-1', 'expert-2'] }).holders).toBeUndefined();
    }
    expect(auditEventFor(actor('bureau'), review, assign)).toEqual(assign);
  });

  it('shows an expert only their own part while the panel sits, and the panel once it closes', () => {
    const own: Principal = expertActor(1);
    expect(auditEventFor(own, review, assign).data).toEqual({ experts: ['expert-1'] });
    expect(auditEventFor(own, review, score).actorSubject).toBeUndefined();
    const closed = { ...scoreAll(review, new Date('2025-03-12T00:00:00Z')), status: 'public_notice' as const };
    expect(auditEventFor(own, closed, score).actorSubject).toBe('expert-2');
  });

  it('shows another pilot’s bureau nothing of this pilot in the dossier', () => {
    const items = [
      { itemType: 'project', ...review },
      { itemType: 'audit', projectId: review.id, ...assign },
      { itemType: 'smeFirm', id: 'sme-x', pilotId: 'sme-pilot', town: 't', uscc: USCC, status: 'enrolled' },
      { itemType: 'audit', firmId: 'sme-x', pilotId: 'sme-pilot', ...score, actorRole: 'bureau' },
    ];
    const foreign = buildDossier({ ...actor('bureau'), pilot: 'sme-pilot' }, enterprise, items);
    expect(foreign.projects).toEqual([]);
    expect(foreign.auditTrail.every((event) => event.firmId === 'sme-x')).toBe(true);
    expect(foreign.smeFirms).toHaveLength(1);
    const own = buildDossier(actor('bureau'), enterprise, items);
    expect(own.projects).toHaveLength(1);
    expect(own.smeFirms).toEqual([]);
    expect(own.auditTrail.map((event) => event.action)).toEqual(['assign_experts']);
  });
});
