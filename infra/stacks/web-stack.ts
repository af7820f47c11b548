import { Annotations, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { PUBLIC_DATA_PREFIX } from '../../shared/tables';
import type { OidcAuthConfig, RuntimeConfig } from '../../web/src/lib/config';
import type { PilotConfig } from '../config';
import { LOG_RETENTION } from '../constructs/pilot-function';
import { acknowledgeWildcardBelow } from '../nag';

export interface WebStackProps extends StackProps {
  config: PilotConfig;
  site: s3.IBucket;
  evidence: s3.IBucket;
  accessLogs: s3.IBucket;
  /** aws-cn: the origin access identity the data stack granted; otherwise OAC is used. */
  siteReader?: cloudfront.IOriginAccessIdentity;
  /** Origin of the API (`https://…execute-api…`), allowed in the page's connect-src. */
  apiUrl: string;
  /** Origin the browser signs in against (Cognito, or the OIDC issuer), allowed in connect-src. */
  identityOrigin: string;
  /** How the web app signs in: the `auth` block of its config.json. */
  signIn: OidcAuthConfig;
}

/**
 * The web app on CloudFront. Hashed assets take the default long cache; `index.html`, `config.json`
 * and the public `/data/` snapshots a short one so a deploy or a new snapshot shows within minutes. Client-side
 * routes fall back to `/index.html` (the bucket answers 403 for a missing key, as CloudFront may not
 * list it). The API is not routed through here; see the API stack.
 *
 * The stack writes `/config.json` (web/src/lib/config.ts) itself, with the API's URL and the
 * sign-in settings, so a deploy of the app's files never has to copy them from stack outputs.
 */
export class WebStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  /** What `/config.json` says (with tokens until deploy). */
  readonly siteConfig: RuntimeConfig;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;

    // Imported by attributes, not passed as a construct: the bucket policy stays in the data stack
    // (it already grants this account's distributions), which avoids a data ↔ web reference cycle.
    const site = s3.Bucket.fromBucketAttributes(this, 'SiteBucket', {
      bucketArn: props.site.bucketArn,
      bucketName: props.site.bucketName,
      bucketRegionalDomainName: props.site.bucketRegionalDomainName,
    });
    const origin = props.siteReader
      ? S3BucketOrigin.withOriginAccessIdentity(site, { originAccessIdentity: props.siteReader })
      : S3BucketOrigin.withOriginAccessControl(site);
    const granted = 'the data stack grants CloudFront read access to the site bucket in its own bucket policy';
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac', granted);
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOai', granted);

    const evidenceOrigin = `https://${props.evidence.bucketRegionalDomainName}`;
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      // Svelte transitions insert <style> elements at run time.
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${evidenceOrigin}`,
      `connect-src 'self' ${props.apiUrl} ${props.identityOrigin} ${evidenceOrigin}`,
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      `form-action 'self' ${evidenceOrigin}`,
      "frame-ancestors 'none'",
      'upgrade-insecure-requests',
    ].join('; ');

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'PilotOps: CSP, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const shortCache = new cloudfront.CachePolicy(this, 'ShortCache', {
      comment: 'PilotOps: index.html, config.json and public data snapshots',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.minutes(5),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const behaviour = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: headers,
    });

    const domain = config.siteDomain;
    this.distribution = new cloudfront.Distribution(this, 'Site', {
      comment: `PilotOps ${config.stage}`,
      defaultRootObject: 'index.html',
      // Hashed file names: cache long, honouring the Cache-Control the deploy sets.
      defaultBehavior: behaviour(cloudfront.CachePolicy.CACHING_OPTIMIZED),
      additionalBehaviors: {
        [`/${PUBLIC_DATA_PREFIX}*`]: behaviour(shortCache),
        '/index.html': behaviour(shortCache),
        // Written per deploy with the API URL and sign-in settings (web/src/lib/config.ts).
        '/config.json': behaviour(shortCache),
      },
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(10),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(domain && config.partition === 'aws'
        ? {
            domainNames: [domain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificate),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    if (domain && config.partition === 'aws-cn') {
      // CloudFront in China takes no ACM certificate: an IAM server certificate, via the L1.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.certificate,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }

    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'the public disclosure pages are for anyone (DOMAIN.md, public role); no country is excluded' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'serves only static files and public snapshots; the API is not behind it. A WAF web ACL (us-east-1 in aws) is an operations decision, see docs/deploy.md',
      },
    );
    if (!domain || config.partition === 'aws-cn') {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: domain
          ? 'TLSv1.2_2021 is set through the property override above, which cdk-nag does not see'
          : 'the default *.cloudfront.net certificate cannot set a minimum protocol; a custom domain (siteDomainName) sets TLSv1.2_2021',
      });
    }

    this.siteConfig = { apiBase: props.apiUrl, auth: props.signIn };
    this.writeSiteConfig(site, props.site);

    new CfnOutput(this, 'SiteUrl', { value: `https://${domain?.domainName ?? this.distribution.distributionDomainName}` });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteBucketName', { value: props.site.bucketName });
  }

  /**
   * CDK's bucket deployment (a Lambda-backed custom resource) puts the one file; its markers carry
   * the deploy-time values (API URL, client id). `prune: false` is what keeps the rest of the
   * bucket, the app's files and the functions' `data/` snapshots, from being deleted with it.
   * No invalidation: `/config.json` is cached for at most five minutes (ShortCache).
   * `imported` is the site bucket as this stack imports it; `owned` the data stack's construct, whose
   * names cdk-nag uses for the wildcard below it.
   */
  private writeSiteConfig(imported: s3.IBucket, owned: s3.IBucket): void {
    const deployment = new s3deploy.BucketDeployment(this, 'SiteConfig', {
      sources: [s3deploy.Source.jsonData('config.json', this.siteConfig)],
      destinationBucket: imported,
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      contentType: 'application/json',
      logGroup: new logs.LogGroup(this, 'SiteConfigLogs', { retention: LOG_RETENTION }),
    });

    // The handler is CDK's, shared by every bucket deployment of the stack; it runs only during a deploy.
    const handler = deployment.handlerRole.node.scope;
    if (handler === undefined) throw new Error('bucket deployment handler role has no function');
    const grants = 'CDK grants its bucket-deployment handler these action groups to copy the asset; it writes only config.json (prune: false)';
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason: 'the bucket-deployment handler and its Python runtime come with aws-cdk-lib and are updated with it' },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK gives its bucket-deployment handler the basic execution role for its own logs; nothing beyond writing them',
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: grants })),
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: 'reads the deploy’s config.json asset from the CDK bootstrap bucket, whose keys are content hashes',
      },
    );
    acknowledgeWildcardBelow(handler, owned, owned.bucketArn, '/*', 'writes config.json at the root of the site bucket; CDK grants the bucket’s objects');
  }
}
