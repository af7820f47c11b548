import { fileURLToPath } from 'node:url';
import type { Node } from 'constructs';
import { claimMappingFrom } from '../shared/claims';

/**
 * Deployment settings, read once from CDK context (`cdk.json` or `-c key=value`) and checked here,
 * so a stack never reads context itself and a wrong value fails synth with a clear message.
 */
export type Partition = 'aws' | 'aws-cn';

/** Issuer and audience the API's JWT authorizer trusts: the Cognito user pool, or an OIDC provider. */
export interface Identity {
  issuer: string;
  audience: string[];
}

/**
 * aws-cn: where the web app signs in at the external issuer (config.json `auth`, kind `oidc`,
 * web/src/lib/config.ts). Offline synth cannot read the issuer's discovery document, so the
 * endpoints come from context.
 */
export interface IssuerEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** The issuer's end-session URL, complete with its return parameters; opened as given. */
  logoutUrl?: string;
  /** The web app's client id: one of the authorizer's audience, so its ID tokens are accepted. */
  clientId: string;
  scope: string;
}

export interface PilotConfig {
  partition: Partition;
  stage: string;
  /** Origin of the web app (`https://pilot.example.gov.cn`): CORS on the API and evidence uploads. */
  siteOrigin?: string;
  /** Default GOVERNANCE retention of every evidence object version. */
  evidenceRetentionDays: number;
  /** aws-cn only: there are no Cognito user pools, so an external OIDC issuer signs the tokens. */
  oidc?: Identity;
  /** aws-cn: the issuer's endpoints for the web app; required once there is a web stack (siteDomain). */
  oidcEndpoints?: IssuerEndpoints;
  /** aws: prefix of the user pool's managed-login domain, `<prefix>.auth.<region>.amazoncognito.com`. */
  authDomainPrefix: string;
  /** The sign-in button's text (e.g. the province platform's name); the app's own wording when absent. */
  signInLabel?: string;
  /**
   * Optional custom domain of the distribution. `certificate` is an ACM certificate ARN in us-east-1
   * in `aws`, and an IAM server certificate ID in `aws-cn` (CloudFront there does not use ACM).
   */
  siteDomain?: { domainName: string; certificate: string };
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * How the identity provider names its claims (shared/claims.ts), as checked JSON for the functions'
   * CLAIM_MAPPING; absent means Cognito's own names.
   */
  claimMapping?: string;
  /** Notifications outside the app (issue 18): the timers' NOTIFY_* environment and what to grant them. */
  notify: NotifyDeployment;
}

export interface NotifyDeployment {
  /** NOTIFY_* variables of the functions that deliver (shared/notifications/config.ts reads them) */
  environment: Record<string, string>;
  /** aws: the SES identity (an address or its domain) the timers may send as */
  sesIdentity?: string;
  /** aws: SMS through SNS */
  snsSms: boolean;
  /** aws-cn: the Secrets Manager secret holding the SMS provider's signing key */
  smsSecretArn?: string;
}

/** Context keys this app reads; `docs/deploy.md` explains each. */
export const CONTEXT = {
  partition: 'partition',
  stage: 'stage',
  siteOrigin: 'siteOrigin',
  evidenceRetentionDays: 'evidenceRetentionDays',
  oidcIssuer: 'oidcIssuer',
  oidcAudience: 'oidcAudience',
  siteDomainName: 'siteDomainName',
  siteCertificate: 'siteCertificate',
  apiRateLimit: 'apiRateLimit',
  apiBurstLimit: 'apiBurstLimit',
  claimMapping: 'claimMapping',
  authDomainPrefix: 'authDomainPrefix',
  signInLabel: 'signInLabel',
  oidcAuthorizeUrl: 'oidcAuthorizeUrl',
  oidcTokenUrl: 'oidcTokenUrl',
  oidcLogoutUrl: 'oidcLogoutUrl',
  oidcClientId: 'oidcClientId',
  oidcScope: 'oidcScope',
  notifyEmailFrom: 'notifyEmailFrom',
  notifySms: 'notifySms',
  notifySmsProvider: 'notifySmsProvider',
  notifyWebhookHosts: 'notifyWebhookHosts',
} as const;

/**
 * Ten years: evidence backs central-fund disbursement and may be audited for years after acceptance.
 * GOVERNANCE (not COMPLIANCE) so an administrator holding s3:BypassGovernanceRetention can still
 * correct a mistaken upload.
 */
