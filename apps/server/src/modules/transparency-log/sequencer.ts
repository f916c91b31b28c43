import { formatCheckpoint, signNote } from '@parley/merkle-log';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { type LogKey, LogOriginRotatedError } from './log-key.ts';
import { nodeHasher } from './node-hasher.ts';
import { type CheckpointRow, logStore } from './store.ts';
import { growTree, partialRanges, type RightEdge } from './tree-growth.ts';

export type SequencerOptions = Readonly<{
  origin: string;
  key: LogKey;
  clock: Clock;
  /** Entries integrated (and one checkpoint signed) per batch. */
  batchSize: number;
  /** A checkpoint is signed at least this often even when nothing was appended. */
  checkpointIntervalMs: number;
}>;

/** What one pass did: how many entries it integrated and the checkpoint it signed, if any. */
export type SequencerPass = Readonly<{ integrated: number; checkpoint: CheckpointRow | undefined }>;

/**
 * Integrates queued entries into the tree and signs checkpoints. Only one process integrates at a time,
 * whatever the number of server processes: each pass runs in one transaction holding a PostgreSQL advisory
 * lock, and everything it writes (entries, full tiles, checkpoint, queue removal) commits together, so the
 * served tree always equals the latest checkpoint.
 */
export class Sequencer {
  readonly #db: Db;
  readonly #options: SequencerOptions;

  constructor(db: Db, options: SequencerOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** One batch: integrates up to batchSize entries, or re-signs the tree when the interval has passed. */
  async pass(): Promise<SequencerPass> {
    return this.#db.transaction().execute(async (tx) => {
      if (!(await logStore.trySequencerLock(tx))) return { integrated: 0, checkpoint: undefined };
      // A process still running under a retired origin must not extend the log past its handover.
      const current = (await logStore.logVkeys(tx)).at(-1);
      if (current !== undefined && current.name !== this.#options.origin)
        throw new LogOriginRotatedError(this.#options.origin, current.name);
      const now = this.#options.clock.now();
      const latest = await logStore.latestCheckpoint(tx);
      const due =
        latest === undefined ||
        now.getTime() - latest.signed_at.getTime() >= this.#options.checkpointIntervalMs;
      return integrateAndSign(tx, { ...this.#options, now, limit: this.#options.batchSize, force: due });
    });
  }

  /** Runs passes until the queue is drained; returns the checkpoints signed, oldest first. */
  async drain(): Promise<CheckpointRow[]> {
    const signed: CheckpointRow[] = [];
    for (;;) {
      const pass = await this.pass();
      if (pass.checkpoint) signed.push(pass.checkpoint);
      if (pass.integrated < this.#options.batchSize) return signed;
    }
  }
}

type SignOptions = Readonly<{
  origin: string;
  key: LogKey;
  now: Date;
  /** Most queued entries to integrate. */
  limit: number;
  /** Sign a checkpoint even when nothing was queued. */
  force: boolean;
}>;

/**
 * Integrates up to `limit` queued entries and signs the grown tree, in the caller's transaction, which must
 * hold the sequencer lock. The sequencer's passes and a log-key rotation's handover both sign through here.
 */
export async function integrateAndSign(tx: Db, options: SignOptions): Promise<SequencerPass> {
  const latest = await logStore.latestCheckpoint(tx);
  const size = latest?.size ?? 0;
  const leafHashes = await logStore.integrateQueued(tx, size, options.limit, options.now);
  if (leafHashes.length === 0 && !options.force) return { integrated: 0, checkpoint: undefined };

  const growth = growTree(size, await rightEdge(tx, size), leafHashes, nodeHasher);
  await logStore.insertTiles(tx, growth.tiles);
  const body = formatCheckpoint({
    origin: options.origin,
    size: growth.size,
    rootHash: growth.rootHash,
    extensions: [],
  });
  const checkpoint = {
    size: growth.size,
    root_hash: growth.rootHash,
    note: signNote(body, [options.key.signer]),
    signed_at: options.now,
  };
  const id = await logStore.insertCheckpoint(tx, checkpoint);
  return { integrated: leafHashes.length, checkpoint: { id, ...checkpoint } };
}

async function rightEdge(tx: Db, size: number): Promise<RightEdge> {
  return Promise.all(
    partialRanges(size).map(({ level, start, end }) =>
      level === 0 ? logStore.leafHashes(tx, start, end) : logStore.tileRoots(tx, level - 1, start, end),
    ),
  );
}
