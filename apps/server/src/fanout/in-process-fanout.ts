import type { Fanout, FanoutSubscription } from './fanout.ts';
import {
  checkPublication,
  checkTopic,
  FanoutClosedError,
  type FanoutErrorHandler,
  reportToConsole,
} from './fanout-guards.ts';

type Handler = (data: Uint8Array) => void;
type Delivery = Readonly<{ topic: string; data: Uint8Array }> | Readonly<{ fence: () => void }>;
type Entry = Readonly<{ handler: Handler; onError: FanoutErrorHandler }>;

/**
 * The shared bus behind every view. Deliveries go through one FIFO drained in a microtask, so a handler
 * that publishes cannot overtake earlier publications and `publish` never runs handlers inline.
 */
class InProcessBus {
  readonly topics = new Map<string, Set<Entry>>();
  readonly #queue: Delivery[] = [];
  #head = 0;
  #scheduled = false;

  enqueue(delivery: Delivery): void {
    this.#queue.push(delivery);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#drain());
  }

  /** Resolves once everything enqueued before the call has been delivered. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.enqueue({ fence: resolve }));
  }

  #drain(): void {
    while (this.#head < this.#queue.length) {
      const delivery = this.#queue[this.#head];
      this.#head += 1;
      if (delivery === undefined) continue;
      if ('fence' in delivery) {
        delivery.fence();
        continue;
      }
      // Iterating the live set means a handler removed by an earlier one in this round is not called.
      for (const entry of this.topics.get(delivery.topic) ?? []) {
        try {
          entry.handler(delivery.data);
        } catch (error) {
          entry.onError(error, delivery.topic);
        }
      }
    }
    this.#queue.length = 0;
    this.#head = 0;
    this.#scheduled = false;
  }
}

/** Options for {@link InProcessFanout}. */
export type InProcessFanoutOptions = Readonly<{
  /** Receives errors thrown by handlers; they never reach the publisher or other handlers. */
  onError?: FanoutErrorHandler;
}>;

/**
 * Fan-out for a single server process (the default without NATS, and the testkit's bus). `view()` gives
 * another `Fanout` on the same bus, so tests can run several "processes" in one; disposing a view
 * removes only its own subscriptions.
 */
export class InProcessFanout implements Fanout {
  #bus = new InProcessBus();

  readiness(): 'in-process' {
    return 'in-process';
  }

  onConnectivity(): void {
    // One process's bus is never lost.
  }
  readonly #onError: FanoutErrorHandler;
  /** This view's subscriptions, keyed by handler so subscribing one handler twice is a no-op. */
  readonly #mine = new Map<string, Map<Handler, Entry>>();
  #disposed: Promise<void> | undefined;

  constructor(options: InProcessFanoutOptions = {}) {
    this.#onError = options.onError ?? reportToConsole;
  }

  /** Another process's view of the same bus; `onError` defaults to this view's. */
  view(options: InProcessFanoutOptions = {}): InProcessFanout {
    const other = new InProcessFanout({ onError: options.onError ?? this.#onError });
    other.#bus = this.#bus;
    return other;
  }

  publish(topic: string, data: Uint8Array): void {
    checkPublication(topic, data);
    // Best effort after dispose, as with NATS: the database already holds the message.
    if (this.#disposed !== undefined) return;
    // Copy once so a publisher reusing its buffer cannot change what subscribers receive.
    this.#bus.enqueue({ topic, data: data.slice() });
  }

  async subscribe(topic: string, handler: Handler): Promise<FanoutSubscription> {
    checkTopic(topic);
    if (this.#disposed !== undefined) throw new FanoutClosedError();
    let byHandler = this.#mine.get(topic);
    if (byHandler === undefined) {
      byHandler = new Map();
      this.#mine.set(topic, byHandler);
    }
    if (!byHandler.has(handler)) {
      const entry: Entry = { handler, onError: this.#onError };
      byHandler.set(handler, entry);
      let entries = this.#bus.topics.get(topic);
      if (entries === undefined) {
        entries = new Set();
        this.#bus.topics.set(topic, entries);
      }
      entries.add(entry);
    }
    // Method syntax, not an arrow property: tsx (esbuild keepNames) names arrow properties with
    // defineProperty, which costs a 256-byte property dictionary per subscription, two per connection.
    const view = this;
    return {
      unsubscribe() {
        view.#unsubscribe(topic, handler);
      },
    };
  }

  #unsubscribe(topic: string, handler: Handler): void {
    const byHandler = this.#mine.get(topic);
    const entry = byHandler?.get(handler);
    if (byHandler === undefined || entry === undefined) return;
    byHandler.delete(handler);
    if (byHandler.size === 0) this.#mine.delete(topic);
    const entries = this.#bus.topics.get(topic);
    entries?.delete(entry);
    if (entries?.size === 0) this.#bus.topics.delete(topic);
  }

  /** Delivers what was published before the call, then removes this view's subscriptions. */
  [Symbol.asyncDispose](): Promise<void> {
    this.#disposed ??= this.#bus.settled().then(() => {
      for (const [topic, byHandler] of [...this.#mine]) {
        for (const handler of [...byHandler.keys()]) this.#unsubscribe(topic, handler);
      }
    });
    return this.#disposed;
  }
}
