import { beforeAll, describe, expect, it } from 'vitest';
import { handlerModules, ROUTES, routeKey } from '../../shared/routes';
import { SCHEDULES } from '../../shared/schedules';
import { BUCKETS, TABLES } from '../../shared/tables';
import type { PilotFunction } from '../../infra/constructs/pilot-function';
import { actions, props, resourceOf, statements, synthesize, type CfnResource, type Synthesized } from './helpers';

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({ partition: 'aws', apiRateLimit: '50', apiBurstLimit: '100' });
});

const ENV_VARS = [...Object.values(TABLES), ...Object.values(BUCKETS)].map((definition) => definition.envVar).sort();

function allFunctions(): [string, PilotFunction][] {
  return [...synth.ops.api.functions.entries(), ...synth.ops.schedules.functions.entries()];
}

/** The statements of the inline policy attached to a function's role. */
function roleStatements(fn: PilotFunction) {
  const stack = fn.function.stack;
  const roleId = synth.logicalId(fn.function.role!);
  return Object.values(synth.resources(stack, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(props(policy).Roles).includes(`"${roleId}"`))
    .flatMap((policy) => statements(props(policy).PolicyDocument));
}

describe('functions', () => {
  it('declares one function per API handler module and per timer handler, and no other', () => {
    expect([...synth.ops.api.functions.keys()]).toEqual(handlerModules());
    expect(Object.keys(synth.resources(synth.ops.api, 'AWS::Lambda::Function'))).toHaveLength(0);
    const inFunctionStacks = synth.ops.apiFunctions.flatMap((stack) => Object.keys(synth.resources(stack, 'AWS::Lambda::Function')));
    expect(inFunctionStacks).toHaveLength(handlerModules().length);
    const timers = [...new Set(SCHEDULES.map((schedule) => schedule.handler))];
    expect([...synth.ops.schedules.functions.keys()]).toEqual(timers);
    expect(Object.keys(synth.resources(synth.ops.schedules, 'AWS::Lambda::Function'))).toHaveLength(timers.length);
  });

  it('runs every function on Node.js 22, arm64, with its own log group and every table and bucket name in the environment', () => {
    for (const [handler, fn] of allFunctions()) {
      const resource = props(resourceOf(synth, fn.function));
      expect(resource, handler).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(resource.LoggingConfig, handler).toEqual({ LogGroup: { Ref: synth.logicalId(fn.logGroup) } });
      const variables = (resource.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort(), handler).toEqual(ENV_VARS);
    }
  });

  it('grants no managed policy: each role writes only to its own log group', () => {
    for (const [handler, fn] of allFunctions()) {
      const role = resourceOf(synth, fn.function.role!);
      expect(props(role).ManagedPolicyArns, handler).toBeUndefined();
      const logs = roleStatements(fn).find((statement) => actions(statement).includes('logs:PutLogEvents'));
      expect(logs?.Resource, handler).toEqual({ 'Fn::GetAtt': [synth.logicalId(fn.logGroup), 'Arn'] });
    }
  });
});

describe('the HTTP API', () => {
  const routes = (): CfnResource[] => Object.values(synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Route'));

  it('routes each ROUTES entry to its handler’s function', () => {
    expect(routes().map((route) => props(route).RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());
    const integrations = synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Integration');
    for (const route of ROUTES) {
      const found = routes().find((candidate) => props(candidate).RouteKey === routeKey(route));
      const target = JSON.stringify(props(found!).Target);
      const integrationId = Object.keys(integrations).find((id) => target.includes(`"${id}"`));
      const integration = props(integrations[integrationId!]!);
      const fnId = synth.logicalId(synth.ops.api.functions.get(route.handler)!.function);
      // Imported from its function stack (api-functions-stack.ts).
      expect(JSON.stringify(integration.IntegrationUri), routeKey(route)).toMatch(new RegExp(`ImportValue.*${fnId}Arn`));
      expect(integration.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('puts the JWT authorizer on every route that is not public, and none on public ones', () => {
    const authorizers = synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Authorizer');
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    expect(Object.keys(authorizers)).toHaveLength(1);
    expect(props(authorizer)).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    // Issuer and audience come from the user pool and its app client in the auth stack.
    expect(JSON.stringify(props(authorizer).JwtConfiguration)).toMatch(/ProviderURL/);
    expect(JSON.stringify(props(authorizer).JwtConfiguration)).toContain(synth.ops.auth!.stackName);

    for (const route of ROUTES) {
      const found = props(routes().find((candidate) => props(candidate).RouteKey === routeKey(route))!);
      if (route.access === 'public') {
        expect(found.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(found.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(found.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(found.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('throttles the default stage and writes JSON access logs to a retained log group', () => {
    const stages = Object.values(synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = props(stages[0]!);
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const logs = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const groupId = Object.keys(synth.resources(synth.ops.api, 'AWS::Logs::LogGroup')).find((id) => JSON.stringify(logs.DestinationArn).includes(`"${id}"`));
    expect(groupId).toBeDefined();
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', sub: '$context.authorizer.claims.sub' });
  });

  it('answers CORS preflight only for the site origin', () => {
    const api = props(Object.values(synth.resources(synth.ops.api, 'AWS::ApiGatewayV2::Api'))[0]!);
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://pilot.example.gov.cn'] });
  });
});

describe('the schedules', () => {
  it.each(SCHEDULES.map((schedule) => [schedule.name, schedule] as const))('runs %s in its time zone with its name as input and a dead-letter queue', (name, definition) => {
    const schedules = Object.values(synth.resources(synth.ops.schedules, 'AWS::Scheduler::Schedule'));
    const found = schedules.find((schedule) => {
      const input = (props(schedule).Target as { Input: string }).Input;
      return (JSON.parse(input) as { schedule: string }).schedule === name;
    });
    expect(found).toBeDefined();
    const schedule = props(found!);
    expect(schedule).toMatchObject({ ScheduleExpression: definition.expression, ScheduleExpressionTimezone: 'Asia/Shanghai', State: 'ENABLED' });

    const target = schedule.Target as { Arn: unknown; Input: string; DeadLetterConfig: { Arn: unknown }; RoleArn: unknown };
    const fnId = synth.logicalId(synth.ops.schedules.functions.get(definition.handler)!.function);
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(JSON.parse(target.Input)).toEqual({ schedule: name });
    expect(target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [synth.logicalId(synth.ops.schedules.deadLetters), 'Arn'] });

    // The scheduler's role may invoke this function and write to the queue, nothing else.
    const roleId = (target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const granted = Object.values(synth.resources(synth.ops.schedules, 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(props(policy).Roles).includes(`"${roleId}"`))
      .flatMap((policy) => statements(props(policy).PolicyDocument));
    expect(granted.flatMap(actions).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(JSON.stringify(granted.find((statement) => actions(statement).includes('lambda:InvokeFunction'))?.Resource)).toContain(fnId);
  });

  it('keeps dead letters encrypted, TLS-only, and alarms on the first one', () => {
    const queue = props(resourceOf(synth, synth.ops.schedules.deadLetters));
    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    const alarms = Object.values(synth.resources(synth.ops.schedules, 'AWS::CloudWatch::Alarm'));
    expect(alarms.map((alarm) => props(alarm))).toContainEqual(
      expect.objectContaining({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    );
  });
});
