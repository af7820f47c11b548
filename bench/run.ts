import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchBundles } from './bundles';
import { benchDeadlines } from './deadlines';
import { benchEvidence } from './evidence';
import { benchLifecycle } from './lifecycle';
import { benchLocalStack } from './local-stack';
import { benchWeb } from './web';

/**
 * `npm run bench [-- --only name]`: every benchmark prints its figures. Benchmarks measure; they never
 * pass or fail on a time (tests do not time things).
 *
 * Without `--only`, each benchmark runs in a process of its own, one after another: the handlers'
 * AWS clients and table names are made once per process at import (functions/commons/clients.ts,
 * config.ts), so a second benchmark in the same process would talk to the first one's engines, long
 * stopped (ECONNREFUSED), and its "cold" imports would be warm.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  'local-stack': benchLocalStack,
  lifecycle: benchLifecycle,
  bundles: benchBundles,
  web: benchWeb,
  evidence: benchEvidence,
  deadlines: benchDeadlines,
};

const { values } = parseArgs({ options: { only: { type: 'string' } } });
if (values.only) {
  const bench = BENCHES[values.only];
  if (!bench) throw new Error(`no benchmark named ${values.only}; known: ${Object.keys(BENCHES).join(', ')}`);
  await bench();
} else {
  const failed: string[] = [];
  for (const name of Object.keys(BENCHES)) {
    // The same Node with the same loader (tsx) that runs this file.
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--only', name], { stdio: 'inherit', env: process.env });
    if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
  }
  if (failed.length > 0) {
    console.error(`\nbenchmarks that did not finish: ${failed.join(', ')}`);
    process.exit(1);
  }
}
process.exit(0);
