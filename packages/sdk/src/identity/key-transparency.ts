import {
  decodeLookupProof,
  KeyDirectoryError,
  type LookupResult,
  verifyEpochExtension,
  verifyLookup,
} from '@parley/key-directory';
import {
  type Checkpoint,
  cosignatureVerifierFromKey,
  fromBase64,
  type NoteVerifier,
  openCheckpoint,
  toBase64,
  verifierFromKey,
} from '@parley/merkle-log';
import {
  type Account,
  decodeDirectoryDeviceList,
  fromBase64url,
  KtKeys,
  toBase64url,
} from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import { type KtProblem, type KtState, ktStateKey, readKtState } from './kt-state.ts';

export type { KtProblem } from './kt-state.ts';

export class KeyTransparencyError extends Error {
  override readonly name = 'KeyTransparencyError';
  readonly problem: KtProblem;
  readonly username: string;
  constructor(problem: KtProblem, username: string, detail: string) {
    super(`${problem} for ${username}: ${detail}`);
    this.problem = problem;
    this.username = username;
  }
}

/** The directory's entry for an account, as a verified lookup opened it. */
export type DirectoryEntry = Readonly<{
  version: number;
  accountKey: string;
  deviceList: Readonly<{ payload: string; signature: string }>;
}>;

/** How an account the server served stands against the directory. */
export type KtStatus = 'verified' | 'pending';

/** The witnesses whose cosignatures a directory checkpoint needs: cosignature/v1 vkeys and how many. */
export type WitnessPolicy = Readonly<{ witnesses: readonly string[]; quorum: number }>;

/** A witness policy with a key that does not parse or a quorum its keys cannot meet. */
export class WitnessPolicyError extends RangeError {
  override readonly name = 'WitnessPolicyError';
}

/** The policy's witness verifiers; throws WitnessPolicyError naming the problem with a key or the quorum. */
export function witnessVerifiers(policy: WitnessPolicy): NoteVerifier[] {
  const verifiers = policy.witnesses.map((key) => {
    try {
      return cosignatureVerifierFromKey(key);
    } catch (error) {
      throw new WitnessPolicyError(`not a cosignature/v1 witness key: ${describe(error)}`);
    }
  });
  const { quorum } = policy;
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > verifiers.length) {
    throw new WitnessPolicyError(`a witness quorum of ${quorum} needs at least that many witness keys`);
  }
  return verifiers;
}

const keysKey = 'kt/keys';
const checkpointKey = 'kt/checkpoint';

type SeenCheckpoint = Readonly<{ origin: string; size: number; rootHash: string }>;

/**
 * The client's side of key transparency (ADR 0010): every lookup is verified against a signed checkpoint
 * of the epoch log that extends the last one this device saw, which is kept in the store. The directory's
 * keys (origin, note key, VRF key) are pinned on first use.
 */
