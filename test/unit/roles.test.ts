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

describe('another identity provider’s claims', () => {
  it('are read through the deployment’s mapping, its group names turned into our roles', async () => {
    const { claimMappingFrom } = await import('../../shared/claims');
    const mapping = claimMappingFrom(JSON.stringify({ name: 'realName', groups: 'roles', uscc: 'unifiedSocialCreditCode', roleOfGroup: { GXJ: 'bureau', QY: 'enterprise' } }));
    const principal = principalFromClaims({ sub: 'u9', realName: '张三', roles: '[QY other]', unifiedSocialCreditCode: '91120114MA05T8K3XW' }, mapping);
    expect(principal).toEqual({ subject: 'u9', name: '张三', roles: ['enterprise'], uscc: '91120114MA05T8K3XW' });
    // Cognito's names are not read under another mapping.
    expect(principalFromClaims({ sub: 'u9', 'cognito:groups': '[bureau]' }, mapping)?.roles).toEqual([]);
  });

  it('default to Cognito’s, and refuse a mapping to a role that does not exist', async () => {
    const { claimMappingFrom } = await import('../../shared/claims');
    expect(claimMappingFrom(undefined).groups).toBe('cognito:groups');
    expect(() => claimMappingFrom('{"roleOfGroup":{"X":"mayor"}}')).toThrow();
    expect(() => claimMappingFrom('{"group":"roles"}')).toThrow();
  });
});
