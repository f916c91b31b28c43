import { type ClientStore, getJson, putJson } from '@parley/sdk/browser';
import { signal } from '@preact/signals';

const prefix = 'ui/read/';

/**
 * The last sequence number the member has seen in each conversation, kept in the same sealed store as the
 * history so unread counts survive a reload and never reach the server.
 */
export class ReadMarks {
  readonly marks = signal<ReadonlyMap<string, number>>(new Map());
  readonly #store: ClientStore;

  constructor(store: ClientStore) {
    this.#store = store;
  }

  async load(): Promise<void> {
    const marks = new Map<string, number>();
    for (const key of await this.#store.list(prefix)) {
      const value = await getJson(this.#store, key);
      if (typeof value === 'number') marks.set(key.slice(prefix.length), value);
    }
    this.marks.value = marks;
  }

  async mark(conversationId: string, seq: number): Promise<void> {
    if ((this.marks.value.get(conversationId) ?? 0) >= seq) return;
    this.marks.value = new Map(this.marks.value).set(conversationId, seq);
    await putJson(this.#store, `${prefix}${conversationId}`, seq);
  }
}
