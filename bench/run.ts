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
const selected = values.only ? { [values.only]: BENCHES[values.only] } : BENCHES;
for (const [name, bench] of Object.entries(selected)) {
  if (!bench) throw new Error(`no benchmark named ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
  await bench();
}
process.exit(0);