const DEFAULT_EVIDENCE_RETENTION_DAYS = 3650;

/** Repository root, for function entries and the lock file; independent of the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function readConfig(node: Node): PilotConfig {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
  };
  const positive = (key: string, fallback: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`context ${key} must be a positive integer, got ${raw}`);
    return value;
  };

  const partition = text(CONTEXT.partition) ?? 'aws';
  if (partition !== 'aws' && partition !== 'aws-cn') throw new Error(`context partition must be aws or aws-cn, got ${partition}`);

  const stage = text(CONTEXT.stage) ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`context stage must be lower-case letters, digits and dashes, got ${stage}`);

  const siteOrigin = text(CONTEXT.siteOrigin);
  if (siteOrigin !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(siteOrigin) && !/^http:\/\/localhost(:\d+)?$/.test(siteOrigin)) {
    throw new Error(`context siteOrigin must be an https origin without a path, got ${siteOrigin}`);
  }

  // Cognito's rules for a prefix (aws-cn has no pool to use it); it must also be unused in the
  // region, which only a deploy finds out.
  const authDomainPrefix = text(CONTEXT.authDomainPrefix) ?? `pilotops-${stage}`;
  const validPrefix = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix) && !/aws|amazon|cognito/.test(authDomainPrefix);
  if (partition === 'aws' && !validPrefix) {
    throw new Error(`context authDomainPrefix must be lower-case letters, digits and inner dashes without aws, amazon or cognito, got ${authDomainPrefix}`);
  }

  const config: PilotConfig = {
    partition,
    stage,
    authDomainPrefix,
    evidenceRetentionDays: positive(CONTEXT.evidenceRetentionDays, DEFAULT_EVIDENCE_RETENTION_DAYS),
    // Far above what the pilot's few thousand users send; a runaway client hits 429s, not the bill.
    throttle: { rateLimit: positive(CONTEXT.apiRateLimit, 200), burstLimit: positive(CONTEXT.apiBurstLimit, 400) },
    notify: readNotify(node, text, partition, siteOrigin),
  };
  if (siteOrigin !== undefined) config.siteOrigin = siteOrigin;
  const signInLabel = text(CONTEXT.signInLabel);
  if (signInLabel !== undefined) config.signInLabel = signInLabel;

  const issuer = text(CONTEXT.oidcIssuer);
  const audience = (text(CONTEXT.oidcAudience) ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  if (partition === 'aws-cn') {
    if (issuer === undefined || audience.length === 0) {
      throw new Error('aws-cn has no Cognito user pools: pass -c oidcIssuer=https://… -c oidcAudience=<client id>');
    }
    if (!issuer.startsWith('https://')) throw new Error(`context oidcIssuer must be an https URL, got ${issuer}`);
    config.oidc = { issuer, audience };
  }

  // A JSON object in cdk.json, or its text on the command line; checked here so a typo fails synth.
  const mapping: unknown = node.tryGetContext(CONTEXT.claimMapping);
  if (mapping !== undefined && mapping !== null && mapping !== '') {
    const json = typeof mapping === 'string' ? mapping : JSON.stringify(mapping);
    config.claimMapping = JSON.stringify(claimMappingFrom(json));
  }

  const domainName = text(CONTEXT.siteDomainName);
  const certificate = text(CONTEXT.siteCertificate);
  if ((domainName === undefined) !== (certificate === undefined)) {
    throw new Error('context siteDomainName and siteCertificate go together');
  }
  if (domainName !== undefined && certificate !== undefined) config.siteDomain = { domainName, certificate };

  if (config.oidc) {
    const endpoints = readIssuerEndpoints(text, config.oidc.audience);
    // The web stack (aws-cn: only with a site domain) writes them into config.json; without them nobody could sign in.
    if (endpoints === undefined && config.siteDomain) {
      throw new Error('aws-cn web app signs in at the OIDC issuer: pass -c oidcAuthorizeUrl=https://… -c oidcTokenUrl=https://…');
    }
    if (endpoints !== undefined) config.oidcEndpoints = endpoints;
  }
  return config;
}

function readIssuerEndpoints(text: (key: string) => string | undefined, audience: string[]): IssuerEndpoints | undefined {
  const https = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && !/^https:\/\/[^\s/]+/.test(value)) throw new Error(`context ${key} must be an https URL, got ${value}`);
    return value;
  };
  const authorizeUrl = https(CONTEXT.oidcAuthorizeUrl);
  const tokenUrl = https(CONTEXT.oidcTokenUrl);
  const logoutUrl = https(CONTEXT.oidcLogoutUrl);
  if (authorizeUrl === undefined && tokenUrl === undefined) return undefined;
  if (authorizeUrl === undefined || tokenUrl === undefined) throw new Error('context oidcAuthorizeUrl and oidcTokenUrl go together');

  const clientId = text(CONTEXT.oidcClientId) ?? audience[0]!;
  if (!audience.includes(clientId)) throw new Error(`context oidcClientId ${clientId} is not in oidcAudience: the authorizer would refuse its ID tokens`);
  const scope = text(CONTEXT.oidcScope) ?? 'openid profile';
  if (!scope.split(/\s+/).includes('openid')) throw new Error(`context oidcScope must include openid (the API takes the ID token), got ${scope}`);
  return { authorizeUrl, tokenUrl, clientId, scope, ...(logoutUrl !== undefined ? { logoutUrl } : {}) };
}

/**
 * Notifications (docs/deploy.md "Notifications"): email through SES in aws (`notifyEmailFrom`, a
 * verified identity); SMS through SNS in aws (`notifySms=sns`), and in aws-cn, where SNS sends no
 * SMS, through a domestic provider over HTTPS (`notifySms=provider` and `notifySmsProvider`, JSON
 * `{url, signName, template, keyId, secretArn}`); group robots to `notifyWebhookHosts` (企业微信 and
 * 钉钉 by default). Every message links to the web app, so a channel needs `siteOrigin`.
 */
