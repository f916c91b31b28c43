import { parseVerifierState, type VerifierState, type VerifierStateStore } from '@parley/sdk';

const key = 'parley.transparency.verifier';

/**
 * The browser's verifier state in localStorage: the pinned log key and the last verified checkpoint, so the
 * next visit must see a log that extends it (a smaller or different tree is a rollback or a fork).
 */
export class LocalVerifierStore implements VerifierStateStore {
  readonly #storage: Storage;

  constructor(storage: Storage = localStorage) {
    this.#storage = storage;
  }

  async load(): Promise<VerifierState | undefined> {
    const text = this.#storage.getItem(key);
    return text === null ? undefined : parseVerifierState(JSON.parse(text));
  }

  async save(state: VerifierState): Promise<void> {
    this.#storage.setItem(key, JSON.stringify(state));
  }

  /** Forgets the pin, for a reader who knows the log was legitimately reset (a test server, say). */
  async forget(): Promise<void> {
    this.#storage.removeItem(key);
  }
}
