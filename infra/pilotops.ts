import { Annotations, App, Tags, type Environment, type Stack } from 'aws-cdk-lib';
import { EVENT_HANDLERS } from '../shared/events';
import type { OidcAuthConfig } from '../web/src/lib/config';
import { readConfig, type Identity, type IssuerEndpoints, type PilotConfig } from './config';
import { AlarmsStack } from './stacks/alarms-stack';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { EventsStack } from './stacks/events-stack';
import { SchedulesStack } from './stacks/schedules-stack';
import { WebStack } from './stacks/web-stack';

/**
 * Feature flags this app is written against, fixed here as `cdk init` would fix them in cdk.json so
 * an upgrade of aws-cdk-lib cannot change the synthesized templates silently. CLI and cdk.json
 * context still win over these.
 */
export const FEATURE_FLAGS: Record<string, unknown> = {
  '@aws-cdk/core:target-partitions': ['aws', 'aws-cn'],
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/core:includePrefixInUniqueNameGeneration': true,
  '@aws-cdk/core:checkSecretUsage': true,
  // Exports and Fn::ImportValue: a consumer keeps the data stack from being deleted under it, and the
  // newer Fn::GetStackOutput ("weak") is not something to rely on in aws-cn yet.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-s3:publicAccessBlockedByDefault': true,
  '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps': true,
};

export interface PilotOps {
  config: PilotConfig;
  /** The topic every alarm notifies. */
  alarms: AlarmsStack;
  data: DataStack;
  /** Absent in aws-cn, where an external OIDC issuer replaces the user pool. */
  auth?: AuthStack;
  api: ApiStack;
  schedules: SchedulesStack;
  /** Absent where no entry of shared/events.ts applies (aws-cn: no GuardDuty malware scanning there). */
  events?: EventsStack;
  /** Absent in aws-cn until a site domain is given: CloudFront there serves only an ICP-recorded domain. */
  web?: WebStack;
  stacks: Stack[];
}

/** `https://host` of a URL that may hold deploy-time tokens (Cognito's domain), so not parsed. */
function originOf(url: string): string {
  const match = /^https:\/\/[^/?#]+/.exec(url);
  if (!match) throw new Error(`not an https URL: ${url}`);
  return match[0];
}

/** An App carrying this project's feature flags under the given context (tests pass theirs here). */
export function createApp(context: Record<string, unknown> = {}, outdir?: string): App {
  return new App({ context: { ...FEATURE_FLAGS, ...context }, ...(outdir ? { outdir } : {}) });
}

/**
 * The whole deployment, split by concern and by state: data (tables, buckets) and auth (users) are
 * stateful and retained, alarms holds the topic people subscribe to; api, schedules, events and web
 * hold no state and can be replaced freely.
 */
export function buildPilotOps(app: App, env?: Environment): PilotOps {
  const config = readConfig(app.node);
  const prefix = `PilotOps-${config.stage}`;
  const common = { ...(env ? { env } : {}), terminationProtection: config.stage === 'prod' };

  const alarms = new AlarmsStack(app, `${prefix}-Alarms`, { ...common, description: 'PilotOps alarm topic (subscriptions are kept)' });
  const alarmTopic = alarms.topic;
  const data = new DataStack(app, `${prefix}-Data`, { ...common, config, description: 'PilotOps tables and buckets (stateful)' });
  if (!config.siteOrigin) {
    Annotations.of(data).addWarningV2(
      'pilotops:noSiteOrigin',
      'no -c siteOrigin: the API and the evidence bucket allow no browser origin (CORS), and the Cognito client has no sign-in callback, so the web app cannot sign in or call them yet',
    );
  }

  let auth: AuthStack | undefined;
  let identity: Identity;
  // Where the web app signs in; undefined only in aws-cn without a web stack (no site domain).
  let signIn: IssuerEndpoints | undefined;
  if (config.oidc) {
    identity = config.oidc;
    signIn = config.oidcEndpoints;
  } else {
    auth = new AuthStack(app, `${prefix}-Auth`, {
      ...common,
      domainPrefix: config.authDomainPrefix,
      ...(config.siteOrigin ? { siteOrigin: config.siteOrigin } : {}),
      description: 'PilotOps Cognito user pool (stateful)',
    });
    identity = auth.identity;
    signIn = auth.signIn;
  }

  const compute = { ...(env ? { env } : {}) };
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...compute,
    config,
    store: data.store,
    identity,
    alarmTopic,
    description: 'PilotOps HTTP API and its functions',
  });
  const schedules = new SchedulesStack(app, `${prefix}-Schedules`, {
    ...compute,
    store: data.store,
    alarmTopic,
    notify: config.notify,
    description: 'PilotOps timers on EventBridge Scheduler',
  });
  const handlers = EVENT_HANDLERS.filter((definition) => definition.partitions.some((partition) => partition === config.partition));
  const events = handlers.length > 0
    ? new EventsStack(app, `${prefix}-Events`, { ...compute, store: data.store, alarmTopic, handlers, description: 'PilotOps functions called by AWS service events' })
    : undefined;

  let web: WebStack | undefined;
  if (signIn && (config.partition === 'aws' || config.siteDomain)) {
    const webSignIn: OidcAuthConfig = { kind: 'oidc', ...signIn, ...(config.signInLabel ? { label: config.signInLabel } : {}) };
    web = new WebStack(app, `${prefix}-Web`, {
      ...compute,
      config,
      site: data.store.buckets.site,
      evidence: data.store.buckets.evidence,
      accessLogs: data.accessLogs,
      ...(data.siteReader ? { siteReader: data.siteReader } : {}),
      apiUrl: api.url,
      // The browser POSTs the code to the token endpoint; the authorize and logout pages are navigations.
      identityOrigin: originOf(signIn.tokenUrl),
      signIn: webSignIn,
      description: 'PilotOps web app on CloudFront',
    });
  } else {
    Annotations.of(data).addWarningV2(
      'pilotops:webNeedsDomain',
      'aws-cn: no web stack until -c siteDomainName and -c siteCertificate are given (CloudFront in China serves only an ICP-recorded domain)',
    );
  }

  const stacks: Stack[] = [alarms, data, ...(auth ? [auth] : []), api, schedules, ...(events ? [events] : []), ...(web ? [web] : [])];
  for (const stack of stacks) {
    Tags.of(stack).add('project', 'pilotops');
    Tags.of(stack).add('stage', config.stage);
  }
  return { config, alarms, data, ...(auth ? { auth } : {}), api, schedules, ...(events ? { events } : {}), ...(web ? { web } : {}), stacks };
}
