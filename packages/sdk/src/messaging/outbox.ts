import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { isRetryable } from '../transport/api-error.ts';
import { backoffDelay, defaultBackoff } from '../transport/backoff.ts';
import type { ChatMessage } from './conversation-records.ts';
import type { ReplyRef } from './payload.ts';

/** A message the user sent that the server has not taken yet; `id` is the client id the server dedupes by. */
export type PendingMessage = Readonly<{
  id: string;
  conversationId: string;
  text: string;
  sentAt: string;
  replyTo?: ReplyRef;
}>;

const outboxKey = 'outbox';

export type OutboxDeps = Readonly<{
  store: ClientStore;
  /**
   * Encrypts and posts one message under its id. The server stores a client id once and answers a repeat
   * with the first seq, so sending again after a lost answer cannot show the message twice.
   */
  deliver: (pending: PendingMessage) => Promise<ChatMessage>;
  sent: (pending: PendingMessage, message: ChatMessage) => void;
  /** The server refused it for good (not a member any more, a closed conversation): it leaves the outbox. */
  refused: (pending: PendingMessage, error: unknown) => void;
  /** Whether the socket is open: a failed send is then retried after a pause, not only at the next connection. */
  connected: () => boolean;
}>;

/**
 * Messages waiting for the server, kept in the store so a closed page keeps them too. They go out one at a
 * time in the order they were written; a network failure stops the run until the next `flush`.
 */
export class Outbox {
  readonly #deps: OutboxDeps;
  #queue: Promise<unknown> = Promise.resolve();
  #retry: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
  }

  add(pending: PendingMessage): Promise<void> {
    return this.#serial(async () => this.#save([...(await this.#load()), pending]));
  }

  async list(conversationId: string): Promise<PendingMessage[]> {
    return (await this.#load()).filter((p) => p.conversationId === conversationId);
  }

  /** Sends what is waiting, oldest first, stopping at the first failure worth retrying later. */
  flush(): Promise<void> {
    return this.#serial(async () => {
      for (let next = (await this.#load())[0]; next !== undefined; next = (await this.#load())[0]) {
        try {
          const message = await this.#deps.deliver(next);
          this.#attempt = 0;
          await this.#remove(next.id);
          this.#deps.sent(next, message);
        } catch (error) {
          if (isRetryable(error)) return this.#retryLater();
          await this.#remove(next.id);
          this.#deps.refused(next, error);
        }
      }
    });
  }

  /** Stops a pending retry (the client is closing). */
  stop(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
  }

  #retryLater(): void {
    if (this.#retry !== undefined || !this.#deps.connected()) return;
    this.#retry = setTimeout(
      () => {
        this.#retry = undefined;
        void this.flush();
      },
      backoffDelay(defaultBackoff, this.#attempt++),
    );
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #remove(id: string): Promise<void> {
    await this.#save((await this.#load()).filter((p) => p.id !== id));
  }

  async #load(): Promise<PendingMessage[]> {
    const stored = await getJson(this.#deps.store, outboxKey);
    return Array.isArray(stored) ? stored.filter(isPending) : [];
  }

  #save(pending: readonly PendingMessage[]): Promise<void> {
    return putJson(this.#deps.store, outboxKey, pending);
  }
}

function isPending(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  return ['id', 'conversationId', 'text', 'sentAt'].every((k) => typeof Reflect.get(value, k) === 'string');
}
