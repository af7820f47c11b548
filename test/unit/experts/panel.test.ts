import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import { byField, registerExpert, type Expert } from '../../../shared/experts/model';
import { drawExperts, panelCandidates, panelFromRegistry } from '../../../shared/experts/panel';
import { withUsccCheck } from '../../../shared/uscc';
import { actor, PILOT, USCC } from '../projects/fixtures';

const RELATED = withUsccCheck('91120114MA0RL0001');
const UNIVERSITY = withUsccCheck('12120000401359321');

function expert(account: string, organisationUscc: string, fields: Expert['fields'] = ['intelligent_manufacturing'], pilotId = PILOT): Expert {
  return {
    account, name: `专家${account}`, fields, organisation: '某单位', organisationUscc, title: '高级工程师', phone: '022-12345678',
    pilotId, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'bureau-1',
  };
}

const REGISTRY = [
  expert('e1', UNIVERSITY),
  expert('e2', UNIVERSITY, ['industrial_software']),
  expert('e3', USCC),
  expert('e4', RELATED),
  expert('e5', UNIVERSITY),
  expert('elsewhere', UNIVERSITY, ['intelligent_manufacturing'], 'other-pilot'),
];
const PROJECT = { uscc: USCC, pilotId: PILOT, experts: undefined };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('registering an expert', () => {
  it('lets the bureau of the pilot register an expert with a valid organisation code', () => {
    const input = { account: 'zj01', name: '郑工', fields: ['industrial_internet'], organisation: '天津大学', organisationUscc: UNIVERSITY, title: '教授', phone: '022-27400000' };
    expect(registerExpert(actor('bureau'), PILOT, input, new Date('2025-01-02T00:00:00Z'))).toMatchObject({ ...input, pilotId: PILOT, registeredBy: 'bureau-1' });
  });

  it('refuses other roles, another pilot and an invalid organisation code', () => {
    const input = { account: 'zj01', name: '郑工', fields: ['industrial_internet'], organisation: '天津大学', organisationUscc: UNIVERSITY, title: '教授', phone: '022-27400000' };
    expect(refusal(() => registerExpert(actor('operator'), PILOT, input, new Date())).code).toBe('FORBIDDEN');
    expect(refusal(() => registerExpert(actor('bureau'), 'other-pilot', input, new Date())).code).toBe('NOT_FOUND');
    expect(refusal(() => registerExpert(actor('bureau'), PILOT, { ...input, organisationUscc: '91120114MA0RL0002' }, new Date())).issues[0]?.path).toBe('organisationUscc');
  });

  it('filters the registry by field', () => {
    expect(byField(REGISTRY, 'industrial_software').map((row) => row.account)).toEqual(['e2']);
  });
});

describe('who may sit on a panel', () => {
  it('excludes experts of the applicant and of its declared related parties before anyone declares', () => {
    const candidates = panelCandidates(REGISTRY, PROJECT, [RELATED]);
    expect(candidates.eligible.map((row) => row.account)).toEqual(['e1', 'e2', 'e5']);
    expect(candidates.excluded.map((row) => [row.expert.account, row.reason])).toEqual([['e3', 'applicant'], ['e4', 'related_party']]);
  });

  it('narrows the candidates to one field and leaves out experts already seated', () => {
    const seated = { ...PROJECT, experts: { rubric: [{ id: 'c', name: '技术', weight: 100 }], assignments: [{ subject: 'e1', name: '专家e1', assignedAt: '2025-03-10T02:00:00Z' }] } };
    expect(panelCandidates(REGISTRY, seated, [RELATED], 'intelligent_manufacturing').eligible.map((row) => row.account)).toEqual(['e5']);
  });
});

describe('a panel request checked against the registry', () => {
  it('refuses an account the registry does not hold, beside its row', () => {
    const error = refusal(() => panelFromRegistry({ experts: [{ subject: 'e1', name: 'x' }, { subject: 'made-up', name: '假专家' }] }, REGISTRY, PROJECT, []));
    expect(error.code).toBe('EXPERT_NOT_REGISTERED');
    expect(error.issues).toEqual([{ path: 'experts.1.subject', message: expect.any(String) }]);
  });

  it('refuses an expert registered in another pilot', () => {
    expect(refusal(() => panelFromRegistry({ experts: [{ subject: 'elsewhere', name: 'x' }] }, REGISTRY, PROJECT, [])).code).toBe('EXPERT_NOT_REGISTERED');
  });

  it('refuses an expert who must step aside', () => {
    expect(refusal(() => panelFromRegistry({ experts: [{ subject: 'e4', name: 'x' }] }, REGISTRY, PROJECT, [RELATED])).code).toBe('EXPERT_MUST_RECUSE');
  });

  it('takes the registered name, whatever name the request typed', () => {
    expect(panelFromRegistry({ experts: [{ subject: 'e1', name: '随便写的' }] }, REGISTRY, PROJECT, []).experts).toEqual([{ subject: 'e1', name: '专家e1' }]);
  });

  it('records a draw with the candidates it came from, and the same seed draws the same panel again', () => {
    const drawn = drawExperts(['e1', 'e2', 'e5'], 2, 'seed-2025-03-10');
    const input = { experts: drawn.map((subject) => ({ subject, name: subject })), draw: { seed: 'seed-2025-03-10', count: 2 } };
    const resolved = panelFromRegistry(input, REGISTRY, PROJECT, [RELATED]);
    expect(resolved.draw).toEqual({ seed: 'seed-2025-03-10', count: 2, candidates: ['e1', 'e2', 'e5'], drawn });
    expect(drawExperts(['e5', 'e2', 'e1'], 2, 'seed-2025-03-10')).toEqual(drawn);
  });

  it('refuses a panel that is not what its seed draws', () => {
    const drawn = drawExperts(['e1', 'e2', 'e5'], 2, 'seed-2025-03-10');
    const other = ['e1', 'e2', 'e5'].filter((account) => !drawn.includes(account));
    const input = { experts: [...other, drawn[0] ?? ''].map((subject) => ({ subject, name: subject })), draw: { seed: 'seed-2025-03-10', count: 2 } };
    expect(refusal(() => panelFromRegistry(input, REGISTRY, PROJECT, [RELATED])).code).toBe('EXPERT_DRAW_MISMATCH');
  });
});
