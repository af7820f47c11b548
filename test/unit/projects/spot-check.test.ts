import { describe, expect, it } from 'vitest';
import { drawSpotChecks, mulberry32, xmur3 } from '../../../shared/projects/spot-check';
import { expectDomainError } from './fixtures';

/** The spot-check draw is reproducible by anyone who holds the recorded seed and the candidate list. */

const IDS = Array.from({ length: 40 }, (_, index) => `proj-${String(index + 1).padStart(3, '0')}`);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  return [...list].map((value) => ({ value, key: random() })).sort((a, b) => a.key - b.key).map((entry) => entry.value);
}

describe('drawSpotChecks', () => {
  it('draws the same list for the same seed', () => {
    expect(drawSpotChecks(IDS, 5, '2025Q3-武清')).toEqual(drawSpotChecks(IDS, 5, '2025Q3-武清'));
  });

  it('draws the same list whatever order the candidates come in', () => {
    const expected = drawSpotChecks(IDS, 6, 'seed-a');
    for (const order of [1, 2, 3]) expect(drawSpotChecks(shuffled(IDS, order), 6, 'seed-a')).toEqual(expected);
    expect(drawSpotChecks([...IDS].reverse(), 6, 'seed-a')).toEqual(expected);
  });

  it('ignores duplicate candidates', () => {
    expect(drawSpotChecks([...IDS, ...IDS.slice(0, 10)], 6, 'seed-a')).toEqual(drawSpotChecks(IDS, 6, 'seed-a'));
  });

  it('draws distinct ids from the candidates, as many as asked', () => {
    const drawn = drawSpotChecks(IDS, 10, 'seed-b');
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    for (const id of drawn) expect(IDS).toContain(id);
  });

  it('draws a different list for a different seed', () => {
    expect(drawSpotChecks(IDS, 5, 'seed-a')).not.toEqual(drawSpotChecks(IDS, 5, 'seed-b'));
  });

  it('returns every candidate when asked for more than there are, and none when asked for none', () => {
    expect(drawSpotChecks(IDS.slice(0, 3), 10, 's').sort()).toEqual(IDS.slice(0, 3));
    expect(drawSpotChecks(IDS, 0, 's')).toEqual([]);
    expect(drawSpotChecks([], 3, 's')).toEqual([]);
  });

  it('is a prefix-stable draw: asking for more extends the shorter list', () => {
    expect(drawSpotChecks(IDS, 8, 'seed-c').slice(0, 3)).toEqual(drawSpotChecks(IDS, 3, 'seed-c'));
  });

  it('gives every candidate a fair chance over many seeds', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i += 1) {
      for (const id of drawSpotChecks(IDS.slice(0, 10), 1, `s${i}`)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of IDS.slice(0, 10)) expect(counts.get(id) ?? 0).toBeGreaterThan(300);
  });

  it('pins the generator so a recorded seed replays identically on any machine', () => {
    // mulberry32's published first output for seed 1.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    expect(xmur3('abc')()).toBe(1792905582);
    expect(drawSpotChecks(['a', 'b', 'c', 'd', 'e'], 5, 'pilotops')).toEqual(['c', 'b', 'e', 'a', 'd']);
  });

  it('refuses a negative or fractional count and an empty seed', () => {
    expectDomainError(() => drawSpotChecks(IDS, -1, 's'), 'VALIDATION_FAILED');
    expectDomainError(() => drawSpotChecks(IDS, 1.5, 's'), 'VALIDATION_FAILED');
    expectDomainError(() => drawSpotChecks(IDS, 1, ''), 'VALIDATION_FAILED');
  });
});
