import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_HANDLERS } from '../../shared/events';
import { SCHEDULES } from '../../shared/schedules';
import type { PilotFunction } from '../../infra/constructs/pilot-function';
import { actions, props, resourceOf, statements, synthesize, type CfnResource, type Statement, type Synthesized } from './helpers';

/**
 * What runs beside the request path: GuardDuty's malware scanning of evidence (aws only) with the
 * event handler that records its verdicts, and the alarms every function, the API and the
 * dead-letter queues raise on the alarm topic.
 */
let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({ partition: 'aws' });
});

const GUARDDUTY_RULE = ':rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*';

function allFunctions(): [string, PilotFunction][] {
  const { api, schedules, events } = synth.ops;
  return [...api.functions.entries(), ...schedules.functions.entries(), ...(events ? [...events.functions.entries()] : [])];
}

/** Statements of the inline policies attached to a role, in the role's stack. */
function policyOf(stack: Stack, roleId: string): Statement[] {
  return Object.values(synth.resources(stack, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(props(policy).Roles).includes(`"${roleId}"`))
    .flatMap((policy) => statements(props(policy).PolicyDocument));
}

const notifiesTopic = (alarm: CfnResource): boolean => {
  const topicId = synth.logicalId(synth.ops.alarms.topic);
  const alarmActions = JSON.stringify(props(alarm).AlarmActions ?? []);
  return alarmActions.includes(topicId) && alarmActions.includes(synth.ops.alarms.stackName);
};

describe('malware scanning of evidence (aws)', () => {
  const plan = () => {
    const plans = Object.values(synth.resources(synth.ops.data, 'AWS::GuardDuty::MalwareProtectionPlan'));
    expect(plans).toHaveLength(1);
    return plans[0]!;
  };
  const scannerRole = () => synth.ops.data.malwareProtection!.role;

  it('protects the evidence bucket with a GuardDuty plan that tags what it scans, created after its role’s permissions', () => {
    const evidenceId = synth.logicalId(synth.ops.data.store.buckets.evidence);
    expect(props(plan())).toMatchObject({
      ProtectedResource: { S3Bucket: { BucketName: { Ref: evidenceId } } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [synth.logicalId(scannerRole()), 'Arn'] },
    });
    expect(props(plan()).ProtectedResource).not.toHaveProperty('S3Bucket.ObjectPrefixes');
    // The bucket's EventBridge notifications, which GuardDuty listens to, are in the template too.
    expect(props(resourceOf(synth, synth.ops.data.store.buckets.evidence)).NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect((plan() as { DependsOn?: string[] }).DependsOn?.join()).toMatch(/Policy/);
  });

  it('lets only a malware protection plan of this account assume the scanner role', () => {
    const trust = statements(props(resourceOf(synth, scannerRole())).AssumeRolePolicyDocument);
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } });
    expect(trust[0]!.Condition?.StringEquals).toHaveProperty('aws:SourceAccount');
    expect(JSON.stringify(trust[0]!.Condition?.ArnLike)).toContain(':malware-protection-plan/*');
  });

  it('grants the scanner role exactly the permissions GuardDuty’s user guide lists, on the evidence bucket and its own managed rule only', () => {
    const evidenceId = synth.logicalId(synth.ops.data.store.buckets.evidence);
    const granted = policyOf(synth.ops.data, synth.logicalId(scannerRole()));
    expect(granted.flatMap(actions).sort()).toEqual(
      [
        'events:DeleteRule', 'events:DescribeRule', 'events:ListTargetsByRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets',
        's3:GetBucketNotification', 's3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging',
        's3:ListBucket', 's3:PutBucketNotification', 's3:PutObject', 's3:PutObjectTagging', 's3:PutObjectVersionTagging',
      ].sort(),
    );
    for (const statement of granted) {
      const resource = JSON.stringify(statement.Resource);
      if (actions(statement).some((action) => action.startsWith('events:'))) expect(resource).toContain(GUARDDUTY_RULE);
      else expect(resource).toContain(evidenceId);
      expect(resource).not.toContain(synth.logicalId(synth.ops.data.store.buckets.site));
    }
    const managing = granted.find((statement) => actions(statement).includes('events:PutRule'));
    expect(managing?.Condition).toEqual({ StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } });
    // Writes only GuardDuty's validation object; no KMS (the bucket is SSE-S3).
    expect(JSON.stringify(granted.find((statement) => actions(statement).includes('s3:PutObject'))?.Resource)).toContain('/malware-protection-resource-validation-object');
    expect(granted.flatMap(actions).filter((action) => action.startsWith('kms:'))).toEqual([]);
  });

  it('refuses every presigned link to an object GuardDuty tagged THREATS_FOUND', () => {
    const evidenceId = synth.logicalId(synth.ops.data.store.buckets.evidence);
    const policy = Object.values(synth.resources(synth.ops.data, 'AWS::S3::BucketPolicy')).find(
      (candidate) => JSON.stringify(props(candidate).Bucket) === JSON.stringify({ Ref: evidenceId }),
    );
    const deny = statements(props(policy!).PolicyDocument).find((statement) => statement.Sid === 'DenyLinksToInfectedObjects');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Condition: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND', 's3:authType': 'REST-QUERY-STRING' } },
    });
  });

  it('sends GuardDuty’s scan results for the evidence bucket, and nothing else, to the evidence-scanned function', () => {
    const events = synth.ops.events!;
    expect([...events.functions.keys()]).toEqual(EVENT_HANDLERS.filter((handler) => handler.partitions.includes('aws')).map((handler) => handler.handler));
    expect(Object.keys(synth.resources(events, 'AWS::Lambda::Function'))).toHaveLength(events.functions.size);
    const [definition] = EVENT_HANDLERS;
    const rule = props(resourceOf(synth, events.rules.get(definition.name)!));
    expect(rule.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      detail: { s3ObjectDetails: { bucketName: [expect.objectContaining({ 'Fn::ImportValue': expect.stringContaining(synth.logicalId(synth.ops.data.store.buckets.evidence)) })] } },
    });
    const fn = events.functions.get(definition.handler)!;
    const targets = rule.Targets as { Arn: unknown; DeadLetterConfig: { Arn: unknown }; RetryPolicy: { MaximumEventAgeInSeconds: number } }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]!.Arn).toEqual({ 'Fn::GetAtt': [synth.logicalId(fn.function), 'Arn'] });
    expect(targets[0]!.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [synth.logicalId(events.deadLetters), 'Arn'] });
    expect(targets[0]!.RetryPolicy.MaximumEventAgeInSeconds).toBe(86400);
    // A verdict that still fails after Lambda's own retries lands in the same queue (the next test).
    const permissions = Object.values(synth.resources(events, 'AWS::Lambda::Permission')).map(props);
    expect(permissions).toContainEqual(expect.objectContaining({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [synth.logicalId(events.rules.get(definition.name)!), 'Arn'] } }));
  });

  it('grants the evidence-scanned function item access to records and uploads only: no bucket, no tagging', () => {
    const fn = synth.ops.events!.functions.get('evidenceScanned')!;
    const granted = policyOf(synth.ops.events!, synth.logicalId(fn.function.role!));
    const all = granted.flatMap(actions);
    expect(all).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'sqs:SendMessage', 'logs:PutLogEvents']));
    expect(all.filter((action) => !/^(dynamodb|logs):/.test(action)).sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    const tables = JSON.stringify(granted.filter((statement) => actions(statement).includes('dynamodb:UpdateItem')).map((statement) => statement.Resource));
    expect(tables).toMatch(/Records/);
    expect(tables).toMatch(/Uploads/);
    expect(tables).not.toMatch(/Obligations|Idempotency/);
  });

  it('sends every asynchronous function’s failed invocations to an on-failure destination whose queue alarms the topic', () => {
    const asynchronous = [...synth.ops.schedules.functions.values(), ...synth.ops.events!.functions.values()];
    expect(asynchronous.length).toBe(new Set(SCHEDULES.map((schedule) => schedule.handler)).size + synth.ops.events!.functions.size);
    for (const fn of asynchronous) {
      const stack = Stack.of(fn);
      const configs = Object.values(synth.resources(stack, 'AWS::Lambda::EventInvokeConfig')).map(props)
        .filter((config) => JSON.stringify(config.FunctionName) === JSON.stringify({ Ref: synth.logicalId(fn.function) }));
      expect(configs, fn.node.path).toHaveLength(1);
      const queue = fn.failureDestination!;
      expect(configs[0], fn.node.path).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [synth.logicalId(queue), 'Arn'] } } } });
      const alarmsOnQueue = Object.values(synth.resources(stack, 'AWS::CloudWatch::Alarm'))
        .filter((alarm) => JSON.stringify(props(alarm).Dimensions ?? []).includes(synth.logicalId(queue)));
      expect(alarmsOnQueue.length, fn.node.path).toBe(1);
      expect(notifiesTopic(alarmsOnQueue[0]!), fn.node.path).toBe(true);
    }
  });

  it('lets no function tag or untag objects: only GuardDuty’s role tags, so the quarantine tag is GuardDuty’s word', () => {
    for (const [handler, fn] of allFunctions()) {
      const all = policyOf(Stack.of(fn), synth.logicalId(fn.function.role!)).flatMap(actions);
      expect(all.filter((action) => /Tagging$/.test(action)), handler).toEqual([]);
    }
  });

  it('creates neither plan nor event handlers in aws-cn, where GuardDuty offers no malware protection for S3', () => {
    const china = synthesize({ partition: 'aws-cn', oidcIssuer: 'https://auth.example.gov.cn/realms/pilot', oidcAudience: 'pilotops-web' });
    expect(china.ops.data.malwareProtection).toBeUndefined();
    expect(china.ops.events).toBeUndefined();
    expect(Object.keys(china.allResources('AWS::GuardDuty::MalwareProtectionPlan'))).toEqual([]);
    expect(Object.keys(china.allResources('AWS::Events::Rule'))).toEqual([]);
  });
});

