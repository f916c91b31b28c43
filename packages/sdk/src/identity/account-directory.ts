import type { CredentialPolicy } from '@parley/crypto';
import { verifyWithLabel } from '@parley/crypto';
import { Account, type DeviceList, decodeDeviceList, fromBase64url, toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import { type KeyTransparency, KeyTransparencyError, type KtProblem } from './key-transparency.ts';

/** An account whose device list verified under its (pinned) account key. */
export type VerifiedAccount = Readonly<{
  username: string;
  accountKey: Uint8Array;
  list: DeviceList;
  raw: Account;
}>;

export type DirectoryProblem =
  | 'account-key-changed'
  | 'invalid-device-list'
  | 'device-list-rollback'
  | KtProblem;

/** The server served something about an account that its signed device list or pinned key contradicts. */
export class DeviceListRefusedError extends Error {
  override readonly name = 'DeviceListRefusedError';
  readonly problem: DirectoryProblem;
  readonly username: string;
  constructor(problem: DirectoryProblem, username: string) {
    super(`${problem} for ${username}`);
    this.problem = problem;
    this.username = username;
  }
}

/** No account has this username: a typo, or an account that was never made. Still a `not_found` answer. */
export class UnknownAccountError extends ParleyApiError {
  readonly username: string;
  constructor(username: string) {
    super('not_found', 404, `There is no Parley account called “${username}”. Check the spelling.`);
    this.username = username;
  }
}

export type DirectoryEvents = Readonly<{
  /** A newer list was accepted (`before` is undefined the first time an account is seen). */
  changed: (before: VerifiedAccount | undefined, after: VerifiedAccount) => void;
  refused: (error: DeviceListRefusedError) => void;
}>;

/** Who this device is: its username and, on the device that holds it, the account key it created. */
export type OwnAccount = Readonly<{ username: string; accountKey?: Uint8Array }>;

/**
 * Accounts as this device trusts them: the account key is pinned on first use (a different key later is
 * refused), each device list must verify under it, a list version never goes back, and nothing is pinned
 * that a verified key-directory lookup contradicts. It is also the MLS
 * credential policy: a member is authorized only if its account's signed list names that device and key.
 */
export class AccountDirectory implements CredentialPolicy {
  readonly #http: HttpClient;
  readonly #store: ClientStore;
  readonly #events: DirectoryEvents;
  readonly #transparency: KeyTransparency;
  readonly #own: OwnAccount;
  readonly #cache = new Map<string, VerifiedAccount>();

  constructor(
    http: HttpClient,
    store: ClientStore,
    events: DirectoryEvents,
    transparency: KeyTransparency,
    own: OwnAccount = { username: '' },
  ) {
    this.#http = http;
    this.#store = store;
    this.#events = events;
    this.#transparency = transparency;
    this.#own = own;
  }

  /**
   * This device's own account under the key it created: its lists are signed by a key only this account's
   * devices hold, so it needs no directory entry to be trusted here (before its first epoch, on a server
   * that batches them). What the directory shows others is the owner's monitoring's to check.
   */
  #isOwn(username: string, accountKey: Uint8Array): boolean {
    const key = this.#own.accountKey;
    return username === this.#own.username && key !== undefined && equal(key, accountKey);
  }

  /** The account as last verified, fetching it when unknown or when `refresh` is set. */
  async get(username: string, options: Readonly<{ refresh?: boolean }> = {}): Promise<VerifiedAccount> {
    const cached = options.refresh
      ? undefined
      : (this.#cache.get(username) ?? (await this.#pinned(username)));
    if (cached) return cached;
    try {
      return this.accept(await this.#http.call('getAccount', { params: { username } }));
    } catch (error) {
      if (error instanceof ParleyApiError && error.code === 'not_found')
        throw new UnknownAccountError(username);
      throw error;
    }
  }

  /** Verifies an account the server served (from any route) against the pin, and pins what is newer. */
  async accept(account: Account): Promise<VerifiedAccount> {
    const { username } = account;
    const pinned = this.#cache.get(username) ?? (await this.#pinned(username));
    const accountKey = fromBase64url(account.accountKey);
    if (pinned && !equal(pinned.accountKey, accountKey)) throw this.#refuse('account-key-changed', username);
    const expected = pinned ? undefined : await getJson(this.#store, expectedKey(username));
    if (typeof expected === 'string' && expected !== account.accountKey)
      throw this.#refuse('account-key-changed', username);
    const decoded = decodeDeviceList(account.deviceList);
    if (
      !decoded ||
      decoded.list.username !== username ||
      !verifyWithLabel('device-list', accountKey, decoded.payload, decoded.signature)
    ) {
      throw this.#refuse('invalid-device-list', username);
    }
    const verified: VerifiedAccount = { username, accountKey, list: decoded.list, raw: account };
    if (pinned) {
      if (decoded.list.version < pinned.list.version) {
        this.#events.refused(new DeviceListRefusedError('device-list-rollback', username));
        return pinned;
      }
      if (decoded.list.version === pinned.list.version) {
        if (account.deviceList.payload === pinned.raw.deviceList.payload) return pinned;
        throw this.#refuse('invalid-device-list', username);
      }
    }
    // Nothing is pinned that the key directory does not hold (or, for a newer list, will publish next).
    if (!this.#isOwn(username, accountKey)) {
      try {
        await this.#transparency.check(account, decoded.list.version);
      } catch (error) {
        if (error instanceof KeyTransparencyError) throw this.#refuse(error.problem, username);
        throw error;
      }
    }
    await putJson(this.#store, pinKey(username), account);
    this.#cache.set(username, verified);
    this.#events.changed(pinned, verified);
    return verified;
  }

  /**
   * Checks the account against the key directory's newest epoch now, even when the server serves the list
   * already pinned: a pending list becomes verified once published, and a directory that changed behind a
   * pinned account is refused with an alert.
   */
  async recheck(username: string): Promise<void> {
    const account = await this.get(username, { refresh: true });
    try {
      await this.#transparency.check(account.raw, account.list.version);
    } catch (error) {
      if (error instanceof KeyTransparencyError) throw this.#refuse(error.problem, username);
      throw error;
    }
  }

  /**
   * Binds this device to an account key another device of the same account pinned: true if it agrees with
   * what this device pinned or was told before (it is then expected of the server), false if it conflicts.
   */
  async expect(username: string, accountKey: string): Promise<boolean> {
    const pinned = this.#cache.get(username) ?? (await this.#pinned(username));
    if (pinned) return toBase64url(pinned.accountKey) === accountKey;
    const expected = await getJson(this.#store, expectedKey(username));
    if (typeof expected === 'string') return expected === accountKey;
    await putJson(this.#store, expectedKey(username), accountKey);
    return true;
  }

  /** Every account this device has pinned. */
  async pinnedUsernames(): Promise<string[]> {
    return (await this.#store.list('pin/')).map((key) => key.slice('pin/'.length));
  }

  /** CredentialPolicy: the device must be in its account's signed list with this very key. */
  async isAuthorized(member: Readonly<{ username: string; deviceId: string; signatureKey: Uint8Array }>) {
    try {
      let account = await this.get(member.username);
      let entry = account.list.devices.find((d) => d.deviceId === member.deviceId);
      if (!entry) {
        account = await this.get(member.username, { refresh: true });
        entry = account.list.devices.find((d) => d.deviceId === member.deviceId);
      }
      return entry !== undefined && entry.signatureKey === toBase64url(member.signatureKey);
    } catch (error) {
      if (error instanceof DeviceListRefusedError) return false;
      if (error instanceof ParleyApiError && error.code === 'not_found') return false;
      throw error;
    }
  }

  #refuse(problem: DirectoryProblem, username: string): DeviceListRefusedError {
    const error = new DeviceListRefusedError(problem, username);
    this.#events.refused(error);
    return error;
  }

  async #pinned(username: string): Promise<VerifiedAccount | undefined> {
    const raw = await getJson(this.#store, pinKey(username));
    if (raw === undefined) return undefined;
    // Pins were verified before they were written; parse them again rather than trust their shape.
    const parsed = Account.safeParse(raw);
    if (!parsed.success) return undefined;
    const account = parsed.data;
    const decoded = decodeDeviceList(account.deviceList);
    if (!decoded) return undefined;
    const verified = {
      username,
      accountKey: fromBase64url(account.accountKey),
      list: decoded.list,
      raw: account,
    };
    this.#cache.set(username, verified);
    return verified;
  }
}

const pinKey = (username: string) => `pin/${username}`;
/** An account key another device of this account pinned, before this device met the account itself. */
const expectedKey = (username: string) => `pin-expected/${username}`;

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
