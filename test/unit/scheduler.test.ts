import { describe, expect, it } from 'vitest';
import { nextFireTime, toUnixCron } from '../../scripts/local/scheduler';
import { SCHEDULES } from '../../shared/schedules';

describe('the local scheduler reads EventBridge schedules', () => {
  it('translates EventBridge cron to Unix cron, weekdays included', () => {
    expect(toUnixCron('cron(0 9 * * ? *)')).toBe('0 9 * * *');
    expect(toUnixCron('cron(0 9 ? * 2-6 *)')).toBe('0 9 * * 1-5');
    expect(() => toUnixCron('rate(1 day)')).toThrow();
  });

  it('fires the daily sweep at 09:00 Beijing time (01:00 UTC)', () => {
    const [sweep] = SCHEDULES;
    expect(nextFireTime(sweep, new Date('2026-11-23T00:30:00Z')).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(nextFireTime(sweep, new Date('2026-11-23T01:00:01Z')).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
});
