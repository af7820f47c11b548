import { describe, expect, it } from 'vitest';
import { ttlSeconds } from '../../functions/commons/store/ttl';

describe('TTL expiries', () => {
  const wall = new Date('2026-11-23T00:00:00Z');

  it('count from the domain’s expiry when it lies ahead of the engine’s clock', () => {
    expect(ttlSeconds(new Date('2026-11-24T00:00:00Z'), 60, wall)).toBe(Date.parse('2026-11-24T00:00:00Z') / 1000 + 60);
  });

  it('never write an expiry already past by the engine’s clock, whatever time a request acts as of', () => {
    expect(ttlSeconds(new Date('2025-03-05T02:00:00Z'), 60, wall)).toBe(wall.getTime() / 1000 + 60);
  });
});
