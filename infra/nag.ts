import { Stack, Validations, type App, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag's AwsSolutions pack as a synth-time validation: any finding that is not acknowledged fails
 * `cdk synth`. Each acknowledgement sits next to the construct it excuses, with its reason.
 */
export function checkAwsSolutions(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * Acknowledge, on `scope`, cdk-nag's finding for the wildcard below one table or bucket ARN. cdk-nag
 * names the resource by how the ARN is written: `<LogicalId.Arn>` inside its own stack, and the
 * export name once synthesis has turned a cross-stack reference into Fn::ImportValue; both are
 * acknowledged.
 */
export function acknowledgeWildcardBelow(scope: IConstruct, resource: dynamodb.ITable | s3.IBucket, arn: string, suffix: string, reason: string): void {
  const element = resource.node.defaultChild as CfnElement | undefined;
  if (element === undefined) return;
  const producer = Stack.of(resource);
  const names = [`<${producer.getLogicalId(element)}.Arn>`];
  if (producer !== Stack.of(scope)) {
    // The same export the reference would create anyway (same construct id), so nothing new is added.
    const imported = producer.resolve(producer.exportValue(arn)) as { 'Fn::ImportValue'?: unknown };
    if (typeof imported['Fn::ImportValue'] === 'string') names.push(imported['Fn::ImportValue']);
  }
  for (const name of names) Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${name}${suffix}]`, reason });
}
