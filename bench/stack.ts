import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ensureDynamoDbLocal, startDynamoDbLocal, startS3Server } from '../scripts/local/engines';
import { applyEnvironment, localEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/env';
import { ensureBuckets, ensureTables } from '../scripts/local/bootstrap';
import { createLocalIssuer, type LocalIssuer } from '../scripts/local/auth';
import type { RunningGateway } from '../scripts/local/gateway';

/** A fresh local stack for a benchmark: in-memory DynamoDB Local, s3rver in a temp dir, the gateway. */
export interface BenchStack {
  gateway: RunningGateway;
  issuer: LocalIssuer;
  env: Record<string, string>;
  timings: { enginesMs: number; bootstrapMs: number };
  stop(): Promise<void>;
}

export async function startBenchStack(prefix: string): Promise<BenchStack> {
  await ensureDynamoDbLocal();
  const s3Directory = mkdtempSync(join(tmpdir(), 'pilotops-bench-s3-'));
  const started = performance.now();
  const [dynamoEngine, s3Engine] = await Promise.all([startDynamoDbLocal({}), startS3Server({ directory: s3Directory })]);
  const enginesUp = performance.now();
  const env = localEnvironment({ dynamoEndpoint: dynamoEngine.endpoint, s3Endpoint: s3Engine.endpoint, prefix });
  applyEnvironment(env);
  const clientOptions = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  await ensureTables(new DynamoDBClient({ ...clientOptions, endpoint: dynamoEngine.endpoint }), env);
  await ensureBuckets(new S3Client({ ...clientOptions, endpoint: s3Engine.endpoint, forcePathStyle: true }), env);
  const { startGateway } = await import('../scripts/local/gateway');
  const { s3 } = await import('../functions/commons/clients');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  const gateway = await startGateway({ issuer, accounts: [], s3, siteBucket: env.SITE_BUCKET ?? '' });
  const ready = performance.now();
  return {
    gateway,
    issuer,
    env,
    timings: { enginesMs: enginesUp - started, bootstrapMs: ready - enginesUp },
    async stop() {
      await gateway.close();
      await Promise.all([dynamoEngine.stop(), s3Engine.stop()]);
      rmSync(s3Directory, { recursive: true, force: true });
    },
  };
}
