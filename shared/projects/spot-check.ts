import * as z from 'zod';
import { parseInput } from '../validation';

/**
 * 滨海 §三(五)8: 不定期组织专家现场抽查核验. Which projects are checked is drawn at random, and the
 * draw must be auditable: it is a pure function of the recorded seed and the set of candidate ids,
 * so anyone can re-run it and get the same list. Candidates are de-duplicated and sorted first, so
 * the order in which a query returned them does not matter.
 *
 * Generator: bryc's `xmur3` string hash (MurmurHash3's mixing) turns the seed into a 32-bit state
 * for `mulberry32` (Tommy Ettinger's 32-bit generator); a partial Fisher–Yates shuffle draws `count`
 * ids without replacement. Both are the public-domain versions from github.com/bryc/code (PRNGs.md).
 */

const DrawInput = z.object({
  projectIds: z.array(z.string().min(1)).max(100_000),
  count: z.number().int().min(0),
  seed: z.string().min(1).max(200),
});

/** xmur3: a 32-bit hash of a string (UTF-16 code units), returned as a seed generator. */
export function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

/** mulberry32: uniform floats in [0, 1) from a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws up to `count` distinct project ids, in draw order. Asking for more than there are returns
 * all of them (shuffled). Same seed and same set of ids → same list, whatever the input order.
 */
export function drawSpotChecks(projectIds: readonly string[], count: number, seed: string): string[] {
  const input = parseInput(DrawInput, { projectIds, count, seed });
  // Code-unit order (plain sort), not locale order, so every runtime sorts alike.
  const pool = [...new Set(input.projectIds)].sort();
  const random = mulberry32(xmur3(input.seed)());
  const take = Math.min(input.count, pool.length);
  for (let i = 0; i < take; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    const picked = pool[j];
    const displaced = pool[i];
    if (picked === undefined || displaced === undefined) break;
    pool[i] = picked;
    pool[j] = displaced;
  }
  return pool.slice(0, take);
}
