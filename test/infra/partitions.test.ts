import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS, ROLES } from '../../shared/roles';
import { PUBLIC_DATA_PREFIX } from '../../shared/tables';
import { props, resourceOf, synthesize, type Synthesized } from './helpers';

/** CloudFront's managed CachingOptimized policy: long TTLs that honour the origin's Cache-Control. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const OIDC = { oidcIssuer: 'https://auth.example.gov.cn/realms/pilot', oidcAudience: 'pilotops-web,pilotops-admin' };
/** Where the web app signs in at that issuer; needed once there is a web stack. */
const ISSUER_ENDPOINTS = {
  oidcAuthorizeUrl: 'https://auth.example.gov.cn/realms/pilot/protocol/openid-connect/auth',
  oidcTokenUrl: 'https://auth.example.gov.cn/realms/pilot/protocol/openid-connect/token',
};

interface Behaviour {
  PathPattern?: string;
  CachePolicyId: unknown;
  ResponseHeadersPolicyId: unknown;
  ViewerProtocolPolicy: string;
}

describe('partition aws', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({ partition: 'aws' });
  });

  it('requires TOTP MFA and a strong password in a retained user pool that only administrators fill', () => {
    const pool = resourceOf(synth, synth.ops.auth!.userPool);
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(props(pool)).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    });
  });

  it('has one group per role and a custom attribute per scope claim that the app client cannot write', () => {
    const groups = Object.values(synth.resources(synth.ops.auth!, 'AWS::Cognito::UserPoolGroup')).map((group) => props(group).GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());

    const schema = props(resourceOf(synth, synth.ops.auth!.userPool)).Schema as { Name: string; Mutable: boolean }[];
    const scope = [CLAIMS.uscc, CLAIMS.town, CLAIMS.pilot, CLAIMS.providerId, CLAIMS.dataUnit, CLAIMS.supervision];
    for (const claim of scope) expect(schema.map((attribute) => `custom:${attribute.Name}`)).toContain(claim);

    const client = props(resourceOf(synth, synth.ops.auth!.client));
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH']));
    for (const attribute of client.WriteAttributes as string[]) expect(attribute).not.toMatch(/^custom:/);
  });

  it('serves the private site bucket through Origin Access Control with HTTPS only', () => {
    const distribution = props(resourceOf(synth, synth.ops.web!.distribution)).DistributionConfig as Record<string, unknown>;
    const origins = distribution.Origins as { OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity: string } }[];
    expect(origins).toHaveLength(1);
    expect(origins[0]!.OriginAccessControlId).toBeDefined();
    expect(origins[0]!.S3OriginConfig?.OriginAccessIdentity).toBe('');
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('falls back to /index.html for client-side routes and caches /data/, index.html and config.json briefly, hashed assets long', () => {
    const distribution = props(resourceOf(synth, synth.ops.web!.distribution)).DistributionConfig as Record<string, unknown>;
    expect(distribution.CustomErrorResponses).toEqual(
      expect.arrayContaining([403, 404].map((code) => expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' }))),
    );

    const fallback = distribution.DefaultCacheBehavior as Behaviour;
    expect(fallback.CachePolicyId).toBe(CACHING_OPTIMIZED);
    expect(fallback.ViewerProtocolPolicy).toBe('redirect-to-https');

    const behaviours = distribution.CacheBehaviors as Behaviour[];
    const policies = synth.resources(synth.ops.web!, 'AWS::CloudFront::CachePolicy');
    for (const pattern of [`/${PUBLIC_DATA_PREFIX}*`, '/index.html', '/config.json']) {
      const behaviour = behaviours.find((candidate) => candidate.PathPattern === pattern);
      expect(behaviour, pattern).toBeDefined();
      expect(behaviour!.ViewerProtocolPolicy).toBe('redirect-to-https');
      const policyId = (behaviour!.CachePolicyId as { Ref: string }).Ref;
      const config = props(policies[policyId]!).CachePolicyConfig as { DefaultTTL: number; MaxTTL: number };
      expect(config.DefaultTTL).toBeLessThanOrEqual(60);
      expect(config.MaxTTL).toBeLessThanOrEqual(300);
    }
  });

  it('sends CSP, HSTS, no-framing and nosniff headers on every behaviour', () => {
    const [policyId, policy] = Object.entries(synth.resources(synth.ops.web!, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const headers = (props(policy).ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(headers.StrictTransportSecurity!.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    const csp = JSON.stringify(headers.ContentSecurityPolicy!.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");

    const distribution = props(resourceOf(synth, synth.ops.web!.distribution)).DistributionConfig as Record<string, unknown>;
    const behaviours = [distribution.DefaultCacheBehavior, ...(distribution.CacheBehaviors as Behaviour[])] as Behaviour[];
    for (const behaviour of behaviours) expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });
});

describe('partition aws-cn', () => {
  it('creates no user pool and points the authorizer at the OIDC issuer and audience from context', () => {
    const synth = synthesize({ partition: 'aws-cn', ...OIDC });
    expect(synth.ops.auth).toBeUndefined();
    expect(Object.keys(synth.allResources('AWS::Cognito::UserPool'))).toEqual([]);
    const authorizers = Object.values(synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    expect(props(authorizers[0]!)).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: OIDC.oidcIssuer, Audience: ['pilotops-web', 'pilotops-admin'] },
    });
    // CloudFront in China serves only an ICP-recorded alternate domain: no web stack without one.
    expect(synth.ops.web).toBeUndefined();
  });

  it('serves the site on the given ICP domain with an IAM certificate and an origin access identity', () => {
    const synth = synthesize({ partition: 'aws-cn', ...OIDC, ...ISSUER_ENDPOINTS, siteDomainName: 'pilot.example.gov.cn', siteCertificate: 'ASCAEXAMPLECERTID' });
    const distribution = props(resourceOf(synth, synth.ops.web!.distribution)).DistributionConfig as Record<string, unknown>;
    expect(distribution.Aliases).toEqual(['pilot.example.gov.cn']);
    expect(distribution.ViewerCertificate).toMatchObject({ IamCertificateId: 'ASCAEXAMPLECERTID', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    const origin = (distribution.Origins as { S3OriginConfig: { OriginAccessIdentity: unknown }; OriginAccessControlId?: unknown }[])[0]!;
    expect(origin.OriginAccessControlId).toBeUndefined();
    expect(JSON.stringify(origin.S3OriginConfig.OriginAccessIdentity)).toContain('origin-access-identity/cloudfront/');
  });

  it('refuses to synthesize without an OIDC issuer', () => {
    expect(() => synthesize({ partition: 'aws-cn' })).toThrow(/oidcIssuer/);
  });

  it("hands every API function the issuer's claim mapping, checked at synth", () => {
    const mapping = { subject: 'sub', name: 'realName', groups: 'roles', uscc: 'unifiedSocialCreditCode', town: 'orgCode', roleOfGroup: { GXJ: 'bureau' } };
    const synth = synthesize({ partition: 'aws-cn', ...OIDC, claimMapping: mapping });
    const functions = synth.ops.apiFunctions.flatMap((stack) => Object.values(synth.resources(stack, 'AWS::Lambda::Function')));
    expect(functions.length).toBeGreaterThan(0);
    for (const resource of functions) {
      const variables = (props(resource).Environment as { Variables: Record<string, string> }).Variables;
      expect(JSON.parse(variables.CLAIM_MAPPING ?? '{}')).toMatchObject({ ...mapping, pilot: 'custom:pilot', roleOfGroup: { GXJ: 'bureau' } });
    }
    expect(() => synthesize({ partition: 'aws-cn', ...OIDC, claimMapping: { roleOfGroup: { GXJ: 'mayor' } } })).toThrow();
  });
});
