import {
  createTileNodeSource,
  MAX_ENTRY_SIZE,
  parseTilePath,
  proveConsistency,
  proveInclusion,
  toBase64,
} from '@parley/merkle-log';
import type { LogHandover } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { ServerConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { LogKey } from './log-key.ts';
import { nodeHasher } from './node-hasher.ts';
import type { Sequencer } from './sequencer.ts';
import { logStore } from './store.ts';
import { readEntryBundle, readTile } from './tile-reader.ts';
import { type WitnessEndpoint, WitnessPusher } from './witness-push.ts';

type Log = NonNullable<ServerConfig['log']>;

/** Whether the log keeps up, for `/ready`: reported there, never a reason to take a process out of service. */
export type LogFreshness = Readonly<{ sequencer: 'ok' | 'behind'; witnesses: 'ok' | 'stale' | 'none' }>;

/** A queued entry waiting longer than this means no process is integrating (the sequencer runs every second). */
const SEQUENCER_BOUND_MS = 60_000;
/** A checkpoint not cosigned by every configured witness this long after it was signed is stale. */
const WITNESS_GRACE_MS = 10 * 60_000;

/** Where an appended entry landed, once the sequencer has integrated it. */
export type EntryLocation = Readonly<{ index: number; leafHash: Uint8Array; covered: boolean }>;

/**
 * The public transparency log. Entries are opaque bytes: callers (governance) append them inside their own
 * transaction, and the sequencer integrates them afterwards, so an event and its log entry commit together.
 */
export class TransparencyLogService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly key: LogKey;
  readonly sequencer: Sequencer;
  readonly witnesses: WitnessPusher;
  readonly #witnessCount: number;
  #pushing: Promise<void> | undefined;

  constructor(
    db: Db,
    clock: Clock,
    key: LogKey,
    sequencer: Sequencer,
    witnesses: readonly WitnessEndpoint[],
    log: Log,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.key = key;
    this.sequencer = sequencer;
    this.#witnessCount = witnesses.length;
    this.witnesses = new WitnessPusher({
      db,
      store: logStore,
      clock,
      log,
      prefix: 'log',
      endpoints: witnesses,
      prove: (from, to) => this.proveConsistency(from, to),
    });
  }

  /**
   * Queues entries (each at most 65,535 bytes, the entry-bundle limit) and returns a ticket per entry.
   * Pass the caller's transaction as `db` so the entries commit or roll back with the event they record.
   */
  async append(entries: readonly Uint8Array[], db: Db = this.#db): Promise<number[]> {
    for (const e of entries) {
      if (e.length > MAX_ENTRY_SIZE)
        throw new RangeError(`log entry of ${e.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    }
    if (entries.length === 0) return [];
    return logStore.enqueue(db, entries, this.#clock.now());
  }

  /**
   * Where a ticket's entry is, and whether the latest signed checkpoint covers it; undefined while queued.
   * Pass the caller's transaction as `db` when one is open (PGlite has a single connection).
   */
  async locate(ticket: number, db: Db = this.#db): Promise<EntryLocation | undefined> {
    const row = await logStore.entryByTicket(db, ticket);
    if (row === undefined) return undefined;
    const size = (await logStore.latestCheckpoint(db))?.size ?? 0;
    return { index: row.idx, leafHash: row.leaf_hash, covered: row.idx < size };
  }

  /**
   * Integrates what is queued (one checkpoint per batch, or a periodic one), then pushes the latest checkpoint
   * to the witnesses. The timer passes `waitForWitnesses: false` so a slow witness never delays
   * integration; at most one push round runs at a time.
   */
  async sequence(options: Readonly<{ waitForWitnesses?: boolean }> = {}): Promise<number> {
    const signed = await this.sequencer.drain();
    const push = this.#pushLatest();
    if (options.waitForWitnesses !== false) await push;
    // Not awaited: each witness failure is logged inside push; a lost round is retried on the next pass.
    else push.catch(() => undefined);
    return signed.length;
  }

  #pushLatest(): Promise<void> {
    this.#pushing ??= (async () => {
      try {
        const latest = await logStore.latestCheckpoint(this.#db);
        if (latest) await this.witnesses.push(latest);
      } finally {
        this.#pushing = undefined;
      }
    })();
    return this.#pushing;
  }

  /**
   * Whether entries wait too long for the sequencer, and whether the latest checkpoint, past a grace period,
   * lacks a cosignature from any configured witness (`none` when no witness is configured).
   */
  async freshness(): Promise<LogFreshness> {
    const now = this.#clock.now().getTime();
    const oldest = await logStore.oldestQueuedAt(this.#db);
    const sequencer = oldest && now - oldest.getTime() > SEQUENCER_BOUND_MS ? 'behind' : 'ok';
    if (this.#witnessCount === 0) return { sequencer, witnesses: 'none' };
    const latest = await logStore.latestCheckpoint(this.#db);
    if (latest === undefined || now - latest.signed_at.getTime() <= WITNESS_GRACE_MS)
      return { sequencer, witnesses: 'ok' };
    const lines = await logStore.cosignatureLines(this.#db, latest.size, latest.root_hash);
    return { sequencer, witnesses: lines.length >= this.#witnessCount ? 'ok' : 'stale' };
  }

  /** The tree head of the latest signed checkpoint, or undefined before the first. */
  async head(
    db: Db = this.#db,
  ): Promise<Readonly<{ size: number; rootHash: Uint8Array; signedAt: Date }> | undefined> {
    const latest = await logStore.latestCheckpoint(db);
    return latest && { size: latest.size, rootHash: latest.root_hash, signedAt: latest.signed_at };
  }

  /** Entries `[start, end)` in index order (callers keep `end` within a signed checkpoint). */
  entries(start: number, end: number, db: Db = this.#db): Promise<Uint8Array[]> {
    return logStore.entries(db, start, end);
  }

  /** The queue ticket of the entry at `index`, or undefined beyond the integrated tree. */
  ticketAt(index: number): Promise<number | undefined> {
    return logStore.ticketAt(this.#db, index);
  }

  /** Whether the log signed any checkpoint before `time`: whether it existed then. */
  existedBefore(time: Date): Promise<boolean> {
    return logStore.signedBefore(this.#db, time);
  }

  /** The latest signed checkpoint with every witness cosignature held for its tree. */
  async checkpoint(): Promise<string> {
    const latest = await logStore.latestCheckpoint(this.#db);
    if (latest === undefined) throw new ApiError('not_found', 'The log has no checkpoint yet.');
    const lines = await logStore.cosignatureLines(this.#db, latest.size, latest.root_hash);
    return latest.note + lines.join('');
  }

  /** Every rotation of the log's key, oldest first, each with its handover checkpoint (old key's signature). */
  async handovers(): Promise<LogHandover[]> {
    const keys = await logStore.logVkeys(this.#db);
    const handovers: LogHandover[] = [];
    for (const [i, old] of keys.entries()) {
      const next = keys[i + 1];
      const checkpoint = next && (await logStore.handoverCheckpoint(this.#db, old.name));
      if (next === undefined || checkpoint === undefined) continue;
      handovers.push({
        oldOrigin: old.name,
        oldVkey: old.vkey,
        newVkey: next.vkey,
        size: checkpoint.size,
        checkpoint: checkpoint.note,
      });
    }
    return handovers;
  }

  /** A hash tile or entry bundle at a tlog-tiles path (relative to the log prefix). */
  async tile(path: string): Promise<Uint8Array> {
    let parsed: ReturnType<typeof parseTilePath>;
    try {
      parsed = parseTilePath(path);
    } catch {
      throw new ApiError('not_found', 'No such tile.');
    }
    const size = await this.#size();
    const data =
      parsed.kind === 'tile'
        ? await readTile(this.#db, size, parsed.tile)
        : await readEntryBundle(this.#db, size, parsed.index, parsed.width);
    if (data === undefined) throw new ApiError('not_found', 'The log does not hold that tile yet.');
    return data;
  }

  async inclusionProof(index: number, size: number) {
    await this.#requireSize(size);
    if (index >= size) throw new ApiError('not_found', 'No such entry in a tree of that size.');
    const [leaf] = await logStore.leafHashes(this.#db, index, index + 1);
    const proof = await proveInclusion(this.#nodes(await this.#size()), index, size, nodeHasher);
    return { index, size, leafHash: toBase64(leaf ?? new Uint8Array()), proof: proof.map(toBase64) };
  }

  async consistencyProof(from: number, to: number) {
    await this.#requireSize(to);
    if (from === 0 || from > to) throw new ApiError('not_found', 'No consistency proof between those sizes.');
    return { from, to, proof: (await this.proveConsistency(from, to)).map(toBase64) };
  }

  async proveConsistency(from: number, to: number): Promise<Uint8Array[]> {
    return proveConsistency(this.#nodes(await this.#size()), from, to, nodeHasher);
  }

  #nodes(size: number) {
    return createTileNodeSource(
      size,
      (tiles) =>
        Promise.all(
          tiles.map(async (t) => {
            const data = await readTile(this.#db, size, t);
            if (data === undefined) throw new Error(`tile ${t.level}/${t.index} is missing`);
            return data;
          }),
        ),
      nodeHasher,
    );
  }

  async #size(): Promise<number> {
    return (await logStore.latestCheckpoint(this.#db))?.size ?? 0;
  }

  async #requireSize(size: number): Promise<void> {
    if (size > (await this.#size())) throw new ApiError('not_found', 'The log has not reached that size.');
  }
}
