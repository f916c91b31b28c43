import type { AppContext } from '../context.ts';
import { faultFields } from '../db/errors.ts';

/**
 * Deletes what the server must not keep: messages every recipient has, expired messages, expired
 * sessions and challenges, and KeyPackages whose lifetime has ended. Each pass is idempotent, so a crash mid-pass loses nothing.
 */
export class Sweeper implements AsyncDisposable {
  readonly #context: AppContext;
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> = Promise.resolve();

  constructor(context: AppContext, intervalMs: number) {
    this.#context = context;
    this.#timer = setInterval(() => {
      this.#running = this.#running.then(() => this.sweep());
    }, intervalMs);
    this.#timer.unref();
  }

  async sweep(): Promise<void> {
    try {
      const { delivered, expired } = await this.#context.groups.sweep();
      const auth = await this.#context.auth.sweep();
      const keyPackages = await this.#context.keyPackages.sweep();
      if (delivered + expired + auth + keyPackages > 0)
        this.#context.log('sweep', { delivered, expired, auth, keyPackages });
    } catch (error) {
      this.#context.log('sweep.failed', faultFields(error));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
