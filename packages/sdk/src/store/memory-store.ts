import { type ClientStore, checkKey } from './client-store.ts';

/** Keeps everything in memory: for tests and for sessions that must leave nothing behind. */
export class MemoryStore implements ClientStore {
  readonly #data = new Map<string, Uint8Array>();

  async get(key: string): Promise<Uint8Array | undefined> {
    checkKey(key);
    return this.#data.get(key)?.slice();
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    checkKey(key);
    this.#data.set(key, value.slice());
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.#data.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.#data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
