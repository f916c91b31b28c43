/**
 * Collects requests that arrive while a write is in flight and runs them as one database statement
 * (group commit): one round trip and one commit for many messages. Each caller still gets its own result.
 */
export class Batcher<In, Out> implements AsyncDisposable {
  readonly #run: (batch: readonly In[]) => Promise<readonly (Out | Error)[]>;
  readonly #max: number;
  #queue: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  #running: Promise<void> | undefined;
  #scheduled = false;

  constructor(run: (batch: readonly In[]) => Promise<readonly (Out | Error)[]>, max: number) {
    this.#run = run;
    this.#max = max;
  }

  submit(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    // Requests arriving in the same turn of the event loop share the first batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#drain().finally(() => {
        this.#running = undefined;
        if (this.#queue.length > 0) this.#schedule();
      });
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#max);
      try {
        const results = await this.#run(batch.map((b) => b.input));
        batch.forEach((entry, i) => {
          const result = results[i];
          if (result instanceof Error) entry.reject(result);
          else if (result === undefined) entry.reject(new Error('batch returned no result'));
          else entry.resolve(result);
        });
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  /** Waits for everything submitted so far. */
  async [Symbol.asyncDispose](): Promise<void> {
    while (this.#running || this.#scheduled || this.#queue.length > 0) {
      await (this.#running ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }
}
