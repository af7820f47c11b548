import { describe, expect, it } from 'vitest';
import { parseGroupsClaim, principalFromClaims } from '../../shared/roles';

describe('reading the principal from token claims', () => {
  it('reads groups as API Gateway passes them ("[a b]") and as a real array', () => {
    expect(parseGroupsClaim('[bureau expert]')).toEqual(['bureau', 'expert']);
    expect(parseGroupsClaim(['town'])).toEqual(['town']);
    expect(parseGroupsClaim('enterprise')).toEqual(['enterprise']);
    expect(parseGroupsClaim(undefined)).toEqual([]);
  });

  it('keeps only known roles and the scope attributes present', () => {
    const principal = principalFromClaims({ sub: 'u1', 'cognito:groups': '[town admin]', 'custom:town': 'wq-kfq', 'custom:uscc': '' });
    expect(principal).toEqual({ subject: 'u1', name: 'u1', roles: ['town'], town: 'wq-kfq' });
  });

  it('has no principal without a subject', () => {
    expect(principalFromClaims({ 'cognito:groups': '[bureau]' })).toBeUndefined();
  });
});
