import { randomBytes } from 'node:crypto';
import {
  encodeEpochAudit,
  encodeEpochRecord,
  encodeHistoryProof,
  encodeLookupProof,
} from '@parley/key-directory';
import { formatCheckpoint, signNote, toBase64 } from '@parley/merkle-log';
import { encodeDirectoryDeviceList, maxKtAuditBytes, toBase64url } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { WitnessEndpoint } from '../transparency-log/witness-push.ts';
import type { DirectoryKeys } from './directory-keys.ts';
import { DirectoryWitnesses } from './directory-witnesses.ts';
import { type DirectoryState, emptyState, replayEpochs } from './rebuild.ts';
import { ktStore, type StoredVersion } from './store.ts';

/** An account's keys as a key event: what its directory entry will hold after the next epoch. */
export type AccountKeys = Readonly<{
  username: string;
  accountKey: Uint8Array;
  deviceList: Readonly<{ payload: Uint8Array; signature: Uint8Array }>;
}>;

export type KeyDirectoryOptions = Readonly<{
  /** Publish an epoch as soon as a key event commits, rather than only on the timer. */
  publishOnChange: boolean;
  /** Witnesses each new epoch's checkpoint is pushed to (the request log's), and where their refusals are logged. */
  witnesses?: Readonly<{ endpoints: readonly WitnessEndpoint[]; log: NonNullable<ServerConfig['log']> }>;
}>;

/**
 * The key directory of the server's accounts (ADR 0010). Key events are staged in the account's own
 * transaction; an epoch publishes all staged events at once, appends its record to the epoch log and
 * signs a checkpoint, in one transaction under an advisory lock. The trees are kept in memory, rebuilt
 * from the database at start and caught up whenever another process published.
 */
