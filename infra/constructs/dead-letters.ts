import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLettersProps {
  /** what failed when a message lands here, for the alarm's description */
  description: string;
  alarmTopic: sns.ITopic;
}

/**
 * A dead-letter queue for background invocations that failed after their retries (timers, events),
 * encrypted and TLS-only, kept 14 days for inspection, and an alarm to the alarm topic on the first
 * message: a dead letter is a deadline sweep or a scan verdict that did not happen.
 */
export class DeadLetters extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLettersProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'this queue is itself a dead-letter queue (of scheduler, rule and async-invocation targets); cdk-nag only recognises SQS redrive policies',
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: props.description,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
