import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ensureDynamoDbLocal, startDynamoDbLocal, startS3Server } from '../scripts/local/engines';
import { applyEnvironment, localEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/env';
import { ensureBuckets, ensureTables } from '../scripts/local/bootstrap';
import { createLocalIssuer } from '../scripts/local/auth';
import { measureConcurrent, ms, percentile } from './stats';

/**
 * The local stack's cold start (engines up, tables and buckets made, gateway listening) and the
 * latency of a signed-in request that reads a table, through the gateway, at a few concurrencies.
 */
export async function benchLocalStack(): Promise<void> {
  await ensureDynamoDbLocal();
  const s3Directory = mkdtempSync(join(tmpdir(), 'pilotops-bench-s3-'));
  const started = performance.now();
  const [dynamoEngine, s3Engine] = await Promise.all([startDynamoDbLocal({}), startS3Server({ directory: s3Directory })]);
  const enginesUp = performance.now();
  const env = localEnvironment({ dynamoEndpoint: dynamoEngine.endpoint, s3Endpoint: s3Engine.endpoint, prefix: 'bench' });
  applyEnvironment(env);
  const clientOptions = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  await ensureTables(new DynamoDBClient({ ...clientOptions, endpoint: dynamoEngine.endpoint }), env);
  await ensureBuckets(new S3Client({ ...clientOptions, endpoint: s3Engine.endpoint, forcePathStyle: true }), env);
  const { startGateway } = await import('../scripts/local/gateway');
  const { s3 } = await import('../functions/commons/clients');
  const { putPilot } = await import('../functions/commons/store/pilots');
  const { DEMO_PILOTS } = await import('../scripts/demo/pilots');
  const issuer = await createLocalIssuer('http://127.0.0.1/local-auth');
  const gateway = await startGateway({ issuer, accounts: [], s3, siteBucket: env.SITE_BUCKET ?? '' });
  const ready = performance.now();
  for (const pilot of DEMO_PILOTS) await putPilot(pilot);

  const token = await issuer.issue({ username: 'bench', password: '', name: 'bench', groups: ['bureau'], attributes: { pilot: 'wuqing-tech' } });
  const request = async (): Promise<void> => {
    const response = await fetch(`${gateway.url}/api/pilots/wuqing-tech`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    await response.arrayBuffer();
  };
  const firstStarted = performance.now();
  await request();
  const firstRequest = performance.now() - firstStarted;

  console.log('\n## local stack');
  console.log(`cold start: engines ${ms(enginesUp - started)}, tables+buckets+gateway ${ms(ready - enginesUp)}, total ${ms(ready - started)}`);
  console.log(`first request (handler cold import): ${ms(firstRequest)}`);
  for (const concurrency of [1, 10, 50]) {
    const durations = await measureConcurrent(1000, concurrency, request);
    console.log(`GET /pilots/{id} ×1000 at concurrency ${concurrency}: p50 ${ms(percentile(durations, 50))}, p99 ${ms(percentile(durations, 99))}`);
  }
  await gateway.close();
  await Promise.all([dynamoEngine.stop(), s3Engine.stop()]);
  rmSync(s3Directory, { recursive: true, force: true });
}
