import { beforeAll, describe, expect, it } from 'vitest';
import { BUCKETS, TABLES, type KeyAttribute, type TableKey } from '../../shared/tables';
import { ACCESS_LOG_DAYS } from '../../infra/stacks/data-stack';
import { actions, props, resourceOf, RETENTION_DAYS, SITE_ORIGIN, statements, synthesize, type Synthesized } from './helpers';

let synth: Synthesized;

beforeAll(() => {
  // Prepare: the whole app in partition aws, bundling skipped.
  synth = synthesize({ partition: 'aws' });
});

const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute): unknown[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
];

describe('the data stack', () => {
  it('splits data from compute: tables and buckets live only in the data stack', () => {
    const { data } = synth.ops;
    for (const stack of synth.ops.stacks.filter((stack) => stack !== data)) {
      expect(Object.keys(synth.resources(stack, 'AWS::DynamoDB::Table'))).toEqual([]);
      expect(Object.keys(synth.resources(stack, 'AWS::S3::Bucket'))).toEqual([]);
    }
    expect(Object.keys(synth.resources(data, 'AWS::DynamoDB::Table'))).toHaveLength(Object.keys(TABLES).length);
  });

  it.each(Object.keys(TABLES) as TableKey[])('keeps table %s on demand with its keys, indexes, TTL, PITR, deletion protection and retention', (key) => {
    const definition = TABLES[key];
    const table = resourceOf(synth, synth.ops.data.store.tables[key]);
    const sortKey = 'sortKey' in definition ? definition.sortKey : undefined;

    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(props(table)).toMatchObject({
      KeySchema: keySchema(definition.partitionKey, sortKey),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    expect(props(table).TableName).toBeUndefined();

    const indexes = (props(table).GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown[] }[];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(definition.indexes.map((index) => index.indexName).sort());
    for (const index of definition.indexes) {
      const found = indexes.find((candidate) => candidate.IndexName === index.indexName);
      expect(found?.KeySchema).toEqual(keySchema(index.partitionKey, 'sortKey' in index ? index.sortKey : undefined));
    }

    const ttl = 'timeToLiveAttribute' in definition ? definition.timeToLiveAttribute : undefined;
    if (ttl) expect(props(table).TimeToLiveSpecification).toEqual({ AttributeName: ttl, Enabled: true });
    else expect(props(table).TimeToLiveSpecification).toBeUndefined();
  });

  it.each(Object.keys(BUCKETS) as (keyof typeof BUCKETS)[])('blocks public access, encrypts and denies non-TLS requests on the %s bucket', (key) => {
    const construct = synth.ops.data.store.buckets[key];
    const bucket = resourceOf(synth, construct);
    const bucketId = synth.logicalId(construct);

    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(props(bucket)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    expect(props(bucket).BucketName).toBeUndefined();

    const policies = Object.values(synth.resources(synth.ops.data, 'AWS::S3::BucketPolicy')).filter(
      (policy) => JSON.stringify(props(policy).Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    expect(policies).toHaveLength(1);
    const policy = statements(props(policies[0]!).PolicyDocument);
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Nothing in the policy opens the bucket to everyone.
    for (const statement of policy.filter((candidate) => candidate.Effect === 'Allow')) {
      expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
    }
  });

  it('versions the evidence bucket, locks every object in GOVERNANCE mode for the configured days and moves old versions to a colder class', () => {
    const evidence = props(resourceOf(synth, synth.ops.data.store.buckets.evidence));
    expect(evidence).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: RETENTION_DAYS } } },
      LoggingConfiguration: expect.objectContaining({ LogFilePrefix: 's3/evidence/' }),
    });
    const rules = (evidence.LifecycleConfiguration as { Rules: { NoncurrentVersionTransitions?: { StorageClass: string }[] }[] }).Rules;
    const colder = rules.flatMap((rule) => rule.NoncurrentVersionTransitions ?? []).map((transition) => transition.StorageClass);
    expect(colder).toContain('STANDARD_IA');
  });

  it('allows browser uploads of evidence only from the site origin', () => {
    const cors = props(resourceOf(synth, synth.ops.data.store.buckets.evidence)).CorsConfiguration as { CorsRules: { AllowedOrigins: string[] }[] };
    expect(cors.CorsRules.flatMap((rule) => rule.AllowedOrigins)).toEqual([SITE_ORIGIN]);
    expect(props(resourceOf(synth, synth.ops.data.store.buckets.site)).CorsConfiguration).toBeUndefined();
  });

  it('keeps the buckets’ server access logs and the distribution’s logs more than six months, in a private, TLS-only bucket', () => {
    const logs = resourceOf(synth, synth.ops.data.accessLogs);
    const logsId = synth.logicalId(synth.ops.data.accessLogs);
    expect(logs.DeletionPolicy).toBe('Retain');
    expect(props(logs)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    // Six calendar months are at most 184 days; the bucket keeps more, then lets them expire.
    expect(ACCESS_LOG_DAYS).toBeGreaterThan(184);
    const rules = (props(logs).LifecycleConfiguration as { Rules: { ExpirationInDays?: number }[] }).Rules;
    expect(rules.map((rule) => rule.ExpirationInDays)).toEqual([ACCESS_LOG_DAYS]);
    for (const [key, prefix] of [['evidence', 's3/evidence/'], ['site', 's3/site/']] as const) {
      expect(props(resourceOf(synth, synth.ops.data.store.buckets[key])).LoggingConfiguration, key).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: prefix });
    }
    const distribution = props(resourceOf(synth, synth.ops.web!.distribution)).DistributionConfig as { Logging: { Bucket: unknown; Prefix: string } };
    expect(JSON.stringify(distribution.Logging.Bucket)).toContain(logsId);
  });

  it('lets only this account’s CloudFront distributions read the private site bucket', () => {
    const siteId = synth.logicalId(synth.ops.data.store.buckets.site);
    const policy = Object.values(synth.resources(synth.ops.data, 'AWS::S3::BucketPolicy')).find(
      (candidate) => JSON.stringify(props(candidate).Bucket) === JSON.stringify({ Ref: siteId }),
    );
    const allows = statements(props(policy!).PolicyDocument).filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(allows[0]!.Condition)).toContain(':distribution/*');
    expect(allows[0]!.Condition?.StringEquals).toHaveProperty('AWS:SourceAccount');
  });
});

