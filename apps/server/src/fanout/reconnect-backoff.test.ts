import { describe, expect, it } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff.ts';

describe('ReconnectBackoff', () => {
  it('doubles per attempt within jitter, stays under the cap, and restarts after a reconnect', () => {
    const backoff = new ReconnectBackoff(100, 1_000);
    expect(backoff.delayMs).toBe(100);
    const bases = [200, 400, 800, 1_000, 1_000, 1_000];
    for (const base of bases) {
      backoff.attempted();
      expect(backoff.delayMs).toBeGreaterThanOrEqual(base / 2);
      expect(backoff.delayMs).toBeLessThanOrEqual(base);
    }
    backoff.reset();
    expect(backoff.delayMs).toBe(100);
  });
});
