import type { TestProject } from 'vitest/node';
import { ensureDynamoDbLocal, startDynamoDbLocal, startS3Server, type RunningEngine } from '../../scripts/local/engines';

/**
 * Starts one DynamoDB Local (in memory) and one s3rver (temp directory) for the whole integration
 * run; test files isolate themselves by table and bucket prefix (see support/stack.ts), which is far
 * cheaper than a JVM per file. The endpoints reach test files via inject() (support/provided.d.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureDynamoDbLocal();
  const results = await Promise.allSettled([startDynamoDbLocal({}), startS3Server({})]);
  const engines = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(engines.map((engine: RunningEngine) => engine.stop()));
  };

  const [dynamo, s3] = results;
  if (dynamo?.status !== 'fulfilled' || s3?.status !== 'fulfilled') {
    // Do not leave the one that did start running behind a failed setup.
    await stopAll();
    const failure = results.find((result) => result.status === 'rejected');
    throw failure?.reason instanceof Error ? failure.reason : new Error(String(failure?.reason));
  }

  project.provide('dynamoEndpoint', dynamo.value.endpoint);
  project.provide('s3Endpoint', s3.value.endpoint);
  return stopAll;
}
