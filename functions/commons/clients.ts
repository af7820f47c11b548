import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * AWS clients, created once per execution environment. In AWS they take region and credentials from
 * the Lambda environment. On one machine the local stack sets AWS_ENDPOINT_URL_DYNAMODB and
 * AWS_ENDPOINT_URL_S3 (the SDK's own variables) and S3_FORCE_PATH_STYLE; nothing else differs.
 *
 * Checksums: recent SDKs add flexible checksums to every PutObject and may stream `aws-chunked`
 * bodies. S3 in AWS understands them; an S3-compatible server on loopback may store the chunk framing
 * verbatim. The SDK reads AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION, and the
 * local stack sets both to WHEN_REQUIRED; the setting is passed explicitly here so presigners made
 * from this client inherit it.
 */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});


export const s3 = new S3Client(s3ClientOptions(process.env));

export function s3ClientOptions(env: NodeJS.ProcessEnv): S3ClientConfig {
  const whenRequired = (value: string | undefined): 'WHEN_REQUIRED' | 'WHEN_SUPPORTED' =>
    value === 'WHEN_REQUIRED' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
  return {
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    requestChecksumCalculation: whenRequired(env.AWS_REQUEST_CHECKSUM_CALCULATION),
    responseChecksumValidation: whenRequired(env.AWS_RESPONSE_CHECKSUM_VALIDATION),
  };
}
