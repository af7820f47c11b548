import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING } from '../infra/constructs/bundling';
import { handlerModules } from '../shared/routes';
import { SCHEDULES } from '../shared/schedules';
import { EVENT_HANDLERS } from '../shared/events';
import { BUCKETS, TABLES } from '../shared/tables';
import { percentile } from './stats';

/**
 * Each function's bundle as the CDK app builds it (same esbuild options) and its cold import time:
 * a fresh Node process per sample imports the bundle and reports how long that took. Lambda's init
 * also loads the runtime; this is the part our code adds. Measured on this machine's Node, not 22.
 */
const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = 5;

export async function benchBundles(): Promise<void> {
  // Inside the repo, so the bundles resolve @aws-sdk/* from node_modules as Lambda resolves it from the runtime.
  // A fresh checkout has no node_modules/.cache yet.
  const cacheDir = join(ROOT, 'node_modules/.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outDir = mkdtempSync(join(cacheDir, 'bench-bundles-'));
  const entries = [
    ...handlerModules().map((handler) => ({ name: `api/${handler}`, file: join(ROOT, 'functions/api', `${handler}.ts`) })),
    ...SCHEDULES.map((schedule) => ({ name: `timers/${schedule.handler}`, file: join(ROOT, 'functions/timers', `${schedule.handler}.ts`) })),
    ...EVENT_HANDLERS.map((event) => ({ name: `events/${event.handler}`, file: join(ROOT, 'functions/events', `${event.handler}.ts`) })),
  ];
  // Config fails fast without its names; give it placeholders (nothing is called).
  const env: Record<string, string> = { ...process.env, AWS_REGION: 'cn-north-1' } as Record<string, string>;
  for (const definition of [...Object.values(TABLES), ...Object.values(BUCKETS)]) env[definition.envVar] = 'bench';

  console.log(`\n## function bundles (esbuild as in infra/constructs/bundling.ts; cold import p50 of ${SAMPLES} fresh processes)`);
  let total = 0;
  for (const entry of entries) {
    const outfile = join(outDir, `${entry.name.replaceAll('/', '_')}.mjs`);
    await build({
      entryPoints: [entry.file],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLING.target,
      minify: BUNDLING.minify,
      sourcemap: BUNDLING.sourceMap,
      external: [...BUNDLING.externalModules],
      banner: { js: BUNDLING.banner },
      logLevel: 'silent',
    });
    const size = statSync(outfile).size;
    total += size;
    const samples: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const script = `const t=performance.now();await import(${JSON.stringify(outfile)});process.stdout.write(String(performance.now()-t));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
      samples.push(Number(output.toString()));
    }
    console.log(`${entry.name.padEnd(28)} ${(size / 1024).toFixed(1).padStart(7)} KiB  cold import p50 ${percentile(samples, 50).toFixed(1)} ms`);
  }
  console.log(`total ${(total / 1024).toFixed(1)} KiB over ${entries.length} functions`);
  rmSync(outDir, { recursive: true, force: true });
}