export class KeyDirectoryService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #keys: DirectoryKeys;
  readonly #options: KeyDirectoryOptions;
  readonly #witnesses: DirectoryWitnesses;
  #state: DirectoryState;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(db: Db, clock: Clock, keys: DirectoryKeys, options: KeyDirectoryOptions) {
    this.#db = db;
    this.#clock = clock;
    this.#keys = keys;
    this.#options = options;
    this.#state = emptyState(keys);
    this.#witnesses = new DirectoryWitnesses(
      db,
      clock,
      options.witnesses?.log ?? (() => undefined),
      options.witnesses?.endpoints ?? [],
      (from, to) => this.#state.directory.consistencyProof(from, to),
    );
  }

  /** Opens the directory and rebuilds it from the database; `rebuilt` reports what that cost. */
  static async open(
    db: Db,
    clock: Clock,
    keys: DirectoryKeys,
    options: KeyDirectoryOptions,
    rebuilt: (fields: Readonly<{ epochs: number; entries: number; ms: number }>) => void = () => undefined,
  ) {
    const service = new KeyDirectoryService(db, clock, keys, options);
    const started = performance.now();
    const epochs = await replayEpochs(db, service.#state);
    const ms = Math.round(performance.now() - started);
    rebuilt({ epochs, entries: service.#state.directory.size, ms });
    return service;
  }

  /** Number of epochs published. */
  get epochCount(): number {
    return this.#state.directory.epochCount;
  }

  /** Stages a key event; pass the transaction that changes the account so both commit together. */
  async stage(tx: Db, keys: AccountKeys): Promise<void> {
    const deviceList = encodeDirectoryDeviceList(keys.deviceList.payload, keys.deviceList.signature);
    await ktStore.stage(
      tx,
      { username: keys.username, accountKey: keys.accountKey, deviceList },
      this.#clock.now(),
    );
  }

  /**
   * Called after a key event committed: publishes at once when so configured, and has the epoch cosigned
   * before returning, so contacts that require a witness quorum can verify the change as soon as it is made.
   */
  async changed(): Promise<void> {
    if (!this.#options.publishOnChange) return;
    await this.publish();
    await this.witness();
  }

  /** Pushes the newest epoch's checkpoint to every witness that has not cosigned it yet (failures are logged). */
  witness(): Promise<void> {
    return this.#witnesses.push();
  }

  /** Publishes every staged event as the next epoch; returns the epoch number, or undefined if none. */
  publish(): Promise<number | undefined> {
    return this.#serial(async () => {
      try {
        return await this.#publish();
      } catch (error) {
        // The in-memory trees may be ahead of what committed: start again from the database.
        await this.#rebuild();
        throw error;
      }
    });
  }

  /** Drops the in-memory trees and rebuilds them from the database, as a restart would. */
  reload(): Promise<void> {
    return this.#serial(() => this.#rebuild());
  }

  async #rebuild(): Promise<void> {
    const state = emptyState(this.#keys);
    await replayEpochs(this.#db, state);
    this.#state = state;
  }

  /** The keys clients pin. */
  keys() {
    return {
      origin: this.#keys.origin,
      noteKey: this.#keys.vkey,
      vrfPublicKey: toBase64url(this.#state.directory.vrfPublicKey),
    };
  }

  /** The newest epoch's checkpoint, with the witness cosignatures held for it. */
  checkpoint() {
    return this.#read(async () => ({ checkpoint: await this.#cosignedCheckpoint() }));
  }

  /**
   * The lookup proof for `username` at the newest epoch, with that epoch's checkpoint. Only for a name the
   * directory holds or will publish next (its owner checks the absence before the first epoch): proving the
   * VRF for any other name costs milliseconds of CPU and a cached proof each, which a flood of made-up names
   * would turn into a denial of service.
   */
  lookup(username: string) {
    return this.#read(async () => {
      await this.#known(username);
      const proof = encodeLookupProof(this.#state.directory.lookup(username));
      return { checkpoint: await this.#cosignedCheckpoint(), proof: toBase64url(proof) };
    });
  }

  /** Refuses a name the directory neither holds nor has staged, before any VRF proof is made for it. */
  async #known(username: string): Promise<void> {
    if (this.#state.directory.holds(username) || (await ktStore.isPending(this.#db, username))) return;
    throw new ApiError('not_in_directory');
  }

  /** Every version of `username` with the proofs `verifyHistory` checks, at the newest epoch. */
  history(username: string) {
    return this.#read(async () => {
      await this.#known(username);
      const proof = encodeHistoryProof(this.#state.directory.history(username));
      return { checkpoint: await this.#cosignedCheckpoint(), proof: toBase64url(proof) };
    });
  }

  consistency(from: number, to: number) {
    return this.#read(() => {
      if (from === 0 || from > to || to > this.epochCount) {
        throw new ApiError('not_found', 'No consistency proof between those epoch log sizes.');
      }
      return { from, to, proof: this.#state.directory.consistencyProof(from, to).map(toBase64) };
    });
  }

  /** What an auditor checks of epoch `epoch`: its audit, and its record's inclusion in the log of `size`. */
  audit(epoch: number, size: number) {
    return this.#read(() => {
      if (size > this.epochCount) throw new ApiError('epoch_not_published');
      if (epoch >= size) throw new ApiError('epoch_outside_log');
      const audit = encodeEpochAudit(this.#state.directory.audit(epoch));
      if (audit.length > maxKtAuditBytes) throw new Error(`epoch ${epoch}'s audit is too large to serve`);
      const inclusion = this.#state.directory.epochInclusion(epoch, size).map(toBase64);
      return { epoch, size, inclusion, audit: toBase64url(audit) };
    });
  }

  async #publish(): Promise<number | undefined> {
    return this.#db.transaction().execute(async (tx) => {
      if (!(await ktStore.tryPublishLock(tx))) return undefined;
      await replayEpochs(tx, this.#state);
      const pending = await ktStore.pending(tx);
      if (pending.length === 0) return undefined;
      const { directory, versions, proven, openings } = this.#state;
      const epoch = directory.epochCount;
      const published: StoredVersion[] = [];
      for (const event of pending) {
        const opening = new Uint8Array(randomBytes(32));
        const version = (versions.get(event.username) ?? 0) + 1;
        directory.stage(event.username, { accountKey: event.accountKey, deviceList: event.deviceList });
        openings.push(opening);
        published.push({ ...event, version, epoch, opening });
      }
      const record = directory.publishEpoch();
      const proofs = new Map<string, { vrfProof: Uint8Array; label: Uint8Array }>();
      for (const v of published) {
        versions.set(v.username, v.version);
        if (!proven.has(v.username))
          proofs.set(v.username, {
            vrfProof: directory.vrfProofOf(v.username),
            label: directory.labelOf(v.username),
          });
      }
      const checkpoint = signNote(formatCheckpoint(directory.checkpoint()), [this.#keys.signer]);
      const stored = { epoch, record: encodeEpochRecord(record), checkpoint };
      await ktStore.insertEpoch(tx, stored, published, proofs, this.#clock.now());
      await ktStore.clearPending(
        tx,
        pending.map((p) => p.username),
      );
      for (const username of proofs.keys()) proven.add(username);
      this.#state.checkpoint = checkpoint;
      return epoch;
    });
  }

  /**
   * Answers from the trees after catching up with epochs another process published. Queued with
   * publishing, because a publication updates the trees before the checkpoint that signs them.
   */
  #read<T>(answer: () => T | Promise<T>): Promise<T> {
    return this.#serial(async () => {
      if ((await ktStore.epochCount(this.#db)) > this.epochCount) await replayEpochs(this.#db, this.#state);
      return answer();
    });
  }

  #cosignedCheckpoint(): Promise<string> {
    const checkpoint = this.#state.checkpoint;
    if (checkpoint === undefined) throw new ApiError('directory_not_published');
    return this.#witnesses.cosigned(this.epochCount - 1, checkpoint);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
