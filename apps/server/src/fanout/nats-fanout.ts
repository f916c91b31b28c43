import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Fanout, FanoutSubscription } from './fanout.ts';
import {
  checkPublication,
  checkTopic,
  FanoutClosedError,
  type FanoutErrorHandler,
  reportToConsole,
} from './fanout-guards.ts';
import { PublishBuffer } from './publish-buffer.ts';
import { ReconnectBackoff } from './reconnect-backoff.ts';

type Handler = (data: Uint8Array) => void;
type TopicEntry = Readonly<{ sub: Subscription; handlers: Set<Handler>; registered: Promise<void> }>;

/** Options for {@link NatsFanout.connect}. */
export type NatsFanoutOptions = Readonly<{
  /** `nats://host:port`; credentials in it are never repeated in errors. */
  url: string;
  /** Subject prefix, so several deployments (or test runs) can share one NATS server. */
  prefix?: string;
  /** Shown by the NATS server's monitoring; use the process's identity, e.g. `parley-server@host`. */
  name: string;
  /** Receives handler errors and NATS async errors; defaults to the console (topic and error, no body). */
  onError?: FanoutErrorHandler;
  /** Bound on payload bytes held while disconnected; 8 MiB, like the Go client's `ReconnectBufSize`. */
  maxBufferedBytes?: number;
  /** Reconnect backoff: doubles from `initialMs` up to `maxMs`, with jitter, forever. */
  reconnectDelay?: Readonly<{ initialMs: number; maxMs: number }>;
}>;

/** A snapshot for health checks and metrics. */
export type NatsFanoutStatus = Readonly<{
  connected: boolean;
  /** Topics with at least one local handler; each is exactly one NATS subscription. */
  topics: number;
  bufferedBytes: number;
  /** Publications dropped because the disconnected buffer was full, since the last reconnect. */
  dropped: number;
  /** Messages NATS delivered to this connection; one per publication per topic, however many handlers. */
  messagesIn: number;
}>;

/** Rejected by {@link NatsFanout.connect} when the first connection fails. */
export class NatsConnectError extends Error {
  override readonly name = 'NatsConnectError';
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot connect to NATS at ${url.replace(/\/\/[^/@]*@/, '//***@')}: ${reason}`, { cause });
  }
}

/** Reported through `onError` after a reconnect when the disconnected buffer overflowed. */
export class FanoutBufferOverflowError extends Error {
  override readonly name = 'FanoutBufferOverflowError';
  constructor(readonly dropped: number) {
    super(`${dropped} fan-out publications dropped while NATS was unreachable`);
  }
}

const drainTimeoutMs = 5_000;

/**
 * Fan-out across server processes over NATS core (no JetStream: the database is the durable log). Topic
 * `g.X` is subject `${prefix}.g.X`. Local handlers of one topic share one NATS subscription, so the
 * server's interest graph grows with topics, not with connected devices.
 */
export class NatsFanout implements Fanout {
  readonly #nc: NatsConnection;
  readonly #prefix: string;
  readonly #onError: FanoutErrorHandler;
  readonly #backoff: ReconnectBackoff;
  readonly #buffer: PublishBuffer;
  readonly #topics = new Map<string, TopicEntry>();
  #connected = true;
  readonly #connectivity: ((connected: boolean) => void)[] = [];
  #closing: Promise<void> | undefined;

  private constructor(
    nc: NatsConnection,
    prefix: string,
    options: NatsFanoutOptions,
    backoff: ReconnectBackoff,
  ) {
    this.#nc = nc;
    this.#prefix = prefix;
    this.#onError = options.onError ?? reportToConsole;
    this.#backoff = backoff;
    this.#buffer = new PublishBuffer(options.maxBufferedBytes ?? 8 * 1024 * 1024);
    this.#watch().catch((error: unknown) => this.#onError(error, undefined));
    void nc.closed().then((error) => {
      if (this.#closing === undefined && error !== undefined) this.#onError(error, undefined);
    });
  }

  /** Connects, reconnecting forever afterwards; rejects with {@link NatsConnectError} if the first try fails. */
  static async connect(options: NatsFanoutOptions): Promise<NatsFanout> {
    const prefix = options.prefix ?? 'parley';
    checkTopic(prefix);
    const delay = options.reconnectDelay ?? { initialMs: 250, maxMs: 5_000 };
    const backoff = new ReconnectBackoff(delay.initialMs, delay.maxMs);
    try {
      const nc = await connect({
        servers: options.url,
        name: options.name,
        maxReconnectAttempts: -1,
        reconnectDelayHandler: () => backoff.delayMs,
        timeout: 10_000,
      });
      return new NatsFanout(nc, prefix, options, backoff);
    } catch (error) {
      throw new NatsConnectError(options.url, error);
    }
  }

  onConnectivity(listener: (connected: boolean) => void): void {
    this.#connectivity.push(listener);
  }

  readiness(): 'ok' | 'down' {
    return this.#connected ? 'ok' : 'down';
  }

  /** A snapshot for health checks; never includes topics' contents. */
  status(): NatsFanoutStatus {
    return {
      connected: this.#connected,
      topics: this.#topics.size,
      bufferedBytes: this.#buffer.bytes,
      dropped: this.#buffer.dropped,
      messagesIn: this.#nc.stats().inMsgs,
    };
  }

  publish(topic: string, data: Uint8Array): void {
    checkPublication(topic, data);
    if (this.#closing !== undefined) return;
    const subject = `${this.#prefix}.${topic}`;
    if (!this.#connected) {
      this.#buffer.hold(subject, data);
      return;
    }
    try {
      // Copied because nats.js queues the caller's buffer until its next flush.
      this.#nc.publish(subject, data.slice());
    } catch (error) {
      // Only a connection NATS closed for good gets here; fan-out is best effort, so report, don't throw.
      this.#onError(error, topic);
    }
  }

