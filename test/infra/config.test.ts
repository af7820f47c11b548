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
  ])('refuses %j', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });

  it('takes the OIDC issuer and a comma-separated audience in aws-cn', () => {
    const config = read({ partition: 'aws-cn', oidcIssuer: 'https://id.example.gov.cn/realms/pilot', oidcAudience: 'web, admin' });
    expect(config.oidc).toEqual({ issuer: 'https://id.example.gov.cn/realms/pilot', audience: ['web', 'admin'] });
  });
});
