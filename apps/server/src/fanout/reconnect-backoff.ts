/**
 * Exponential backoff with equal jitter for NATS reconnects, so a fleet of server processes does not dial a
 * restarting NATS server in lockstep. One step per dial attempt, reset on reconnect.
 */
export class ReconnectBackoff {
  #attempt = 0;
  #delayMs: number;
  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {
    this.#delayMs = initialMs;
  }
  get delayMs(): number {
    return this.#delayMs;
  }
  attempted(): void {
    this.#attempt += 1;
    const base = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.#attempt, 30));
    this.#delayMs = base / 2 + (Math.random() * base) / 2;
  }
  reset(): void {
    this.#attempt = 0;
    this.#delayMs = this.initialMs;
  }
}
