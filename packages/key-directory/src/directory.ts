import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type Checkpoint, MemoryTree } from '@parley/merkle-log';
import { compareBytes } from './bytes.ts';
import type { EpochAudit } from './epoch-audit.ts';
import { KeyDirectoryError } from './errors.ts';
import { commitmentHash, HASH_SIZE, labelFromVrfOutput } from './hashing.ts';
import type { EpochTreeProof, HistoryProof, VersionProof } from './history.ts';
import type { LoggedEpoch, LookupProof, OpenedEntry } from './lookup.ts';
import {
  type DirectoryValue,
  type EpochRecord,
  encodeEpochRecord,
  encodeKeyEvent,
  encodeValue,
  type KeyEvent,
} from './records.ts';
import { SparseMerkleTree } from './sparse-tree.ts';
import { vrfProofToHash, vrfProve, vrfPublicKey } from './vrf.ts';

type Version = Readonly<{ entry: OpenedEntry; epoch: number; commitment: Uint8Array; eventIndex: number }>;
type Account = { readonly label: Uint8Array; readonly vrfProof: Uint8Array; readonly versions: Version[] };

export type KeyDirectoryOptions = Readonly<{
  /** Log identity of the epoch log, the first line of its checkpoints. */
  origin: string;
  /** 32-byte Ed25519 seed of the VRF key; its public key is what clients pin. */
  vrfSecretKey: Uint8Array;
  /** Source of commitment openings; tests pass a deterministic one. */
  random?: (length: number) => Uint8Array;
}>;

/**
 * The directory as its operator builds it, in memory: updates staged during an epoch, then published
 * together as one new tree whose root is appended to the epoch log. Keeps every epoch's tree (they
 * share unchanged nodes) so it can prove lookups and histories. Storage and signing are the caller's.
 */
export class KeyDirectory {
  readonly #origin: string;
  readonly #vrfSecretKey: Uint8Array;
  readonly #random: (length: number) => Uint8Array;
  readonly #accounts = new Map<string, Account>();
  readonly #pending = new Map<string, DirectoryValue>();
  readonly #trees: SparseMerkleTree[] = [];
  readonly #records: EpochRecord[] = [];
  readonly #events: MemoryTree[] = [];
  readonly #eventLists: (readonly KeyEvent[])[] = [];
  readonly #log = new MemoryTree();

  constructor(options: KeyDirectoryOptions) {
    this.#origin = options.origin;
    this.#vrfSecretKey = options.vrfSecretKey;
    this.#random = options.random ?? randomBytes;
  }

