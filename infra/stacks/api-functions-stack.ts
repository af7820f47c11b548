import { createHash } from 'node:crypto';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { handlerId, ROUTES, routeKey, type RouteDefinition } from '../../shared/routes';
import { grantsOf } from '../../shared/touches';
import { PilotFunction } from '../constructs/pilot-function';
import type { DataStore } from './data-stack';

/**
 * The API's functions live apart from the API (issue 17, headroom): a handler costs six resources
 * (function, role, policy, log group, two alarms) and CloudFormation allows 500 per stack, so with
 * everything in one stack the route table could not double. Handlers are spread over a fixed number
 * of stacks by a hash of their name, so a handler's stack never changes when others are added
 * (moving a function between stacks would break the API stack's import of it).
 */
export const API_FUNCTION_STACKS = 4;

export function functionStackOf(handler: string): number {
  return createHash('sha256').update(handler).digest()[0]! % API_FUNCTION_STACKS;
}

export interface ApiFunctionsStackProps extends StackProps {
  handlers: readonly string[];
  store: DataStore;
  alarmTopic: sns.ITopic;
  claimMapping?: string;
}

export class ApiFunctionsStack extends Stack {
  readonly functions: ReadonlyMap<string, PilotFunction>;

  constructor(scope: Construct, id: string, props: ApiFunctionsStackProps) {
    super(scope, id, props);
    const functions = new Map<string, PilotFunction>();
    for (const handler of props.handlers) {
      const routes: readonly RouteDefinition[] = ROUTES.filter((route) => route.handler === handler);
      const summaries = routes.map((route) => `${routeKey(route)} ${route.summary}`);
      const grants = grantsOf(routes.map((route) => route.touches));
      functions.set(
        handler,
        new PilotFunction(this, handlerId(handler), {
          module: `api/${handler}`,
          description: summaries.join('; '),
          store: props.store,
          grants,
          alarmTopic: props.alarmTopic,
          ...(props.claimMapping ? { claimMapping: props.claimMapping } : {}),
        }),
      );
    }
    this.functions = functions;
  }
}
