import { Validations, type App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { checkAwsSolutions } from '../../infra/nag';
import { synthesize } from './helpers';

const OIDC = {
  oidcIssuer: 'https://auth.example.gov.cn/realms/pilot',
  oidcAudience: 'pilotops-web',
  oidcAuthorizeUrl: 'https://auth.example.gov.cn/realms/pilot/protocol/openid-connect/auth',
  oidcTokenUrl: 'https://auth.example.gov.cn/realms/pilot/protocol/openid-connect/token',
};

const VARIANTS: [string, Record<string, unknown>][] = [
  ['aws', { partition: 'aws' }],
  ['aws with a custom domain', { partition: 'aws', siteDomainName: 'pilot.example.com', siteCertificate: 'arn:aws:acm:us-east-1:111122223333:certificate/example' }],
  ['aws-cn with an ICP domain', { partition: 'aws-cn', ...OIDC, siteDomainName: 'pilot.example.gov.cn', siteCertificate: 'ASCAEXAMPLE' }],
];

function build(context: Record<string, unknown>): App {
  return synthesize(context).ops.data.node.root as App;
}

/** `rule at path` for every finding nobody acknowledged: readable when the test fails. */
function unacknowledged(app: App): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId ?? '?'}`),
  );
}

function acknowledgements(root: IConstruct): [string, string, string][] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>))
      .map(([id, reason]): [string, string, string] => [construct.node.path, id, String(reason ?? '')]),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each(VARIANTS)('leaves no unacknowledged finding in %s', (_name, context) => {
    // Prepare
    const app = build(context);
    // Act + Assess: before synthesis (references as <LogicalId.Arn>) …
    expect(unacknowledged(app)).toEqual([]);
    // … and during synthesis with the pack registered as app.ts does (references as imports).
    checkAwsSolutions(app);
    expect(() => app.synth()).not.toThrow();
  });

  it('gives every acknowledgement a reason in code', () => {
    const app = build({ partition: 'aws' });
    const found = acknowledgements(app).filter(([, id]) => id.includes('AwsSolutions-'));
    expect(found.length).toBeGreaterThan(0);
    for (const [path, id, reason] of found) expect(reason.length, `${id} at ${path}`).toBeGreaterThan(30);
  });

  it('still fails on a finding nobody acknowledged', () => {
    // Prepare: an unexcused wildcard resource on one function's role.
    const { ops } = synthesize({ partition: 'aws' });
    const app = ops.data.node.root as App;
    const fn = [...ops.api.functions.values()][0]!;
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    checkAwsSolutions(app);
    // Act + Assess
    expect(unacknowledged(app)).toContain(`AwsSolutions-IAM5[Resource::*] at ${fn.function.role!.node.path}/DefaultPolicy/Resource`);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