describe('every stack', () => {
  it('hard-codes no physical name', () => {
    const named: Record<string, string> = {
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::S3::Bucket': 'BucketName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::SQS::Queue': 'QueueName',
      'AWS::Cognito::UserPool': 'UserPoolName',
      'AWS::CloudWatch::Alarm': 'AlarmName',
      'AWS::Scheduler::Schedule': 'Name',
      'AWS::SNS::Topic': 'TopicName',
      'AWS::Events::Rule': 'Name',
    };
    for (const [id, resource] of Object.entries(synth.allResources())) {
      const property = named[resource.Type];
      if (property) expect(props(resource)[property], `${id} ${property}`).toBeUndefined();
    }
  });

  it('keeps every log group at least 180 days (Cybersecurity Law: six months)', () => {
    const groups = Object.entries(synth.allResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(0);
    for (const [id, group] of groups) {
      expect(props(group).RetentionInDays, id).toBeGreaterThanOrEqual(180);
      expect(group.DeletionPolicy, id).toBe('Retain');
    }
  });

  it('grants no wildcard action such as dynamodb:* or s3:* in any IAM policy', () => {
    const documents = [
      ...Object.values(synth.allResources('AWS::IAM::Policy')).map((policy) => props(policy).PolicyDocument),
      ...Object.values(synth.allResources('AWS::IAM::Role')).flatMap((role) =>
        ((props(role).Policies ?? []) as { PolicyDocument: unknown }[]).map((policy) => policy.PolicyDocument),
      ),
    ];
    expect(documents.length).toBeGreaterThan(0);
    for (const action of documents.flatMap(statements).flatMap(actions)) {
      expect(action).not.toBe('*');
      expect(action).not.toMatch(/^(dynamodb|s3|lambda|sqs|iam|logs):\*$/);
    }
  });
});
