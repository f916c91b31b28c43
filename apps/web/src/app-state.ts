import { IdbStore, ParleyApiError, ParleyClient, ProfileLockedError } from '@parley/sdk/browser';
import { signal } from '@preact/signals';
import { Messenger } from './messenger/messenger.ts';

export type BootState =
  | Readonly<{ phase: 'starting' }>
  | Readonly<{ phase: 'signed-out' }>
  /** The profile is sealed with a passphrase the user must type. */
  | Readonly<{ phase: 'locked' }>
  | Readonly<{ phase: 'awaiting-approval'; username: string; code: string }>
  | Readonly<{ phase: 'ready'; messenger: Messenger }>
  | Readonly<{ phase: 'failed'; message: string }>;

/**
 * The browser's one Parley profile: an IdbStore (encrypted with a key script cannot export, though the browser
 * keeps it on the same disk, or, if the user chose one, wrapped under a passphrase typed at each start) and,
 * once there is an account on this device, the running Messenger.
 */
export class AppState {
  readonly boot = signal<BootState>({ phase: 'starting' });
  readonly #serverUrl: string;
  #store: IdbStore | undefined;

  constructor(serverUrl: string) {
    this.#serverUrl = serverUrl;
  }

  /** Opens this browser's profile: signs in and connects when there is one. */
  async start(): Promise<void> {
    try {
      const store = await this.#openStore();
      if (!(await ParleyClient.hasProfile(store))) {
        // Nothing is kept yet: forget the key, so that a new profile may be made with a passphrase.
        this.#store = undefined;
        store.close();
        await IdbStore.destroy();
        this.boot.value = { phase: 'signed-out' };
        return;
      }
      await this.#resume(store);
    } catch (error) {
      this.boot.value =
        error instanceof ProfileLockedError
          ? { phase: 'locked' }
          : { phase: 'failed', message: describe(error) };
    }
  }

  /** Opens a passphrase profile; a wrong passphrase throws and leaves it locked. */
  async unlock(passphrase: string): Promise<void> {
    await this.#resume(await this.#openStore(passphrase));
  }

  async #resume(store: IdbStore): Promise<void> {
    // A reload while this browser waited for approval resumes with the same code.
    const pending = await ParleyClient.pendingLink(store);
    if (pending) {
      this.boot.value = { phase: 'awaiting-approval', ...pending };
      return;
    }
    this.boot.value = { phase: 'ready', messenger: await Messenger.open(store, this.#serverUrl) };
  }

  /** Creates the account key and this browser's device; keys never leave the page. */
  async createAccount(
    username: string,
    jurisdiction: string | undefined,
    passphrase?: string,
  ): Promise<void> {
    const store = await this.#openStore(passphrase);
    const messenger = await Messenger.register(store, this.#serverUrl, username, jurisdiction);
    this.boot.value = { phase: 'ready', messenger };
  }

  /** Makes this browser a new device of an existing account; returns the code to approve elsewhere. */
  async requestLink(username: string, passphrase?: string): Promise<void> {
    const store = await this.#openStore(passphrase);
    const client = new ParleyClient({ serverUrl: this.#serverUrl, store });
    const code = await client.createLinkRequest(username);
    this.boot.value = { phase: 'awaiting-approval', username, code };
  }

  /**
   * Once the account's first device approved the code, with the account code it showed: checks the account
   * key against it, signs in and connects.
   */
  async completeLink(accountCode: string): Promise<void> {
    const store = await this.#openStore();
    const messenger = await Messenger.completeLink(store, this.#serverUrl, accountCode);
    this.boot.value = { phase: 'ready', messenger };
  }

  /** Erases this browser's profile (keys, history) after closing the connection. */
  async forget(): Promise<void> {
    const current = this.boot.value;
    if (current.phase === 'ready') await current.messenger.close();
    this.#store?.close();
    this.#store = undefined;
    await IdbStore.destroy();
    this.boot.value = { phase: 'signed-out' };
  }

  /** With a passphrase, a new profile's key is wrapped under it (12 characters or more). */
  async #openStore(passphrase?: string): Promise<IdbStore> {
    this.#store ??= await IdbStore.open(passphrase === undefined ? {} : { passphrase });
    return this.#store;
  }
}

/** An error in words for the person at the screen; the sdk's messages already are, except a lost network. */
export function describe(error: unknown): string {
  if (error instanceof ParleyApiError && error.code === 'network')
    return 'Parley cannot reach its server. Check your connection, then try again.';
  return error instanceof Error ? error.message : String(error);
}
