import {
  decodeHistoryProof,
  decodeLookupProof,
  type LookupResult,
  type VerifiedVersion,
  verifyHistory,
  verifyLookup,
} from '@parley/key-directory';
import { type Account, decodeDirectoryDeviceList, fromBase64url, toBase64url } from '@parley/protocol';
import { type ClientStore, putJson } from '../store/client-store.ts';
import type { HttpClient } from '../transport/http-client.ts';
import { DirectoryCheckpoints } from './kt-checkpoints.ts';
import { KeyTransparencyError, type KtState, ktStateKey, readKtState } from './kt-state.ts';
import { describe, type WitnessPolicy } from './witness-policy.ts';

export { KeyTransparencyError, type KtProblem } from './kt-state.ts';
export { type WitnessPolicy, WitnessPolicyError, witnessVerifiers } from './witness-policy.ts';

/** The directory's entry for an account, as a verified lookup opened it. */
export type DirectoryEntry = Readonly<{
  version: number;
  accountKey: string;
  deviceList: Readonly<{ payload: string; signature: string }>;
}>;

/** How an account the server served stands against the directory. */
export type KtStatus = 'verified' | 'pending';

/**
 * The client's side of key transparency (ADR 0010): every lookup is verified against a signed checkpoint
 * of the epoch log that extends the last one this device saw, which is kept in the store. The directory's
 * keys (origin, note key, VRF key) are pinned on first use.
 */
export class KeyTransparency {
  readonly #http: HttpClient;
  readonly #store: ClientStore;
  readonly #stateChanged: (username: string, state: KtState) => void;
  readonly #checkpoints: DirectoryCheckpoints;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    http: HttpClient,
    store: ClientStore,
    newEpoch: (size: number) => void = () => undefined,
    stateChanged: (username: string, state: KtState) => void = () => undefined,
    policy: WitnessPolicy = { witnesses: [], quorum: 0 },
  ) {
    this.#http = http;
    this.#store = store;
    this.#stateChanged = stateChanged;
    this.#checkpoints = new DirectoryCheckpoints(http, store, newEpoch, policy);
  }

  /** The directory's verified entry for `username` at its newest epoch, or null when it has none. */
  async lookup(username: string): Promise<DirectoryEntry | null> {
    return (await this.#queued(username)).entry;
  }

  #queued(username: string): Promise<Readonly<{ entry: DirectoryEntry | null; epoch: number }>> {
    return this.#oneAtATime(() => this.#lookup(username));
  }

  /**
   * Every version the directory ever published for `username` (the signed-in account: the owner's
   * monitoring), oldest first, verified with `verifyHistory` against a checkpoint that extends the last one
   * seen. A version the owner never made cannot hide between two of its lookups.
   */
  history(username: string): Promise<readonly DirectoryEntry[]> {
    return this.#oneAtATime(() => this.#history(username));
  }

  /** Lookups and histories run one at a time: each may move the checkpoint this device has seen. */
  #oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks a served account against the directory. 'pending' is a device list newer than the directory's
   * under the same account key (published at the next epoch); anything else that differs is refused.
   */
  async check(account: Account, listVersion: number): Promise<KtStatus> {
    try {
      return await this.#check(account, listVersion);
    } catch (error) {
      if (error instanceof KeyTransparencyError)
        await this.#record(account.username, { status: 'refused', problem: error.problem }, listVersion);
      throw error;
    }
  }

  async #check(account: Account, listVersion: number): Promise<KtStatus> {
    const { entry, epoch } = await this.#queued(account.username);
    if (entry === null) {
      throw new KeyTransparencyError('kt-proof-missing', account.username, 'the directory has no entry');
    }
    if (entry.accountKey !== account.accountKey) {
      throw new KeyTransparencyError(
        'kt-mismatch',
        account.username,
        'another account key is in the directory',
      );
    }
    const same =
      entry.deviceList.payload === account.deviceList.payload &&
      entry.deviceList.signature === account.deviceList.signature;
    const status: KtStatus = same ? 'verified' : 'pending';
    if (!same && entryListVersion(entry) >= listVersion) {
      throw new KeyTransparencyError(
        'kt-mismatch',
        account.username,
        'another device list is in the directory',
      );
    }
    await this.#record(account.username, { status, epoch }, listVersion);
    return status;
  }

  async #record(username: string, state: KtState, listVersion: number): Promise<void> {
    await putJson(this.#store, ktStateKey(username), { ...state, listVersion });
    this.#stateChanged(username, state);
  }

  /** What the last check of a served account found, if it passed. */
  async status(username: string): Promise<KtStatus | undefined> {
    const state = await this.state(username);
    return state?.status === 'refused' ? undefined : state?.status;
  }

  /** What the last check of a served account found, with its epoch or the reason it was refused. */
  state(username: string): Promise<KtState | undefined> {
    return readKtState(this.#store, username);
  }

  /** The contacts whose last check was 'pending', to check again when a new epoch is seen. */
  async pendingUsernames(): Promise<string[]> {
    const prefix = ktStateKey('');
    const names = (await this.#store.list(prefix)).map((key) => key.slice(prefix.length));
    const states = await Promise.all(names.map((name) => this.state(name)));
    return names.filter((_, i) => states[i]?.status === 'pending');
  }

  /** Size of the newest epoch log checkpoint this device has verified, 0 before any. */
  async seenSize(): Promise<number> {
    return (await this.#checkpoints.seen())?.size ?? 0;
  }

  async #lookup(username: string): Promise<Readonly<{ entry: DirectoryEntry | null; epoch: number }>> {
    const served = await this.#checkpoints.served(username, () =>
      this.#http.call('ktLookup', { params: { username } }),
    );
    let result: LookupResult;
    try {
      const proof = decodeLookupProof(served.proof);
      result = verifyLookup(served.checkpoint, username, proof, { vrfPublicKey: served.vrfPublicKey });
    } catch (error) {
      throw new KeyTransparencyError('kt-proof-invalid', username, describe(error));
    }
    // A checkpoint of size n covers epochs 0..n-1.
    const epoch = served.checkpoint.size - 1;
    return { entry: result.entry && directoryEntry(username, result.entry), epoch };
  }

  async #history(username: string): Promise<readonly DirectoryEntry[]> {
    const served = await this.#checkpoints.served(username, () => this.#http.call('ktHistory', {}));
    let versions: readonly VerifiedVersion[];
    try {
      const proof = decodeHistoryProof(served.proof);
      versions = verifyHistory(served.checkpoint, username, proof, {
        vrfPublicKey: served.vrfPublicKey,
      }).versions;
    } catch (error) {
      throw new KeyTransparencyError('kt-proof-invalid', username, describe(error));
    }
    return versions.map((v) => directoryEntry(username, v));
  }
}

/** An opened entry as the directory's entry for `username`; a device list that does not split is invalid. */
function directoryEntry(
  username: string,
  entry: Readonly<{ version: number; accountKey: Uint8Array; deviceList: Uint8Array }>,
): DirectoryEntry {
  const list = decodeDirectoryDeviceList(entry.deviceList);
  if (list === null) throw new KeyTransparencyError('kt-proof-invalid', username, 'malformed device list');
  return {
    version: entry.version,
    accountKey: toBase64url(entry.accountKey),
    deviceList: { payload: toBase64url(list.payload), signature: toBase64url(list.signature) },
  };
}

/** The version inside a directory entry's signed device list, 0 if it does not parse. */
function entryListVersion(entry: DirectoryEntry): number {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(entry.deviceList.payload)));
    const version: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'version') : 0;
    return typeof version === 'number' ? version : 0;
  } catch {
    return 0;
  }
}
