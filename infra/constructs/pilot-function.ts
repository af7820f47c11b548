import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUCKETS, TABLES, type BucketKey, type TableKey } from '../../shared/tables';
import { REPO_ROOT } from '../config';
import { acknowledgeWildcardBelow } from '../nag';
import type { DataStore } from '../stacks/data-stack';
import { BUNDLING } from './bundling';
import { HOLDER_KEY_ROOTS } from '../../shared/evidence/holder';

/**
 * One year, not RetentionDays.SIX_MONTHS: the Cybersecurity Law (第二十一条) asks for network logs
 * kept "不少于六个月", and 180 days is shorter than six calendar months in some windows.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export type TableAccess = 'read' | 'read-write';
export type BucketAccess = 'read' | 'read-put';

export interface PilotFunctionProps {
  /** Module path under `functions/`, without extension: `api/projects/get`, `timers/sweepDeadlines`. */
  module: string;
  description: string;
  /** Every table and bucket: each name goes into the environment; access is granted per intent. */
  store: DataStore;
  tableAccess?: TableAccess;
  bucketAccess?: BucketAccess;
  /** Only these tables and buckets are granted (default: all); the others stay names in the environment. */
  grants?: { tables: readonly TableKey[]; buckets: readonly BucketKey[] };
  /** Where its error and throttle alarms notify (the alarms stack's topic). */
  alarmTopic: sns.ITopic;
  /** Async invocations (EventBridge targets) that still fail after Lambda's own retries land here. */
  deadLetterQueue?: sqs.IQueue;
  /** The identity provider's claim names (CLAIM_MAPPING); API handlers read the principal through it. */
  claimMapping?: string;
  /** Also s3:DeleteObject on the evidence bucket (routes and timers that say `deletesEvidence`). */
  deletesEvidence?: boolean;
  /** Further variables (e.g. the NOTIFY_* settings of a timer that delivers notifications). */
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * The house defaults of every function, declared once: Node.js 22 on Graviton, a minified ESM bundle
 * without source maps and without the AWS SDK (the runtime ships v3), its own log group with a
 * retention the law accepts, every table and bucket name in the environment — the variables
 * `functions/commons/config.ts` reads at load and fails fast without — and alarms on its errors and
 * throttles.
 */
export class PilotFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: PilotFunctionProps) {
    super(scope, id);
    const entry = join(REPO_ROOT, 'functions', `${props.module}.ts`);
    if (!existsSync(entry)) throw new Error(`function entry ${entry} does not exist (module ${props.module})`);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    // Its own role: writes to its own log group only, instead of the managed basic-execution policy
    // that may write to every log group in the account.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    const environment: Record<string, string> = {};
    for (const [key, definition] of Object.entries(TABLES)) environment[definition.envVar] = props.store.tables[key as TableKey].tableName;
    for (const [key, definition] of Object.entries(BUCKETS)) environment[definition.envVar] = props.store.buckets[key as BucketKey].bucketName;
    if (props.claimMapping !== undefined) environment.CLAIM_MAPPING = props.claimMapping;
    Object.assign(environment, props.environment ?? {});

    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      // Lambda caps descriptions at 256 characters.
      description: props.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup: this.logGroup,
      role,
      environment,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      projectRoot: REPO_ROOT,
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        ...BUNDLING,
        externalModules: [...BUNDLING.externalModules],
      },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the house runtime, matched by the esbuild target and local development; a newer runtime is a deliberate, tested change',
    });

    const tables = props.grants?.tables ?? (Object.keys(TABLES) as TableKey[]);
    const buckets = props.grants?.buckets ?? (Object.keys(BUCKETS) as BucketKey[]);
    for (const key of tables) this.bindTable(props.store.tables[key], props.tableAccess ?? 'read-write');
    for (const key of buckets) this.bindBucket(props.store.buckets[key], props.bucketAccess ?? 'read-put');
    // Object Lock keeps every version for its retention: a delete here only hides a refused or withdrawn upload.
    if (props.deletesEvidence) {
      const evidence = props.store.buckets.evidence;
      // Every holder's keys, and nothing else in the bucket (shared/evidence/holder.ts).
      const roots = Object.values(HOLDER_KEY_ROOTS);
      this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: roots.map((root) => evidence.arnForObjects(`${root}/*`)) }));
      for (const root of roots) {
        this.acknowledgeWildcard(evidence, evidence.bucketArn, `/${root}/*`, `upload keys are minted per upload under ${root}/; only refused or withdrawn uploads are deleted`);
      }
    }

    // API handlers answer their own errors (a 500 is not a function error; the API's 5xx alarm sees
    // those): an Errors datapoint is an unhandled throw or a timeout, and a throttle is lost work.
    // Either is worth a message at the first occurrence, and another when it clears.
    const alarm = (id: string, metric: cloudwatch.IMetric, what: string): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, id, {
        alarmDescription: `${props.module}: ${what}`,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.alarmTopic));
      created.addOkAction(new SnsAction(props.alarmTopic));
      return created;
    };
    const period = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    this.errorsAlarm = alarm('ErrorsAlarm', this.function.metricErrors(period), 'an invocation failed (unhandled error or timeout)');
    this.throttlesAlarm = alarm('ThrottlesAlarm', this.function.metricThrottles(period), 'invocations were throttled (account concurrency exhausted)');
  }

  /** Item-level access to a table and its indexes; never table administration. */
  bindTable(table: dynamodb.ITable, access: TableAccess): void {
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    this.acknowledgeWildcard(table, table.tableArn, '/index/*', 'queries the GSIs of shared/tables.ts; the wildcard covers only this table’s indexes');
  }

  /**
   * Object reads and writes, spelt out rather than CDK's `grantRead` (which adds `s3:List*` and
   * `s3:GetBucket*`). ListBucket only so that a missing key answers 404 instead of 403. No delete:
   * evidence is object-locked, and nothing removes published snapshots.
   */
  bindBucket(bucket: s3.IBucket, access: BucketAccess): void {
    const objectActions = access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'];
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects('*')] }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    this.acknowledgeWildcard(bucket, bucket.bucketArn, '/*', 'object keys are chosen at run time (per enterprise and project); the wildcard covers only this bucket’s objects');
  }

  private acknowledgeWildcard(resource: dynamodb.ITable | s3.IBucket, arn: string, suffix: string, reason: string): void {
    acknowledgeWildcardBelow(this, resource, arn, suffix, reason);
  }
}
