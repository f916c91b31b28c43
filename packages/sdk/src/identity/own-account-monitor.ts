import { verifyWithLabel } from '@parley/crypto';
import { decodeDeviceList, toBase64url } from '@parley/protocol';
import type { AccountDirectory } from './account-directory.ts';
import { coalesced } from './coalesced.ts';
import type { LocalIdentity } from './device-identity.ts';
import { type KeyTransparency, KeyTransparencyError } from './key-transparency.ts';

/** What the owner's device found wrong with its own directory entry. */
export type OwnAccountProblem = 'kt-own-account-key' | 'kt-own-device-list';

/**
 * Owners monitor themselves (ADR 0010): on start and at every new epoch this device sees, it looks up its
 * own account and alerts when the directory holds an account key other than its own, or a device list the
 * account key did not sign, or one that differs from the newest list this device knows at the same version.
 */
export class OwnAccountMonitor {
  readonly #identity: LocalIdentity;
  readonly #directory: AccountDirectory;
  readonly #transparency: KeyTransparency;
  readonly #alert: (problem: OwnAccountProblem | KeyTransparencyError['problem']) => void;
  /** Runs a check, or one more after the one in progress; resolves when done. Never throws. */
  readonly check = coalesced(() => this.#check());

  constructor(
    identity: LocalIdentity,
    directory: AccountDirectory,
    transparency: KeyTransparency,
    alert: (problem: OwnAccountProblem | KeyTransparencyError['problem']) => void,
  ) {
    this.#identity = identity;
    this.#directory = directory;
    this.#transparency = transparency;
    this.#alert = alert;
  }

  async #check(): Promise<void> {
    const username = this.#identity.username;
    let entry: Awaited<ReturnType<KeyTransparency['lookup']>>;
    try {
      entry = await this.#transparency.lookup(username);
    } catch (error) {
      if (error instanceof KeyTransparencyError) this.#alert(error.problem);
      throw error;
    }
    // Not yet published (an account created since the last epoch): nothing to contradict.
    if (entry === null) return;
    const own = this.#identity.account?.publicKey ?? (await this.#directory.get(username)).accountKey;
    if (entry.accountKey !== toBase64url(own)) return this.#alert('kt-own-account-key');
    const decoded = decodeDeviceList(entry.deviceList);
    if (
      !decoded ||
      decoded.list.username !== username ||
      !verifyWithLabel('device-list', own, decoded.payload, decoded.signature)
    ) {
      return this.#alert('kt-own-device-list');
    }
    let known = await this.#directory.get(username);
    if (decoded.list.version > known.list.version)
      known = await this.#directory.get(username, { refresh: true });
    if (
      decoded.list.version === known.list.version &&
      entry.deviceList.payload !== known.raw.deviceList.payload
    ) {
      this.#alert('kt-own-device-list');
    }
  }
}
