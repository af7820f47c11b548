import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { ensureBuckets, ensureTables } from '../../../scripts/local/bootstrap';
import { applyEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION, localEnvironment } from '../../../scripts/local/env';

/**
 * Gives the calling test file its own tables and buckets on the shared engines, and points
 * process.env at them. Call it in beforeAll BEFORE importing any app module (`await import(...)`):
 * functions/commons/clients.ts and config.ts read the environment once, at module load. Vitest
 * loads modules afresh for every test file, so each file's app modules see its own prefix.
 */
export async function useLocalStack(): Promise<{ env: Record<string, string>; prefix: string }> {
  // A letter first and lower-case hex after: valid in both table and bucket names.
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const env = localEnvironment({ dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint'), prefix });
  applyEnvironment(env);

  // Bootstrap clients configured explicitly (not from process.env), so they are independent of it.
  const region = LOCAL_REGION;
  const credentials = LOCAL_CREDENTIALS;
  const dynamo = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region, credentials });
  const s3 = new S3Client({
    endpoint: env.AWS_ENDPOINT_URL_S3,
    region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await Promise.all([ensureTables(dynamo, env), ensureBuckets(s3, env)]);
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
  return { env, prefix };
}
