import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/routes';
import { SCHEDULES } from '../../shared/schedules';
import { EVENT_HANDLERS } from '../../shared/events';
import { HOLDER_KEY_ROOTS } from '../../shared/evidence/holder';
import { allows, grantsOf, touchesNothing, type Touches } from '../../shared/touches';

describe('declared touches (shared/touches.ts)', () => {
  const grants = grantsOf([
    { records: ['read'], evidence: { prefixes: ['projects/'], ops: ['get'] } },
    { records: { ops: ['put'], indexes: ['byQueue'] }, evidence: { prefixes: ['providers/'], ops: ['put'] } },
  ]);

  it('merges the declarations of every route of one handler into one grant', () => {
    expect(grants).toEqual({
      tables: { records: { ops: ['put', 'read'], indexes: ['byQueue'] } },
      buckets: { evidence: { ops: ['get', 'put'], prefixes: ['projects/', 'providers/'] } },
    });
  });

  it('allows a table operation only when declared, and an index query only on a declared index', () => {
    expect(allows(grants, { table: 'records', op: 'read' })).toBe(true);
    expect(allows(grants, { table: 'records', op: 'update' })).toBe(false);
    expect(allows(grants, { table: 'obligations', op: 'read' })).toBe(false);
    expect(allows(grants, { table: 'records', op: 'read', index: 'byQueue' })).toBe(true);
    expect(allows(grants, { table: 'records', op: 'read', index: 'byEnterprise' })).toBe(false);
  });

  it('allows an object operation only below a declared prefix', () => {
    expect(allows(grants, { bucket: 'evidence', op: 'get', key: 'projects/p1/u1' })).toBe(true);
    expect(allows(grants, { bucket: 'evidence', op: 'get', key: 'sme-firms/f1/u1' })).toBe(false);
    expect(allows(grants, { bucket: 'evidence', op: 'delete', key: 'projects/p1/u1' })).toBe(false);
    expect(allows(grants, { bucket: 'site', op: 'put', key: 'data/index.json' })).toBe(false);
  });

  it('refuses an index the table does not have, a prefix without its slash, and a name that is neither table nor bucket', () => {
    expect(() => grantsOf([{ records: { ops: [], indexes: ['byNothing'] } } as unknown as Touches])).toThrow(/no index byNothing/);
    expect(() => grantsOf([{ evidence: { prefixes: ['projects'], ops: ['get'] } }])).toThrow(/ending in \//);
    expect(() => grantsOf([{ ledger: ['read'] } as unknown as Touches])).toThrow(/neither a table nor a bucket/);
  });

  it('declares every route, timer and event handler, health and /me touching nothing', () => {
    for (const declaration of [...ROUTES, ...SCHEDULES, ...EVENT_HANDLERS]) expect(() => grantsOf([declaration.touches])).not.toThrow();
    for (const handler of ['system/health', 'system/me']) {
      expect(touchesNothing(grantsOf(ROUTES.filter((route) => route.handler === handler).map((route) => route.touches)))).toBe(true);
    }
  });

  it('names evidence prefixes only among the holders’ key roots', () => {
    const roots = Object.values(HOLDER_KEY_ROOTS).map((root) => `${root}/`);
    for (const declaration of [...ROUTES, ...SCHEDULES]) {
      for (const prefix of grantsOf([declaration.touches]).buckets.evidence?.prefixes ?? []) expect(roots).toContain(prefix);
    }
  });
});
