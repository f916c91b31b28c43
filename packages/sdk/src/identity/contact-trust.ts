import { accountCode, safetyNumber, safetyNumberQrPayload } from '@parley/crypto';
import { toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import type { AccountDirectory, VerifiedAccount } from './account-directory.ts';

const verifiedKey = (username: string) => `verified/${username}`;

const party = (account: VerifiedAccount) => ({ username: account.username, accountKey: account.accountKey });

/**
 * What a user compares out of band to trust an account key: safety numbers (theirs and ours), this account's
 * code for linking a device, and the marks the user left after comparing. A mark names the key it was
 * made for, so it never carries over to another key.
 */
export class ContactTrust {
  readonly #directory: AccountDirectory;
  readonly #store: ClientStore;
  readonly #self: string;
  readonly #clock: () => number;

  constructor(directory: AccountDirectory, store: ClientStore, self: string, clock: () => number) {
    this.#directory = directory;
    this.#store = store;
    this.#self = self;
    this.#clock = clock;
  }

  async safetyNumber(username: string): Promise<string> {
    const [mine, theirs] = await this.#both(username);
    return safetyNumber(party(mine), party(theirs));
  }

  async safetyNumberQr(username: string): Promise<string> {
    const [mine, theirs] = await this.#both(username);
    return safetyNumberQrPayload(party(mine), party(theirs));
  }

  /** This account's code (its half of every safety number), as a device being linked must see it. */
  async accountCode(): Promise<string> {
    return accountCode(party(await this.#directory.get(this.#self)));
  }

  async markVerified(username: string): Promise<void> {
    const theirs = await this.#directory.get(username);
    const on = new Date(this.#clock()).toISOString().slice(0, 10);
    await putJson(this.#store, verifiedKey(username), { accountKey: toBase64url(theirs.accountKey), on });
  }

  /** A mark another device of this account made, kept unless this device has its own for the same key. */
  async adoptMark(username: string, accountKey: string, on: string): Promise<void> {
    const raw = await getJson(this.#store, verifiedKey(username));
    if (typeof raw === 'object' && raw !== null && Reflect.get(raw, 'accountKey') === accountKey) return;
    await putJson(this.#store, verifiedKey(username), { accountKey, on });
  }

  async verifiedOn(username: string): Promise<string | undefined> {
    const raw = await getJson(this.#store, verifiedKey(username));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const key: unknown = Reflect.get(raw, 'accountKey');
    const on: unknown = Reflect.get(raw, 'on');
    const current = await this.#directory.get(username);
    return key === toBase64url(current.accountKey) && typeof on === 'string' ? on : undefined;
  }

  async #both(username: string): Promise<[VerifiedAccount, VerifiedAccount]> {
    return [await this.#directory.get(this.#self), await this.#directory.get(username)];
  }
}
