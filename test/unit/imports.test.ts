import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `import { z } from 'zod'` pulls zod's whole `z` object, every locale included, into each bundle
 * (≈450 KiB a Lambda function); `import * as z from 'zod'` lets the bundler keep only what is used
 * (≈85 KiB). docs/architecture.md, "Layers and their rules".
 */
const ROOT = join(import.meta.dirname, '../..');
const SOURCES = ['shared', 'functions', 'web/src', 'scripts', 'infra'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : files(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

describe('how zod is imported', () => {
  it('is as a namespace (or for types only) everywhere code is bundled', () => {
    const offenders = SOURCES.flatMap((source) => files(join(ROOT, source)))
      .filter((path) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*'zod'/.test(readFileSync(path, 'utf8').replace(/import\s+type\s*\{[^}]*\}\s*from\s*'zod'/g, '')))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });
});