  /** The VRF public key clients pin (RFC 8032 encoding). */
  get vrfPublicKey(): Uint8Array {
    return vrfPublicKey(this.#vrfSecretKey);
  }

  /** Number of epochs published; the newest is epochCount - 1. */
  get epochCount(): number {
    return this.#records.length;
  }

  /** Number of usernames with an entry. */
  get size(): number {
    return this.#trees.at(-1)?.size ?? 0;
  }

  /** Whether `username` has an entry (was published in some epoch). Costs no VRF proof. */
  holds(username: string): boolean {
    return (this.#accounts.get(username)?.versions.length ?? 0) > 0;
  }

  /** Stages a new value for a username; the latest staged value wins at the next publish. */
  stage(username: string, value: DirectoryValue): void {
    this.#pending.set(username, value);
  }

  /** A username's VRF proof, proving it once if this directory has not yet. */
  vrfProofOf(username: string): Uint8Array {
    return (this.#accounts.get(username) ?? this.#newAccount(username)).vrfProof;
  }

  /** The label a username maps to (its VRF output, hashed), proving the VRF once if not yet. */
  labelOf(username: string): Uint8Array {
    return (this.#accounts.get(username) ?? this.#newAccount(username)).label;
  }

  /**
   * Restores a VRF proof and label the operator stored earlier, so rebuilding a directory does not prove
   * every name again. The label is trusted, not recomputed (that costs a point decompression per name): a
   * wrong one yields another root, which the operator checks against the records it signed. Call before
   * staging.
   */
  restoreVrfProof(username: string, vrfProof: Uint8Array, label: Uint8Array): void {
    if (this.#accounts.has(username)) return;
    this.#accounts.set(username, { label, vrfProof, versions: [] });
  }

  /** Applies every staged update as the next epoch and logs its record. */
  publishEpoch(): EpochRecord {
    const epoch = this.#records.length;
    const events: { event: KeyEvent; username: string; entry: OpenedEntry }[] = [];
    for (const [username, value] of this.#pending) {
      const account = this.#account(username);
      const version = account.versions.length + 1;
      const entry: OpenedEntry = { ...value, version, opening: this.#opening() };
      const commitment = commitmentHash(entry.opening, account.label, version, encodeValue(entry));
      events.push({ event: { label: account.label, version, commitment }, username, entry });
    }
    this.#pending.clear();
    events.sort((a, b) => compareBytes(a.event.label, b.event.label));
    const eventTree = new MemoryTree();
    for (const [eventIndex, { event, username, entry }] of events.entries()) {
      eventTree.append(encodeKeyEvent(event));
      this.#account(username).versions.push({ entry, epoch, commitment: event.commitment, eventIndex });
    }
    const previous = this.#trees.at(-1) ?? SparseMerkleTree.empty();
    const tree = previous.apply(events.map(({ event }) => event));
    const record: EpochRecord = {
      epoch,
      root: tree.root(),
      previousRoot: previous.root(),
      eventsRoot: eventTree.root(),
      eventCount: eventTree.size,
    };
    this.#trees.push(tree);
    this.#events.push(eventTree);
    this.#eventLists.push(events.map(({ event }) => event));
    this.#records.push(record);
    this.#log.append(encodeEpochRecord(record));
    return record;
  }

  /** The unsigned checkpoint body of the epoch log at `size` epochs (default all). */
  checkpoint(size: number = this.#log.size): Checkpoint {
    return { origin: this.#origin, size, rootHash: this.#log.root(size), extensions: [] };
  }

  /** RFC 9162 consistency proof between two sizes of the epoch log. */
  consistencyProof(fromSize: number, toSize: number = this.#log.size): Uint8Array[] {
    return this.#log.consistencyProof(fromSize, toSize);
  }

  /** RFC 9162 inclusion proof of epoch `epoch`'s record in the epoch log at `size` epochs (default all). */
  epochInclusion(epoch: number, size: number = this.#log.size): Uint8Array[] {
    return this.#log.inclusionProof(epoch, size);
  }

  /** Lookup proof for a username at the newest epoch, for a checkpoint of the whole log. */
  lookup(username: string): LookupProof {
    const account = this.#accounts.get(username) ?? this.#newAccount(username);
    const at = this.#treeProof(account.label, this.#newestEpoch());
    return { vrfProof: account.vrfProof, ...at, entry: account.versions.at(-1)?.entry ?? null };
  }

  /** Every version of a username with the proofs `verifyHistory` checks, at the newest epoch. */
  history(username: string): HistoryProof {
    const account = this.#accounts.get(username) ?? this.#newAccount(username);
    const versions = account.versions.map((v): VersionProof => {
      const eventTree = this.#events[v.epoch];
      if (eventTree === undefined) throw new RangeError(`epoch ${v.epoch} is missing`);
      return {
        entry: v.entry,
        at: this.#treeProof(account.label, v.epoch),
        eventIndex: v.eventIndex,
        eventInclusion: eventTree.inclusionProof(v.eventIndex),
        before: v.epoch === 0 ? null : this.#treeProof(account.label, v.epoch - 1),
      };
    });
    return { current: this.lookup(username), versions };
  }

  /** What an auditor needs to check that epoch `epoch` changed exactly what it logged. */
  audit(epoch: number): EpochAudit {
    const record = this.#records[epoch];
    const events = this.#eventLists[epoch];
    if (record === undefined || events === undefined) throw new RangeError(`epoch ${epoch} is not published`);
    const previousTree = this.#trees[epoch - 1] ?? SparseMerkleTree.empty();
    return {
      previous: this.#records[epoch - 1] ?? null,
      record,
      events,
      previousTree: previousTree.pruned(events.map((e) => e.label)),
    };
  }

  #newestEpoch(): number {
    if (this.#records.length === 0) throw new KeyDirectoryError('epoch_not_logged', 'no epoch published yet');
    return this.#records.length - 1;
  }

  #loggedEpoch(epoch: number): LoggedEpoch {
    const record = this.#records[epoch];
    if (record === undefined) throw new RangeError(`epoch ${epoch} is not published`);
    return { record, inclusion: this.#log.inclusionProof(epoch) };
  }

  #treeProof(label: Uint8Array, epoch: number): EpochTreeProof {
    const tree = this.#trees[epoch];
    if (tree === undefined) throw new RangeError(`epoch ${epoch} is not published`);
    return { epoch: this.#loggedEpoch(epoch), tree: tree.prove(label) };
  }

  /** A username's label and VRF proof, kept once it has an entry: proving costs scalar multiplications. */
  #account(username: string): Account {
    let account = this.#accounts.get(username);
    if (account === undefined) {
      account = this.#newAccount(username);
      this.#accounts.set(username, account);
    }
    return account;
  }

  /** Not stored, so looking up names that have no entry costs no memory. */
  #newAccount(username: string): Account {
    const vrfProof = vrfProve(this.#vrfSecretKey, utf8ToBytes(username));
    return { label: labelFromVrfOutput(vrfProofToHash(vrfProof)), vrfProof, versions: [] };
  }

  #opening(): Uint8Array {
    const opening = this.#random(HASH_SIZE);
    if (opening.length !== HASH_SIZE) throw new RangeError('opening must be 32 bytes');
    return opening;
  }
}
