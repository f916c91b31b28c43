import type { AppContext } from '../context.ts';
import { faultFields } from '../db/errors.ts';

/**
 * Publishes a key directory epoch on a timer with whatever was staged since the last one (changes are
 * also published at once when `ktPublishOnChange` is set; the timer then retries any that failed), and
 * pushes the newest checkpoint to the witnesses that have not cosigned it.
 */
export class KtEpochJob implements AsyncDisposable {
  readonly #context: AppContext;
  readonly #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(context: AppContext, intervalMs: number) {
    this.#context = context;
    if (intervalMs <= 0) return;
    this.#timer = setInterval(() => this.#schedule(), intervalMs);
    this.#timer.unref();
    // At once too: what was staged while no process ran (or by a migration) is not left waiting an interval.
    this.#schedule();
  }

  #schedule(): void {
    this.#running = this.#running.then(() => this.run());
  }

  async run(): Promise<void> {
    try {
      const epoch = await this.#context.keyDirectory.publish();
      if (epoch !== undefined) this.#context.log('kt.epoch_published', { epoch });
      // Also retries a checkpoint that a witness did not cosign when it was published.
      await this.#context.keyDirectory.witness();
    } catch (error) {
      this.#context.log('kt.epoch_failed', faultFields(error));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
