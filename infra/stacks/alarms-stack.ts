import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * Where every alarm goes: one SNS topic that operations subscribe to (mail, SMS, a chat webhook). Its
 * own stack, created first and rarely changed, because subscriptions are confirmed by people and
 * would be lost if the topic were replaced with a compute stack.
 *
 * Encrypted with a customer managed key: CloudWatch cannot publish to a topic under the AWS managed
 * `alias/aws/sns` key, whose policy no one can extend, so this key lets CloudWatch use it.
 */
export class AlarmsStack extends Stack {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    this.key = new kms.Key(this, 'AlarmsKey', {
      description: 'PilotOps alarm topic encryption',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'PilotOps 试点通 alarms',
      masterKey: this.key,
      // Adds a topic policy that denies every request not made over TLS (cdk-nag SNS3).
      enforceSSL: true,
    });
    // That topic policy replaces SNS's default one: CloudWatch alarms of this account are let in again.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    new CfnOutput(this, 'AlarmTopicArn', { value: this.topic.topicArn });
  }
}
