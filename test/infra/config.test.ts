import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';

// An App makes its output directory when constructed: share one and remove it.
const outdir = mkdtempSync(join(tmpdir(), 'pilotops-config-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const read = (context: Record<string, unknown>) => readConfig(new App({ context, outdir }).node);

const CN = { partition: 'aws-cn', oidcIssuer: 'https://id.example.gov.cn/realms/pilot', oidcAudience: 'web, admin' };
const ENDPOINTS = { oidcAuthorizeUrl: 'https://id.example.gov.cn/authorize', oidcTokenUrl: 'https://id.example.gov.cn/token' };

describe('deployment context', () => {
  it('defaults to partition aws, stage dev and ten years of evidence retention', () => {
    expect(read({})).toMatchObject({ partition: 'aws', stage: 'dev', evidenceRetentionDays: 3650 });
    expect(read({}).oidc).toBeUndefined();
  });

  it('reads numbers given as strings on the command line', () => {
    expect(read({ evidenceRetentionDays: '30', apiRateLimit: '5', apiBurstLimit: 10 })).toMatchObject({
      evidenceRetentionDays: 30,
      throttle: { rateLimit: 5, burstLimit: 10 },
    });
  });

  it.each([
    [{ partition: 'aws-us-gov' }, /partition/],
    [{ stage: 'Prod!' }, /stage/],
    [{ siteOrigin: 'https://pilot.example.gov.cn/app' }, /siteOrigin/],
    [{ siteOrigin: 'http://pilot.example.gov.cn' }, /siteOrigin/],
    [{ evidenceRetentionDays: '0' }, /evidenceRetentionDays/],
    [{ siteDomainName: 'pilot.example.gov.cn' }, /siteCertificate/],
    [{ partition: 'aws-cn', oidcIssuer: 'https://id.example.gov.cn' }, /oidcAudience/],
    [{ partition: 'aws-cn', oidcIssuer: 'http://id.example.gov.cn', oidcAudience: 'web' }, /https/],
    [{ authDomainPrefix: 'Pilot_Login' }, /authDomainPrefix/],
    [{ authDomainPrefix: 'pilotops-cognito' }, /authDomainPrefix/],
    [{ stage: 'aws' }, /authDomainPrefix/],
    [{ ...CN, siteDomainName: 'pilot.example.gov.cn', siteCertificate: 'ASCA' }, /oidcAuthorizeUrl/],
    [{ ...CN, oidcAuthorizeUrl: 'https://id.example.gov.cn/authorize' }, /oidcTokenUrl/],
    [{ ...CN, ...ENDPOINTS, oidcTokenUrl: 'http://id.example.gov.cn/token' }, /oidcTokenUrl must be an https URL/],
    [{ ...CN, ...ENDPOINTS, oidcClientId: 'someone-else' }, /oidcAudience/],
    [{ ...CN, ...ENDPOINTS, oidcScope: 'profile' }, /openid/],
  ])('refuses %j', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });

  it('names the managed-login domain after the stage unless told otherwise', () => {
    expect(read({ stage: 'prod' }).authDomainPrefix).toBe('pilotops-prod');
    expect(read({ stage: 'prod', authDomainPrefix: 'tj-pilot-login' }).authDomainPrefix).toBe('tj-pilot-login');
  });

  it('takes the issuer’s endpoints for the web app in aws-cn, its client defaulting to the first audience', () => {
    expect(read({ ...CN, ...ENDPOINTS }).oidcEndpoints).toEqual({ authorizeUrl: ENDPOINTS.oidcAuthorizeUrl, tokenUrl: ENDPOINTS.oidcTokenUrl, clientId: 'web', scope: 'openid profile' });
    const configured = read({ ...CN, ...ENDPOINTS, oidcClientId: 'admin', oidcScope: 'openid profile phone', oidcLogoutUrl: 'https://id.example.gov.cn/logout?post_logout_redirect_uri=https%3A%2F%2Fpilot.example.gov.cn%2F' });
    expect(configured.oidcEndpoints).toMatchObject({ clientId: 'admin', scope: 'openid profile phone', logoutUrl: expect.stringContaining('/logout?') });
    expect(read(CN).oidcEndpoints).toBeUndefined();
  });

  it('takes the OIDC issuer and a comma-separated audience in aws-cn', () => {
    const config = read({ partition: 'aws-cn', oidcIssuer: 'https://id.example.gov.cn/realms/pilot', oidcAudience: 'web, admin' });
    expect(config.oidc).toEqual({ issuer: 'https://id.example.gov.cn/realms/pilot', audience: ['web', 'admin'] });
  });
});
