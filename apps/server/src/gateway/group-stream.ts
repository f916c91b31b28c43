import type { Frame } from './envelope.ts';

/**
 * Stored messages for one device after a point. `lastSeq` is the group's counter read before the
 * messages, so every message up to it that the device may see is in `messages` unless `more` is set.
 */
export type Backlog = Readonly<{
  messages: readonly { seq: number; frame: string }[];
  lastSeq: number;
  more: boolean;
}>;

/**
 * Delivers one group's messages to one connection strictly in sequence order, exactly once per connection.
 * Live publications can arrive out of order (several processes publish after their own commits) or be
 * missed; a gap is filled from the database, which is the source of truth.
 */
export class GroupStream {
  /** The lowest sequence number not yet delivered or skipped. */
  #next: number;
  #until: number | null;
  readonly #pending = new Map<number, Frame | null>();
  #filling = false;
  readonly #send: (frame: Frame) => void;
  readonly #fetch: (after: number) => Promise<Backlog>;
  readonly #writable: () => Promise<void> | undefined;

  /** `writable` returns a promise while the connection holds too much unsent data for a catch-up to go on. */
  constructor(
    start: Readonly<{ after: number; until: number | null }>,
    send: (frame: Frame) => void,
    fetch: (after: number) => Promise<Backlog>,
    writable: () => Promise<void> | undefined = () => undefined,
  ) {
    this.#next = start.after + 1;
    this.#until = start.until;
    this.#send = send;
    this.#fetch = fetch;
    this.#writable = writable;
  }

  /** True once the device has been removed and has been sent its last message. */
  get finished(): boolean {
    return this.#until !== null && this.#next > this.#until;
  }

  /** A live publication; `frame` null means it is not for this device (another's welcome, its own send). */
  offer(seq: number, frame: Frame | null, removedAt: number | null = null): void {
    if (removedAt !== null) this.#until = removedAt;
    if (seq < this.#next || (this.#until !== null && seq > this.#until)) return;
    this.#pending.set(seq, frame);
    this.#drain();
  }

  /** Sends everything stored after the starting point, then whatever arrived live meanwhile. */
  async catchUp(): Promise<void> {
    await this.#fill();
  }

  #drain(): void {
    if (this.#filling) return;
    while (this.#pending.has(this.#next)) {
      const frame = this.#pending.get(this.#next);
      this.#pending.delete(this.#next);
      if (frame) this.#send(frame);
      this.#next += 1;
    }
    if (this.#pending.size > 0) void this.#fill();
  }

  async #fill(): Promise<void> {
    if (this.#filling) return;
    this.#filling = true;
    try {
      for (;;) {
        const backlog = await this.#fetch(this.#next - 1);
        for (const row of backlog.messages) {
          if (row.seq < this.#next) continue;
          // A pending null marks a message this connection must not get (its own send).
          if (this.#pending.get(row.seq) !== null) {
            // A backlog goes out no faster than the device reads it: written at once, a large one would pass
            // the slow-consumer bound and close a connection that is reading, on every reconnect.
            const wait = this.#writable();
            if (wait) await wait;
            this.#send(row.frame);
          }
          this.#next = row.seq + 1;
        }
        if (backlog.more) continue;
        // Anything up to lastSeq that was not returned is not for this device (its own send, another's welcome).
        this.#next = Math.max(this.#next, backlog.lastSeq + 1);
        for (const seq of this.#pending.keys()) if (seq < this.#next) this.#pending.delete(seq);
        break;
      }
    } finally {
      this.#filling = false;
    }
    this.#drain();
  }
}
