/** One publication held while the NATS connection is down. */
export type HeldPublication = Readonly<{ subject: string; data: Uint8Array }>;

/**
 * Holds publications made while NATS is unreachable, up to a byte bound. nats.js 3.x discards its own
 * outbound buffer at every dial attempt, so without this a server restart silently loses them. Beyond the
 * bound, new publications are dropped (never older ones) so a subscriber sees a prefix in order, then a gap
 * it recovers from its cursor.
 */
export class PublishBuffer {
  readonly #maxBytes: number;
  #held: HeldPublication[] = [];
  #bytes = 0;
  #dropped = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Payload bytes currently held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Publications dropped since the last `take`. */
  get dropped(): number {
    return this.#dropped;
  }

  hold(subject: string, data: Uint8Array): void {
    if (this.#bytes + data.byteLength > this.#maxBytes) {
      this.#dropped += 1;
      return;
    }
    // Copied: the publisher may reuse its buffer long before the connection returns.
    this.#held.push({ subject, data: data.slice() });
    this.#bytes += data.byteLength;
  }

  /** Empties the buffer, returning what it held in publication order and how many were dropped. */
  take(): Readonly<{ held: readonly HeldPublication[]; dropped: number }> {
    const taken = { held: this.#held, dropped: this.#dropped };
    this.#held = [];
    this.#bytes = 0;
    this.#dropped = 0;
    return taken;
  }
}
