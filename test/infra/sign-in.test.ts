import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { props, resourceOf, SITE_ORIGIN, synthesize, type Synthesized } from './helpers';

const ISSUER = {
  partition: 'aws-cn',
  oidcIssuer: 'https://auth.example.gov.cn/realms/pilot',
  oidcAudience: 'pilotops-web,pilotops-admin',
  oidcAuthorizeUrl: 'https://auth.example.gov.cn/realms/pilot/protocol/openid-connect/auth',
  oidcTokenUrl: 'https://sso.example.gov.cn/realms/pilot/protocol/openid-connect/token',
  siteDomainName: 'pilot.example.gov.cn',
  siteCertificate: 'ASCAEXAMPLECERTID',
};

interface SiteConfigFile {
  /** config.json as the web stack ships it: deploy-time values are `<<marker:…>>` inside strings. */
  json: { apiBase: string; auth: Record<string, string> };
  /** Each marker's CloudFormation value, put in its place by the handler at deploy. */
  markers: Record<string, unknown>;
  deployment: Record<string, unknown>;
}

/** The config.json the web stack writes: the staged asset and the deployment that copies it. */
function siteConfigFile(synth: Synthesized, stack: Stack): SiteConfigFile {
  const deployments = Object.values(synth.resources(stack, 'Custom::CDKBucketDeployment'));
  expect(deployments).toHaveLength(1);
  const deployment = props(deployments[0]!);
  const [objectKey] = deployment.SourceObjectKeys as string[];
  const assetDir = join((stack.node.root as App).outdir, `asset.${objectKey!.replace(/\.zip$/, '')}`);
  return {
    json: JSON.parse(readFileSync(join(assetDir, 'config.json'), 'utf8')) as SiteConfigFile['json'],
    markers: (deployment.SourceMarkers as Record<string, unknown>[])[0] ?? {},
    deployment,
  };
}

const markersIn = (text: string): string[] => text.match(/<<marker:0xbaba:\d+>>/g) ?? [];

function contentSecurityPolicy(synth: Synthesized, stack: Stack): string {
  const [policy] = Object.values(synth.resources(stack, 'AWS::CloudFront::ResponseHeadersPolicy'));
  const config = props(policy!).ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } };
  return JSON.stringify(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
}

describe('signing in to the web app in partition aws', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({ partition: 'aws' });
  });

  it('gives the user pool a managed-login domain named after the stage', () => {
    const domains = Object.values(synth.resources(synth.ops.auth!, 'AWS::Cognito::UserPoolDomain'));
    expect(domains).toHaveLength(1);
    expect(props(domains[0]!)).toMatchObject({ Domain: 'pilotops-test', ManagedLoginVersion: 2, UserPoolId: { Ref: synth.logicalId(synth.ops.auth!.userPool) } });
  });

  it('lets the web client use only the code flow, back to the site’s callback, with no secret', () => {
    const client = props(resourceOf(synth, synth.ops.auth!.client));
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [`${SITE_ORIGIN}/login/callback`],
      LogoutURLs: [`${SITE_ORIGIN}/`],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
    // Managed login shows a client's pages only with a style.
    const branding = Object.values(synth.resources(synth.ops.auth!, 'AWS::Cognito::ManagedLoginBranding'));
    expect(branding.map((resource) => props(resource))).toEqual([
      expect.objectContaining({ ClientId: { Ref: synth.logicalId(synth.ops.auth!.client) }, UseCognitoProvidedValues: true }),
    ]);
  });

  it('writes config.json with the oidc block of the pool’s domain and client, and leaves the rest of the bucket alone', () => {
    // Prepare
    const web = synth.ops.web!;
    // Act
    const { json, markers, deployment } = siteConfigFile(synth, web);
    // Assess
    expect(deployment).toMatchObject({ Prune: false, DestinationBucketName: { 'Fn::ImportValue': expect.stringContaining('Site') } });
    expect(json.auth).toMatchObject({ kind: 'oidc', scope: 'openid email profile' });
    expect(json.auth.authorizeUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d+>>\.auth\.<<marker:0xbaba:\d+>>\.amazoncognito\.com\/oauth2\/authorize\?lang=zh-CN$/);
    expect(json.auth.tokenUrl).toMatch(/\.amazoncognito\.com\/oauth2\/token$/);
    expect(json.auth.logoutUrl).toMatch(/\/logout\?client_id=<<marker:0xbaba:\d+>>&logout_uri=https%3A%2F%2Fpilot\.example\.gov\.cn%2F$/);
    const clientRef = { 'Fn::ImportValue': expect.stringContaining(synth.logicalId(synth.ops.auth!.client)) };
    expect(markers[json.auth.clientId!]).toEqual(clientRef);
    expect(markers[markersIn(json.auth.authorizeUrl!)[0]!]).toEqual({ 'Fn::ImportValue': expect.stringContaining(synth.logicalId(synth.ops.auth!.domain)) });
    expect(markers[markersIn(json.apiBase)[0]!]).toEqual({ 'Fn::ImportValue': expect.stringContaining(synth.logicalId(synth.ops.api.api)) });
    expect(json.auth).not.toHaveProperty('label');
  });

  it('lets the page POST to the pool’s token endpoint', () => {
    const csp = contentSecurityPolicy(synth, synth.ops.web!);
    expect(csp).toMatch(/connect-src 'self' .*\.auth\..*amazoncognito\.com/);
  });

  it('offers no OAuth flow until the site’s origin is known, and still synthesizes', () => {
    const first = synthesize({ partition: 'aws', siteOrigin: '' });
    const client = props(resourceOf(first, first.ops.auth!.client));
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
    expect(Object.keys(first.resources(first.ops.auth!, 'AWS::Cognito::ManagedLoginBranding'))).toEqual([]);
    expect(siteConfigFile(first, first.ops.web!).json.auth).not.toHaveProperty('logoutUrl');
  });
});

describe('signing in to the web app in partition aws-cn', () => {
  it('writes config.json with the external issuer’s endpoints, the web client and the configured label', () => {
    // Prepare
    const synth = synthesize({ ...ISSUER, signInLabel: '使用天津市政务服务统一身份认证登录' });
    // Act
    const { json } = siteConfigFile(synth, synth.ops.web!);
    // Assess
    expect(json.auth).toEqual({
      kind: 'oidc',
      authorizeUrl: ISSUER.oidcAuthorizeUrl,
      tokenUrl: ISSUER.oidcTokenUrl,
      clientId: 'pilotops-web',
      scope: 'openid profile',
      label: '使用天津市政务服务统一身份认证登录',
    });
    expect(contentSecurityPolicy(synth, synth.ops.web!)).toContain('https://sso.example.gov.cn');
  });

  it('refuses to build the web stack without the issuer’s endpoints', () => {
    const { oidcAuthorizeUrl: _authorize, oidcTokenUrl: _token, ...withoutEndpoints } = ISSUER;
    expect(() => synthesize(withoutEndpoints)).toThrow(/oidcAuthorizeUrl/);
  });
});
