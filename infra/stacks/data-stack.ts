import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { BUCKETS, TABLES, type BucketKey, type KeyAttribute, type TableKey } from '../../shared/tables';
import type { PilotConfig } from '../config';
import { MalwareProtection } from '../constructs/malware-protection';

/** What compute needs from the data stack: every table and bucket, by the keys of `shared/tables.ts`. */
export interface DataStore {
  tables: Record<TableKey, dynamodb.ITable>;
  buckets: Record<BucketKey, s3.IBucket>;
}

export interface DataStackProps extends StackProps {
  config: PilotConfig;
}

/** Days after which access logs expire: above the six months the Cybersecurity Law (第二十一条) asks. */
export const ACCESS_LOG_DAYS = 400;

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * Everything stateful that is not identity: the tables and buckets, and in `aws` the evidence
 * bucket's malware protection plan (it belongs with the bucket whose policy keys on its tag). It
 * changes rarely and is never replaced, so compute stacks can be destroyed and redeployed around it.
 * Every table and bucket is retained on stack deletion and no physical name is set, so two stages
 * never collide in one account.
 */
export class DataStack extends Stack {
  readonly store: DataStore;
  /** Server access logs of both buckets and the distribution's standard logs. */
  readonly accessLogs: s3.Bucket;
  /** aws-cn only: the identity CloudFront reads the site with (see below); undefined means OAC. */
  readonly siteReader?: cloudfront.OriginAccessIdentity;
  /** aws only: GuardDuty scans every evidence object; the China regions do not offer it (docs/deploy.md). */
  readonly malwareProtection?: MalwareProtection;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;

    const tables = Object.fromEntries(
      Object.entries(TABLES).map(([key, definition]) => {
        const table = new dynamodb.Table(this, definition.logicalName, {
          partitionKey: attribute(definition.partitionKey),
          ...('sortKey' in definition ? { sortKey: attribute(definition.sortKey) } : {}),
          billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: true,
          encryption: dynamodb.TableEncryption.AWS_MANAGED,
          ...('timeToLiveAttribute' in definition ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
          removalPolicy: RemovalPolicy.RETAIN,
        });
        for (const index of definition.indexes) {
          table.addGlobalSecondaryIndex({
            indexName: index.indexName,
            partitionKey: attribute(index.partitionKey),
            ...('sortKey' in index ? { sortKey: attribute(index.sortKey) } : {}),
            projectionType: dynamodb.ProjectionType.ALL,
          });
        }
        return [key, table];
      }),
    ) as Record<TableKey, dynamodb.Table>;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront standard logging writes with an ACL grant, so ACLs stay enabled on this bucket only.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(ACCESS_LOG_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const evidence = new s3.Bucket(this, BUCKETS.evidence.logicalName, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(config.evidenceRetentionDays)),
      lifecycleRules: [
        {
          // Replaced versions are kept (they are evidence too) but rarely read: infrequent access.
          noncurrentVersionTransitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      // Browsers upload evidence straight to S3 with presigned POSTs; only the site may do so.
      cors: config.siteOrigin
        ? [
            {
              allowedOrigins: [config.siteOrigin],
              allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.HEAD],
              allowedHeaders: ['*'],
              exposedHeaders: ['ETag'],
              maxAge: 3000,
            },
          ]
        : [],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 's3/evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const site = new s3.Bucket(this, BUCKETS.site.logicalName, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    /*
     * CloudFront reads the site through Origin Access Control. The distribution lives in the web stack,
     * which depends on this one, so the grant cannot name its ID without a cycle: it names this
     * account's distributions instead, the same scoping CDK itself uses for OAC key policies.
     * CloudFront in the China regions has not offered OAC (CDK RFC 617), so there a legacy origin
     * access identity, created here for the same reason, is the reader.
     */
    if (config.partition === 'aws-cn') {
      this.siteReader = new cloudfront.OriginAccessIdentity(this, 'SiteReader', { comment: 'PilotOps site reader' });
      site.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowCloudFrontOriginAccessIdentity',
          principals: [this.siteReader.grantPrincipal],
          actions: ['s3:GetObject'],
          resources: [site.arnForObjects('*')],
        }),
      );
    } else {
      site.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowCloudFrontOriginAccessControl',
          principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
          actions: ['s3:GetObject'],
          resources: [site.arnForObjects('*')],
          conditions: {
            StringEquals: { 'AWS:SourceAccount': this.account },
            ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
          },
        }),
      );
    }

    if (config.partition === 'aws') this.malwareProtection = new MalwareProtection(this, 'EvidenceMalwareProtection', { bucket: evidence });

    this.store = { tables, buckets: { evidence, site } };
  }
}
