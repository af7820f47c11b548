import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { assertGuideAllows, publishGuide, type Guide } from '../../shared/guides/model';
import type { Principal } from '../../shared/roles';

const bureau: Principal = { subject: 'b', name: 'b', roles: ['bureau'], pilot: 'p1' };
const input = {
  id: 'g1', title: '申报指南', directions: '方向', conditions: '条件', categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-02-01', closesOn: '2025-03-31',
};
const guide: Guide = { ...input, categories: ['central_fund'], demonstrationTypes: ['point'], pilotId: 'p1', publishedAt: '2025-01-01T00:00:00.000Z', publishedBy: 'b' };
const application = { pilotId: 'p1', category: 'central_fund', demonstrationType: 'point' } as const;

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? `${error.code}:${error.issues[0]?.path ?? String(error.details?.reason)}` : 'other';
  }
}

describe('application guides (申报指南)', () => {
  it('are published by the bureau of their own pilot only', () => {
    expect(publishGuide(bureau, 'p1', input, new Date('2025-01-10T00:00:00Z'))).toMatchObject({ id: 'g1', pilotId: 'p1', publishedBy: 'b' });
    const now = new Date('2025-01-10T00:00:00Z');
    expect(codeOf(() => publishGuide({ ...bureau, roles: ['town'] }, 'p1', input, now))).toBe('FORBIDDEN:undefined');
    expect(codeOf(() => publishGuide(bureau, 'p2', input, now))).toBe('NOT_FOUND:undefined');
    expect(codeOf(() => publishGuide(bureau, 'p1', { ...input, closesOn: '2025-01-01' }, now))).toBe('VALIDATION_FAILED:closesOn');
  });

  it('take applications on every Beijing day of the window, both ends included', () => {
    // 2025-01-31T16:00Z is already 2025-02-01 in Beijing.
    expect(codeOf(() => assertGuideAllows(guide, application, 'create_draft', new Date('2025-01-31T16:00:00Z')))).toBeUndefined();
    expect(codeOf(() => assertGuideAllows(guide, application, 'submit', new Date('2025-03-31T15:59:59Z')))).toBeUndefined();
    expect(codeOf(() => assertGuideAllows(guide, application, 'submit', new Date('2025-03-31T16:00:00Z')))).toBe('PRECONDITION_FAILED:guide_closed');
    expect(codeOf(() => assertGuideAllows(guide, application, 'create_draft', new Date('2025-01-31T15:59:59Z')))).toBe('PRECONDITION_FAILED:guide_closed');
  });

  it('refuse another pilot, another category or another demonstration type, and a missing guide', () => {
    const at = new Date('2025-02-10T00:00:00Z');
    expect(codeOf(() => assertGuideAllows(guide, { ...application, pilotId: 'p2' }, 'create_draft', at))).toBe('VALIDATION_FAILED:guideId');
    expect(codeOf(() => assertGuideAllows(undefined, application, 'create_draft', at))).toBe('VALIDATION_FAILED:guideId');
    expect(codeOf(() => assertGuideAllows(guide, { ...application, category: 'other' }, 'create_draft', at))).toBe('VALIDATION_FAILED:category');
    expect(codeOf(() => assertGuideAllows(guide, { ...application, demonstrationType: 'line' }, 'create_draft', at))).toBe('VALIDATION_FAILED:demonstrationType');
  });

  it('do not govern steps after submission', () => {
    expect(codeOf(() => assertGuideAllows(undefined, application, 'request_acceptance', new Date('2030-01-01T00:00:00Z')))).toBeUndefined();
  });
});