  async subscribe(topic: string, handler: Handler): Promise<FanoutSubscription> {
    checkTopic(topic);
    if (this.#closing !== undefined) throw new FanoutClosedError();
    let entry = this.#topics.get(topic);
    if (entry === undefined) {
      entry = this.#open(topic);
      this.#topics.set(topic, entry);
    }
    entry.handlers.add(handler);
    const owner = entry;
    // Method syntax, not arrow properties (here and in #open): tsx (esbuild keepNames) names arrow properties
    // with defineProperty, which costs a 256-byte property dictionary per function, per connection.
    const fanout = this;
    const subscription = {
      unsubscribe() {
        fanout.#unsubscribe(topic, owner, handler);
      },
    };
    try {
      await entry.registered;
    } catch (error) {
      subscription.unsubscribe();
      throw error;
    }
    return subscription;
  }

  #open(topic: string): TopicEntry {
    const handlers = new Set<Handler>();
    const onError = this.#onError;
    const sub = this.#nc.subscribe(`${this.#prefix}.${topic}`, {
      callback(error, msg) {
        if (error !== null) {
          onError(error, topic);
          return;
        }
        for (const handler of handlers) {
          try {
            handler(msg.data);
          } catch (handlerError) {
            onError(handlerError, topic);
          }
        }
      },
    });
    const registered = this.#register();
    // Awaited by every subscriber; this only keeps an abandoned rejection from being reported as unhandled.
    registered.catch(() => {});
    return { sub, handlers, registered };
  }

  /**
   * Resolves once the server has processed our SUB (a PING/PONG round trip). While NATS is unreachable it
   * resolves at once instead of holding the caller (a device signing in) until NATS is back: the client
   * resends every SUB on reconnect, and `onConnectivity(true)` follows.
   */
  async #register(): Promise<void> {
    for (;;) {
      if (this.#closing !== undefined || this.#nc.isClosed()) throw new FanoutClosedError();
      if (!this.#connected) return;
      try {
        await this.#nc.flush();
        return;
      } catch {
        await sleep(50);
      }
    }
  }

  #unsubscribe(topic: string, entry: TopicEntry, handler: Handler): void {
    entry.handlers.delete(handler);
    if (entry.handlers.size > 0 || this.#topics.get(topic) !== entry) return;
    this.#topics.delete(topic);
    if (this.#closing !== undefined || this.#nc.isClosed()) return;
    try {
      entry.sub.unsubscribe();
    } catch (error) {
      this.#onError(error, topic);
    }
  }

  async #watch(): Promise<void> {
    for await (const status of this.#nc.status()) {
      if (status.type === 'disconnect') {
        if (this.#connected) this.#announce(false);
        this.#connected = false;
      } else if (status.type === 'reconnecting') {
        this.#backoff.attempted();
      } else if (status.type === 'reconnect') {
        this.#backoff.reset();
        this.#onReconnect();
      } else if (status.type === 'error') {
        this.#onError(status.error, undefined);
      }
    }
  }

  #onReconnect(): void {
    // Flushed before `#connected` flips so later publications cannot overtake held ones.
    const { held, dropped } = this.#buffer.take();
    for (const { subject, data } of held) this.#nc.publish(subject, data);
    this.#connected = true;
    if (dropped > 0) this.#onError(new FanoutBufferOverflowError(dropped), undefined);
    // The client resent every SUB before this status; a round trip confirms the server has them.
    this.#nc.flush().then(
      () => this.#announce(true),
      () => {
        // Lost again before the round trip: the next reconnect announces.
      },
    );
  }

  #announce(connected: boolean): void {
    for (const listener of this.#connectivity) {
      try {
        listener(connected);
      } catch (error) {
        this.#onError(error, undefined);
      }
    }
  }

  /** Delivers pending messages to local handlers and flushes publications, then closes; bounded in time. */
  [Symbol.asyncDispose](): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    if (this.#nc.isClosed()) return;
    // While NATS is unreachable a drain cannot finish, and held publications are lost with the process.
    const timedOut = sleep(drainTimeoutMs, 'timeout', { ref: false });
    try {
      await Promise.race([this.#nc.drain(), timedOut]);
    } catch (error) {
      this.#onError(error, undefined);
    } finally {
      if (!this.#nc.isClosed()) await this.#nc.close();
      this.#topics.clear();
    }
  }
}
