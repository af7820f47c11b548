/**
 * A TTL attribute is compared with the storage engine's own clock, not with the request time the
 * domain reasons in. A request "as of" another time (a test's fixed clock, a demo seeded in 2025, a
 * replayed timer) must not write an expiry that is already past by the engine's clock, or the item
 * may vanish before it is read back (DynamoDB deletes expired items at some time after expiry,
 * possibly at once). So the expiry is the later of the domain's and the wall clock's.
 */
export function ttlSeconds(domainExpiry: Date, lifetimeAfterSeconds: number, wallClock: Date = new Date()): number {
  const base = Math.max(domainExpiry.getTime(), wallClock.getTime());
  return Math.floor(base / 1000) + lifetimeAfterSeconds;
}
