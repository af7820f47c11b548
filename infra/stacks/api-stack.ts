import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { handlerId, handlerModules, ROUTES, routeKey, type RouteDefinition } from '../../shared/routes';
import type { Identity, PilotConfig } from '../config';
import { LOG_RETENTION, PilotFunction } from '../constructs/pilot-function';
import type { DataStore } from './data-stack';

export interface ApiStackProps extends StackProps {
  config: PilotConfig;
  store: DataStore;
  identity: Identity;
  alarmTopic: sns.ITopic;
}

/**
 * One access-log line per request, HTTP API variables only. The caller's `sub` is kept so a request
 * can be traced to a person (Cybersecurity Law 第二十一条: logs of network operation and access).
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latency: '$context.responseLatency',
    sub: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * Compute for the HTTP API: one function per handler module of `shared/routes.ts`, one route per
 * entry. Every route sits behind the JWT authorizer unless the table marks it `public`; role checks
 * happen in the handler chain, which reads the same table.
 *
 * The web app calls this API on its own origin (output `ApiUrl`), not through CloudFront under
 * `/api/*`: the routes in `shared/routes.ts` have no prefix, and stripping one at the edge would
 * need a CloudFront Function and a second meaning of every path.
 */
export class ApiStack extends Stack {
  readonly api: apigw.HttpApi;
  /** `https://{id}.execute-api.{region}.{suffix}/`: what the web app calls. */
  readonly url: string;
  readonly functions: ReadonlyMap<string, PilotFunction>;
  readonly serverErrorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, store, identity, alarmTopic } = props;

    const functions = new Map<string, PilotFunction>();
    for (const handler of handlerModules()) {
      const routes: readonly RouteDefinition[] = ROUTES.filter((route) => route.handler === handler);
      const summaries = routes.map((route) => `${routeKey(route)} ${route.summary}`);
      const deletesEvidence = routes.some((route) => route.deletesEvidence === true);
      functions.set(handler, new PilotFunction(this, handlerId(handler), { module: `api/${handler}`, description: summaries.join('; '), store, deletesEvidence, alarmTopic, ...(config.claimMapping ? { claimMapping: config.claimMapping } : {}) }));
    }
    this.functions = functions;
    // Issue 18: the robots route checks a robot's host against the list the notifying timers use.
    const webhookHosts = config.notify.environment.NOTIFY_WEBHOOK_HOSTS;
    if (webhookHosts !== undefined) functions.get('notifications/robots')?.function.addEnvironment('NOTIFY_WEBHOOK_HOSTS', webhookHosts);

    const authorizer = new HttpJwtAuthorizer('Jwt', identity.issuer, {
      jwtAudience: identity.audience,
      identitySource: ['$request.header.Authorization'],
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'PilotOps 试点通 API',
      createDefaultStage: false,
      // Secure by default: a route that forgets its authorizer still demands a token.
      defaultAuthorizer: authorizer,
      ...(config.siteOrigin
        ? {
            corsPreflight: {
              allowOrigins: [config.siteOrigin],
              allowMethods: [
                apigw.CorsHttpMethod.GET,
                apigw.CorsHttpMethod.POST,
                apigw.CorsHttpMethod.PUT,
                apigw.CorsHttpMethod.PATCH,
                apigw.CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const [handler, fn] of functions) integrations.set(handler, new HttpLambdaIntegration(`${handlerId(handler)}Integration`, fn.function));

    const none = new apigw.HttpNoneAuthorizer();
    for (const route of ROUTES) {
      const integration = integrations.get(route.handler);
      if (integration === undefined) throw new Error(`no function for ${route.handler}`);
      const added = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: route.access === 'public' ? none : authorizer,
      });
      if (route.access === 'public') {
        for (const httpRoute of added) {
          Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${routeKey(route)} is public in shared/routes.ts (${route.summary})` });
        }
      }
    }

    // Handlers turn an internal error into a 500 without failing the function, so this is where such
    // errors surface; for a few thousand users any 5xx is a fault worth a look, not noise.
    this.serverErrorsAlarm = new cloudwatch.Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: 'PilotOps API answered 5xx (internal errors, integration failures or timeouts)',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.serverErrorsAlarm.addAlarmAction(new SnsAction(alarmTopic));
    this.serverErrorsAlarm.addOkAction(new SnsAction(alarmTopic));

    this.url = stage.url;
    new CfnOutput(this, 'ApiUrl', { value: this.url });
  }
}
