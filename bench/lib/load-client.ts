/**
 * What the scenarios drive: one simulated device on one connection, whatever protocol it speaks (Parley's
 * frames, the bare relay's, or XMPP). Scenarios only send, count what is unanswered, and reconnect.
 */
export interface LoadClient {
  readonly index: number;
  readonly connected: boolean;
  /** Sends not yet answered (by the server's `sent`, or by delivery where the protocol has no answer). */
  outstanding: number;
  /** The close code when the server closed the connection without being asked to. */
  droppedWith: number | undefined;
  /** Called whenever a send is answered, so a closed-loop sender can send the next one. */
  onAnswer: (() => void) | undefined;
  connect(): Promise<void>;
  /** Sends the next message stamped with the time it was meant to leave; false when the budget is spent. */
  send(intendedAt: number): boolean;
  /** Where sends go from now on: a group id on Parley, a room or partner JID on XMPP. */
  sendTo(target: string, group: boolean): void;
  /** Payload size for the next sends (S8). */
  setPayloadBytes(bytes: number): void;
  /** The ledger saw one of this device's messages reach its whole audience. */
  completed(): void;
  resetCounter(): void;
  close(): Promise<void>;
}

/** Kept below Parley's 200 frames/s per connection (burst 400) so its limiter never drops a send. */
const framesPerSecond = 180;
const frameBurst = 60;

/** A token bucket per connection; every protocol gets the same budget, so the offered load is the same. */
export class FrameBudget {
  #tokens = frameBurst;
  #refilledAt = performance.now();

  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(frameBurst, this.#tokens + ((now - this.#refilledAt) / 1000) * framesPerSecond);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
