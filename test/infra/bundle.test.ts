import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../shared/schedules';
import { props, resourceOf, synthesize } from './helpers';

/**
 * The one test that really bundles (the other files skip bundling for speed): the timer stack, so a
 * single esbuild run proves synth works offline with the local esbuild and no Docker.
 */
const outdir = mkdtempSync(join(tmpdir(), 'pilotops-cdk-'));

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('bundling', () => {
  it('bundles a timer function offline into one minified ESM file that leaves the AWS SDK to the runtime', () => {
    // Prepare: bundle only the schedules stack.
    const stage = 'bundle';
    const synth = synthesize({ partition: 'aws', stage, 'aws:cdk:bundling-stacks': [`PilotOps-${stage}-Schedules`] }, outdir);

    // Act: synthesize; the asset key names the bundle directory in the cloud assembly.
    const handler = SCHEDULES[0]!.handler;
    const fn = synth.ops.schedules.functions.get(handler)!;
    const code = props(resourceOf(synth, fn.function)).Code as { S3Key: string };
    const assetDir = join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);

    // Assess
    expect(existsSync(assetDir)).toBe(true);
    const files = readdirSync(assetDir);
    expect(files).toEqual(['index.mjs']);
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle.startsWith('import { createRequire')).toBe(true);
    expect(bundle).toMatch(/from\s*"@aws-sdk\/[a-z-]+"/);
    expect(bundle).not.toContain('sourceMappingURL');
    // Minified: long lines, not readable output.
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1000);
    expect(statSync(join(assetDir, 'index.mjs')).size).toBeLessThan(3 * 1024 * 1024);
  });
});
