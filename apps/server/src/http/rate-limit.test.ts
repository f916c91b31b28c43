import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './rate-limit.ts';

describe('token buckets', () => {
  it('a connection’s bucket allows its burst, refuses the next, and refills at its rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(10_000)).toBe(true);
    expect([bucket.take(10_000), bucket.take(10_000), bucket.take(10_000)]).toEqual([true, true, false]);
  });

  it('keyed buckets limit each key on its own, as one bucket per key would', () => {
    const limiter = new RateLimiter(10, 2);
    const bucket = new TokenBucket(10, 2, 0);
    for (const at of [0, 0, 0, 40, 120, 130, 400]) expect(limiter.take('a', at)).toBe(bucket.take(at));
    expect(limiter.take('b', 400)).toBe(true);
  });
});
