import { RetryLaterError } from '../../errors.ts';

/**
 * A cap on password hashes computed at once. Each argon2id hash holds 19 MiB and a libuv worker thread for
 * tens of milliseconds; without a cap a login flood starves the thread pool and the database of everyone
 * else. Beyond the cap an attempt is refused at once (`sign_in_busy`), never queued: a queue would only turn
 * the flood into latency for the people behind it.
 */
export class HashGate {
  readonly #max: number;
  #running = 0;
  #peak = 0;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error('the hash gate needs at least one slot');
    this.#max = max;
  }

  /** Runs `work` in a free slot, or refuses with `sign_in_busy` when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#max) throw new RetryLaterError('sign_in_busy', 1000);
    this.#running += 1;
    this.#peak = Math.max(this.#peak, this.#running);
    try {
      return await work();
    } finally {
      this.#running -= 1;
    }
  }

  /** The most hashes that ever ran at once (what a test of the cap looks at). */
  get peak(): number {
    return this.#peak;
  }
}
