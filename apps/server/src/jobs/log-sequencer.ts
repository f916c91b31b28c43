import type { AppContext } from '../context.ts';
import { faultFields } from '../db/errors.ts';

/**
 * Runs the transparency log's sequencer on a timer: integrates queued entries, signs the periodic checkpoint
 * when it is due, and pushes checkpoints to witnesses. Every process runs one; the sequencer's advisory
 * lock lets only one of them integrate at a time. Passes never overlap within a process.
 */
export class LogSequencerJob implements AsyncDisposable {
  readonly #context: AppContext;
  readonly #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(context: AppContext, intervalMs: number) {
    this.#context = context;
    if (intervalMs <= 0) return;
    this.#timer = setInterval(() => this.#schedule(), intervalMs);
    this.#timer.unref();
    this.#schedule();
  }

  #schedule(): void {
    this.#running = this.#running.then(() => this.run());
  }

  async run(): Promise<void> {
    try {
      const signed = await this.#context.transparencyLog.sequence({ waitForWitnesses: false });
      if (signed > 0) this.#context.log('log.sequenced', { checkpoints: signed });
    } catch (error) {
      this.#context.log('log.sequence_failed', faultFields(error));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
