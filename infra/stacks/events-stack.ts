import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EventHandlerDefinition } from '../../shared/events';
import { handlerId } from '../../shared/routes';
import { grantsOf } from '../../shared/touches';
import { DeadLetters } from '../constructs/dead-letters';
import { PilotFunction } from '../constructs/pilot-function';
import type { DataStore } from './data-stack';

export interface EventsStackProps extends StackProps {
  store: DataStore;
  alarmTopic: sns.ITopic;
  /** the entries of shared/events.ts that apply in this partition */
  handlers: readonly EventHandlerDefinition[];
}

/**
 * Functions that AWS services call through EventBridge (shared/events.ts): one rule on the default bus
 * per entry, matching its source, detail type and bucket, with the entry's function as target. Every
 * failure ends in one dead-letter queue with an alarm: a delivery EventBridge gave up on (24 hours of
 * retries) and an invocation that still threw after Lambda's two async retries. Handlers are idempotent
 * (a repeated scan verdict is written again or found superseded), so retries are safe.
 */
export class EventsStack extends Stack {
  readonly functions: ReadonlyMap<string, PilotFunction>;
  readonly rules: ReadonlyMap<string, events.Rule>;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    const { store, alarmTopic } = props;

    const deadLetters = new DeadLetters(this, 'DeadLetters', { description: 'An event (a malware scan verdict) was not handled after all retries', alarmTopic });
    this.deadLetters = deadLetters.queue;

    const functions = new Map<string, PilotFunction>();
    const rules = new Map<string, events.Rule>();
    for (const definition of props.handlers) {
      const fn = new PilotFunction(this, `Event${handlerId(definition.handler)}`, {
        module: `events/${definition.handler}`,
        description: definition.summary,
        store,
        alarmTopic,
        grants: grantsOf([definition.touches]),
        onFailure: this.deadLetters,
      });
      const rule = new events.Rule(this, `Rule${handlerId(definition.name)}`, {
        description: definition.summary,
        eventPattern: {
          source: [definition.source],
          detailType: [definition.detailType],
          detail: { s3ObjectDetails: { bucketName: [store.buckets[definition.bucket].bucketName] } },
        },
        targets: [new targets.LambdaFunction(fn.function, { deadLetterQueue: this.deadLetters, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
      });
      functions.set(definition.handler, fn);
      rules.set(definition.name, rule);
    }
    this.functions = functions;
    this.rules = rules;
  }
}
