import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUCKETS, TABLES, type BucketKey, type TableKey } from '../../shared/tables';
import type { Grants } from '../../shared/touches';
import { REPO_ROOT } from '../config';
import type { DataStore } from '../stacks/data-stack';
import { BUNDLING } from './bundling';
import { grantDeclared } from './grants';

/**
 * One year, not RetentionDays.SIX_MONTHS: the Cybersecurity Law (第二十一条) asks for network logs
 * kept "不少于六个月", and 180 days is shorter than six calendar months in some windows.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export interface PilotFunctionProps {
  /** Module path under `functions/`, without extension: `api/projects/get`, `timers/sweepDeadlines`. */
  module: string;
  description: string;
  /** Every table and bucket: each name goes into the environment; only `grants` is granted. */
  store: DataStore;
  /** The union of its routes' (timers', event handlers') declarations (shared/touches.ts grantsOf). */
  grants: Grants;
  /** Where its error and throttle alarms notify (the alarms stack's topic). */
  alarmTopic: sns.ITopic;
  /**
   * Asynchronous functions (timers, event handlers): an invocation that still fails after Lambda's
   * two retries goes to this queue as an on-failure destination record (the event, the error, the
   * attempts), which the queue's alarm reports; docs/deploy.md says how to redrive it.
   */
  onFailure?: sqs.IQueue;
  /** The identity provider's claim names (CLAIM_MAPPING); API handlers read the principal through it. */
  claimMapping?: string;
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
  /** What it was granted: the declaration the infra tests compare its policy with. */
  readonly grants: Grants;
  /** Where its failed asynchronous invocations go (timers and event handlers). */
  readonly failureDestination?: sqs.IQueue;

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
      ...(props.onFailure ? { onFailure: new destinations.SqsDestination(props.onFailure), retryAttempts: 2 } : {}),
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

    this.grants = props.grants;
    if (props.onFailure) this.failureDestination = props.onFailure;
    grantDeclared(this, role, props.store, props.grants, props.module);

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

}
