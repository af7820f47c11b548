import { BUCKETS, TABLES } from '../../shared/tables';

/**
 * Fixed, fake credentials for the local engines. DynamoDB Local keeps one database per access key
 * and region, and s3rver is told to accept this pair, so every local client must use exactly it.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/**
 * The environment a handler needs on one machine. Physical names carry a prefix so that several
 * stacks (one per test file, or a developer's own) share one engine without seeing each other.
 * Everything else is the SDK's own configuration, so the app code has no local branch.
 */
export function localEnvironment(options: { dynamoEndpoint: string; s3Endpoint: string; prefix: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const table of Object.values(TABLES)) env[table.envVar] = `${options.prefix}-${table.logicalName}`;
  // Bucket names must be lower case (and DNS-like); table names may keep the logical casing.
  for (const bucket of Object.values(BUCKETS)) env[bucket.envVar] = `${options.prefix}-${bucket.logicalName}`.toLowerCase();
  return {
    ...env,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: options.s3Endpoint,
    // Loopback has no per-bucket DNS names; clients.ts reads this into forcePathStyle.
    S3_FORCE_PATH_STYLE: 'true',
    // Without these the SDK streams PutObject bodies as `aws-chunked` with a trailing checksum, which
    // s3rver stores verbatim (chunk framing included), and presigned URLs carry a checksum of the
    // empty body they were signed with.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
}

/** Writes the environment into process.env (before any app module that reads it is imported). */
export function applyEnvironment(env: Record<string, string>): void {
  Object.assign(process.env, env);
}
