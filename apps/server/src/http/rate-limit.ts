/**
 * Token buckets kept in memory only (client addresses are never stored). A bucket refills at `rate` per
 * second up to `burst`.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #rate: number;
  readonly #burst: number;

  constructor(rate: number, burst: number) {
    this.#rate = rate;
    this.#burst = burst;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, nowMs: number = performance.now()): boolean {
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: nowMs };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.#rate);
    bucket.at = nowMs;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 100_000) this.#prune(nowMs);
    return true;
  }

  #prune(nowMs: number): void {
    const full = (this.#burst / this.#rate) * 1000;
    for (const [key, bucket] of this.#buckets) if (nowMs - bucket.at > full) this.#buckets.delete(key);
  }
}

/** One token bucket, for a limit that belongs to one object (a connection) and so needs no key or map. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(rate: number, burst: number, nowMs: number = performance.now()) {
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = nowMs;
  }

  /** Takes one token; false when the bucket is empty. */
  take(nowMs: number = performance.now()): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((nowMs - this.#at) / 1000) * this.#rate);
    this.#at = nowMs;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
