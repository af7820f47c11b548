import { startBenchStack } from './stack';
import { measureConcurrent, ms, percentile } from './stats';

/**
 * The local stack's cold start (engines up, tables and buckets made, gateway listening) and the
 * latency of a signed-in request that reads a table, through the gateway, at a few concurrencies.
 */
export async function benchLocalStack(): Promise<void> {
  const stack = await startBenchStack('bench');
  const { putPilot } = await import('../functions/commons/store/pilots');
  const { DEMO_PILOTS } = await import('../scripts/demo/pilots');
  for (const pilot of DEMO_PILOTS) await putPilot(pilot);

  const token = await stack.issuer.issue({ username: 'bench', password: '', name: 'bench', groups: ['bureau'], attributes: { pilot: 'wuqing-tech' } });
  const request = async (): Promise<void> => {
    const response = await fetch(`${stack.gateway.url}/api/pilots/wuqing-tech`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    await response.arrayBuffer();
  };
  const firstStarted = performance.now();
  await request();
  const firstRequest = performance.now() - firstStarted;

  const { enginesMs, bootstrapMs } = stack.timings;
  console.log('\n## local stack');
  console.log(`cold start: engines ${ms(enginesMs)}, tables+buckets+gateway ${ms(bootstrapMs)}, total ${ms(enginesMs + bootstrapMs)}`);
  console.log(`first request (handler cold import): ${ms(firstRequest)}`);
  for (const concurrency of [1, 10, 50]) {
    const durations = await measureConcurrent(1000, concurrency, request);
    console.log(`GET /pilots/{id} ×1000 at concurrency ${concurrency}: p50 ${ms(percentile(durations, 50))}, p99 ${ms(percentile(durations, 99))}`);
  }
  await stack.stop();
}
