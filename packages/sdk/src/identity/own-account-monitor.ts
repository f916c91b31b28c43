import { verifyWithLabel } from '@parley/crypto';
import { decodeDeviceList, toBase64url } from '@parley/protocol';
import type { AccountDirectory } from './account-directory.ts';
import { coalesced } from './coalesced.ts';
import type { LocalIdentity } from './device-identity.ts';
import { type DirectoryEntry, type KeyTransparency, KeyTransparencyError } from './key-transparency.ts';

/** What the owner's device found wrong with its own directory entry. */
export type OwnAccountProblem = 'kt-own-account-key' | 'kt-own-device-list';

/**
 * Owners monitor themselves (ADR 0010): on start and at every new epoch this device sees, it fetches its own
 * account's whole history in the directory (`verifyHistory`: every version ever published, each replacing
 * the one before) and alerts when any version holds an account key other than its own or a device list the
 * account key did not sign, or the newest differs from the newest list this device knows at that version.
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
    let history: readonly DirectoryEntry[];
    try {
      history = await this.#transparency.history(username);
    } catch (error) {
      if (error instanceof KeyTransparencyError) this.#alert(error.problem);
      throw error;
    }
    // Not yet published (an account created since the last epoch): nothing to contradict.
    const newest = history.at(-1);
    if (newest === undefined) return;
    const own = this.#identity.account?.publicKey ?? (await this.#directory.get(username)).accountKey;
    // Every version ever published, not only the newest: one the owner never made cannot hide between checks.
    for (const entry of history) {
      if (entry.accountKey !== toBase64url(own)) return this.#alert('kt-own-account-key');
      if (!signedBy(own, username, entry)) return this.#alert('kt-own-device-list');
    }
    const decoded = decodeDeviceList(newest.deviceList);
    if (decoded === null) return this.#alert('kt-own-device-list');
    let known = await this.#directory.get(username);
    if (decoded.list.version > known.list.version)
      known = await this.#directory.get(username, { refresh: true });
    if (
      decoded.list.version === known.list.version &&
      newest.deviceList.payload !== known.raw.deviceList.payload
    ) {
      this.#alert('kt-own-device-list');
    }
  }
}

/** Whether an entry's device list is this account's, signed by its account key. */
function signedBy(accountKey: Uint8Array, username: string, entry: DirectoryEntry): boolean {
  const decoded = decodeDeviceList(entry.deviceList);
  return (
    decoded !== null &&
    decoded.list.username === username &&
    verifyWithLabel('device-list', accountKey, decoded.payload, decoded.signature)
  );
}