describe('alarms', () => {
  it('notify one topic, encrypted with a rotated customer key that CloudWatch may use, and refusing requests without TLS', () => {
    const { alarms } = synth.ops;
    const topic = props(resourceOf(synth, alarms.topic));
    expect(topic.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [synth.logicalId(alarms.key), 'Arn'] });
    const key = props(resourceOf(synth, alarms.key));
    expect(key.EnableKeyRotation).toBe(true);
    expect(statements(key.KeyPolicy)).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    const policy = statements(props(Object.values(synth.resources(alarms, 'AWS::SNS::TopicPolicy'))[0]!).PolicyDocument);
    expect(policy).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(policy).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }));
  });

  it('watch every function’s errors and throttles from the first one, and tell the topic when it fires and when it clears', () => {
    for (const [handler, fn] of allFunctions()) {
      const stackAlarms = Object.values(synth.resources(Stack.of(fn), 'AWS::CloudWatch::Alarm')).filter(
        (alarm) => JSON.stringify(props(alarm).Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: synth.logicalId(fn.function) } }]),
      );
      expect(stackAlarms.map((alarm) => props(alarm).MetricName).sort(), handler).toEqual(['Errors', 'Throttles']);
      for (const alarm of stackAlarms) {
        expect(props(alarm), handler).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
        expect(notifiesTopic(alarm), handler).toBe(true);
        expect(JSON.stringify(props(alarm).OKActions), handler).toContain(synth.logicalId(synth.ops.alarms.topic));
      }
    }
  });

  it('watch the API for any 5xx answer', () => {
    const alarm = resourceOf(synth, synth.ops.api.serverErrorsAlarm);
    expect(props(alarm)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: synth.logicalId(synth.ops.api.api) } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(notifiesTopic(alarm)).toBe(true);
  });

  it('watch both dead-letter queues from the first message', () => {
    for (const stack of [synth.ops.schedules, synth.ops.events!]) {
      const queueName = { 'Fn::GetAtt': [synth.logicalId(stack.deadLetters), 'QueueName'] };
      const alarm = Object.values(synth.resources(stack, 'AWS::CloudWatch::Alarm')).find((candidate) => props(candidate).MetricName === 'ApproximateNumberOfMessagesVisible');
      expect(alarm, stack.stackName).toBeDefined();
      expect(props(alarm!).Dimensions).toEqual([{ Name: 'QueueName', Value: queueName }]);
      expect(props(alarm!)).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(notifiesTopic(alarm!), stack.stackName).toBe(true);
    }
  });

  it('leave no alarm without an action', () => {
    const all = Object.entries(synth.allResources('AWS::CloudWatch::Alarm'));
    expect(all.length).toBeGreaterThan(2 * allFunctions().length);
    for (const [id, alarm] of all) expect(notifiesTopic(alarm), id).toBe(true);
  });
});
