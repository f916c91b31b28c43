import { KeyDirectoryError, verifyEpochExtension } from '@parley/key-directory';
import {
  type Checkpoint,
  fromBase64,
  type NoteVerifier,
  openCheckpoint,
  toBase64,
  verifierFromKey,
} from '@parley/merkle-log';
import { fromBase64url, KtKeys } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import { KeyTransparencyError } from './kt-state.ts';
import { describe, type WitnessPolicy, witnessVerifiers } from './witness-policy.ts';

const keysKey = 'kt/keys';
const checkpointKey = 'kt/checkpoint';

type SeenCheckpoint = Readonly<{ origin: string; size: number; rootHash: string }>;

/**
 * Which of the key directory's checkpoints this device accepts: signed under the directory keys it pinned
 * on first use, cosigned by its witness quorum, and extending the last checkpoint it saw (kept in the store).
 */
export class DirectoryCheckpoints {
  readonly #http: HttpClient;
  readonly #store: ClientStore;
  readonly #newEpoch: (size: number) => void;
  readonly #witnesses: readonly NoteVerifier[];
  readonly #quorum: number;

  constructor(http: HttpClient, store: ClientStore, newEpoch: (size: number) => void, policy: WitnessPolicy) {
    this.#http = http;
    this.#store = store;
    this.#newEpoch = newEpoch;
    this.#witnesses = witnessVerifiers(policy);
    this.#quorum = policy.quorum;
  }

  /**
   * Fetches a proof with its checkpoint, opens the checkpoint (pinned keys, witness quorum) and checks it
   * extends the last one seen. A refusal by the server is `kt-proof-missing`.
   */
  async served(
    username: string,
    fetch: () => Promise<Readonly<{ checkpoint: string; proof: string }>>,
  ): Promise<Readonly<{ checkpoint: Checkpoint; proof: Uint8Array; vrfPublicKey: Uint8Array }>> {
    const keys = await this.keys(username);
    let served: Readonly<{ checkpoint: string; proof: string }>;
    try {
      served = await fetch();
    } catch (error) {
      if (error instanceof ParleyApiError && error.code !== 'network')
        throw new KeyTransparencyError('kt-proof-missing', username, error.code);
      throw error;
    }
    const checkpoint = this.open(served.checkpoint, keys, username);
    await this.extend(checkpoint, username);
    return { checkpoint, proof: fromBase64url(served.proof), vrfPublicKey: fromBase64url(keys.vrfPublicKey) };
  }

  /**
   * Opens a checkpoint under the pinned note key, then requires the witness quorum: a checkpoint the
   * witnesses have not cosigned may be a branch shown to this device alone, so it is neither used nor
   * remembered as seen.
   */
  open(note: string, keys: KtKeys, username: string): Checkpoint {
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
  async extend(next: Checkpoint, username: string): Promise<void> {
    const seen = await this.seen();
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

  async seen(): Promise<SeenCheckpoint | undefined> {
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
  async keys(username: string): Promise<KtKeys> {
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
