import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NotifyDeployment } from '../config';
import type { PilotFunction } from './pilot-function';

/**
 * What a notifying timer may do beyond its tables (issue 18): send as the one SES identity, publish
 * SMS through SNS, read the SMS provider's signing secret — each only when the deployment uses it.
 */
export function grantNotify(fn: PilotFunction | undefined, notify: NotifyDeployment): void {
  if (fn === undefined) return;
  const stack = Stack.of(fn);
  if (notify.sesIdentity !== undefined) {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: notify.sesIdentity })],
      }),
    );
  }
  if (notify.snsSms) {
    // SMS to a phone number has no resource to name: SNS authorises direct publishing on `*` only.
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } }));
    Validations.of(fn).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'SNS publishes SMS to a phone number, which is no resource: sns:Publish on * is the only form IAM accepts' });
  }
  if (notify.smsSecretArn !== undefined) {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [notify.smsSecretArn] }));
  }
}