export class KeyTransparency {
  readonly #http: HttpClient;
  readonly #store: ClientStore;
  readonly #newEpoch: (size: number) => void;
  readonly #stateChanged: (username: string, state: KtState) => void;
  readonly #witnesses: readonly NoteVerifier[];
  readonly #quorum: number;
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
    this.#newEpoch = newEpoch;
    this.#stateChanged = stateChanged;
    this.#witnesses = witnessVerifiers(policy);
    this.#quorum = policy.quorum;
  }

  /** The directory's verified entry for `username` at its newest epoch, or null when it has none. */
  async lookup(username: string): Promise<DirectoryEntry | null> {
    return (await this.#queued(username)).entry;
  }

  #queued(username: string): Promise<Readonly<{ entry: DirectoryEntry | null; epoch: number }>> {
    const run = this.#queue.then(() => this.#lookup(username));
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
    return (await this.#seen())?.size ?? 0;
  }

  async #lookup(username: string): Promise<Readonly<{ entry: DirectoryEntry | null; epoch: number }>> {
    const keys = await this.#keys(username);
    let served: Readonly<{ checkpoint: string; proof: string }>;
    try {
      served = await this.#http.call('ktLookup', { params: { username } });
    } catch (error) {
      if (error instanceof ParleyApiError && error.code !== 'network')
        throw new KeyTransparencyError('kt-proof-missing', username, error.code);
      throw error;
    }
    const checkpoint = this.#open(served.checkpoint, keys, username);
    await this.#extend(checkpoint, username);
    let result: LookupResult;
    try {
      const proof = decodeLookupProof(fromBase64url(served.proof));
      result = verifyLookup(checkpoint, username, proof, { vrfPublicKey: fromBase64url(keys.vrfPublicKey) });
    } catch (error) {
      throw new KeyTransparencyError('kt-proof-invalid', username, describe(error));
    }
    // A checkpoint of size n covers epochs 0..n-1.
    const epoch = checkpoint.size - 1;
    if (result.entry === null) return { entry: null, epoch };
    const list = decodeDirectoryDeviceList(result.entry.deviceList);
    if (list === null) throw new KeyTransparencyError('kt-proof-invalid', username, 'malformed device list');
    const entry: DirectoryEntry = {
      version: result.entry.version,
      accountKey: toBase64url(result.entry.accountKey),
      deviceList: { payload: toBase64url(list.payload), signature: toBase64url(list.signature) },
    };
    return { entry, epoch };
  }

  /**
   * Opens a checkpoint under the pinned note key, then requires the witness quorum: a checkpoint the
   * witnesses have not cosigned may be a branch shown to this device alone, so it is neither used nor
   * remembered as seen.
   */
  #open(note: string, keys: KtKeys, username: string): Checkpoint {
    const policy = { origin: keys.origin, log: verifierFromKey(keys.noteKey) };
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(note, policy).checkpoint;
    } catch (error) {
      throw new KeyTransparencyError('kt-proof-invalid', username, `checkpoint: ${describe(error)}`);
    }
    if (this.#quorum === 0) return checkpoint;
    try {
      openCheckpoint(note, { ...policy, witnesses: this.#witnesses, quorum: this.#quorum });
    } catch (error) {
      throw new KeyTransparencyError('kt-unwitnessed', username, describe(error));
    }
    return checkpoint;
  }

  /** Checks `next` extends the last checkpoint seen, then remembers it. */
  async #extend(next: Checkpoint, username: string): Promise<void> {
    const seen = await this.#seen();
    if (seen !== undefined) {
      const old: Checkpoint = { ...seen, rootHash: fromBase64(seen.rootHash), extensions: [] };
      let proof: Uint8Array[] = [];
      if (next.size > old.size && old.size > 0) {
        const answer = await this.#http.call('ktConsistency', { query: { from: old.size, to: next.size } });
        proof = answer.proof.map(fromBase64);
      }
      try {
        verifyEpochExtension(old, next, proof);
        if (next.size === old.size && toBase64(next.rootHash) !== seen.rootHash)
          throw new KeyDirectoryError('fork', `two roots for ${next.size} epochs`);
      } catch (error) {
        throw new KeyTransparencyError('kt-fork', username, describe(error));
      }
      if (next.size === old.size) return;
    }
    const record: SeenCheckpoint = {
      origin: next.origin,
      size: next.size,
      rootHash: toBase64(next.rootHash),
    };
    await putJson(this.#store, checkpointKey, record);
    this.#newEpoch(next.size);
  }

  async #seen(): Promise<SeenCheckpoint | undefined> {
    const raw = await getJson(this.#store, checkpointKey);
    if (typeof raw !== 'object' || raw === null) return undefined;
    const origin: unknown = Reflect.get(raw, 'origin');
    const size: unknown = Reflect.get(raw, 'size');
    const rootHash: unknown = Reflect.get(raw, 'rootHash');
    if (typeof origin !== 'string' || typeof size !== 'number' || typeof rootHash !== 'string')
      return undefined;
    return { origin, size, rootHash };
  }

  /** The directory's keys, pinned on first use. */
  async #keys(username: string): Promise<KtKeys> {
    const pinned = KtKeys.safeParse(await getJson(this.#store, keysKey));
    if (pinned.success) return pinned.data;
    let keys: KtKeys;
    try {
      keys = await this.#http.call('ktKeys', {});
    } catch (error) {
      if (error instanceof ParleyApiError && error.code !== 'network')
        throw new KeyTransparencyError('kt-proof-missing', username, `directory keys: ${error.code}`);
      throw error;
    }
    await putJson(this.#store, keysKey, keys);
    return keys;
  }
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