function readNotify(node: Node, text: (key: string) => string | undefined, partition: Partition, siteOrigin: string | undefined): NotifyDeployment {
  const environment: Record<string, string> = {};
  const deployment: NotifyDeployment = { environment, snsSms: false };
  const hosts = text(CONTEXT.notifyWebhookHosts);
  if (hosts !== undefined) environment.NOTIFY_WEBHOOK_HOSTS = hosts;
  const from = text(CONTEXT.notifyEmailFrom);
  const sms = text(CONTEXT.notifySms);
  if ((from !== undefined || sms !== undefined) && siteOrigin === undefined) throw new Error('notifications link to the web app: pass -c siteOrigin=https://… with notifyEmailFrom or notifySms');
  if (siteOrigin !== undefined) environment.NOTIFY_APP_URL = siteOrigin;
  if (from !== undefined) {
    if (partition === 'aws-cn') throw new Error('SES is not offered in aws-cn: leave notifyEmailFrom out there (SMS and group robots still reach people)');
    const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw new Error(`context notifyEmailFrom must be an email address, got ${from}`);
    Object.assign(environment, { NOTIFY_EMAIL: 'ses', NOTIFY_EMAIL_FROM: from });
    deployment.sesIdentity = address.split('@')[1];
  }
  if (sms === 'sns') {
    if (partition === 'aws-cn') throw new Error('SNS sends no SMS in aws-cn: pass -c notifySms=provider with notifySmsProvider');
    environment.NOTIFY_SMS = 'sns';
    deployment.snsSms = true;
  } else if (sms === 'provider') {
    const raw: unknown = node.tryGetContext(CONTEXT.notifySmsProvider);
    const provider = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown> | undefined;
    const field = (name: string): string => {
      const value = provider?.[name];
      if (typeof value !== 'string' || value === '') throw new Error(`context notifySmsProvider needs ${name}`);
      return value;
    };
    const url = field('url');
    if (!url.startsWith('https://')) throw new Error(`context notifySmsProvider.url must be https, got ${url}`);
    const secretArn = field('secretArn');
    Object.assign(environment, {
      NOTIFY_SMS: 'provider',
      NOTIFY_SMS_PROVIDER_URL: url,
      NOTIFY_SMS_SIGN_NAME: field('signName'),
      NOTIFY_SMS_TEMPLATE: field('template'),
      NOTIFY_SMS_KEY_ID: field('keyId'),
      NOTIFY_SMS_SECRET_ARN: secretArn,
    });
    deployment.smsSecretArn = secretArn;
  } else if (sms !== undefined) throw new Error(`context notifySms must be sns or provider, got ${sms}`);
  return deployment;
}
