import {
  type Checkpoint,
  type Cosignature,
  cosignatureVerifierFromKey,
  createSyncTileNodeSource,
  defaultHasher,
  entryBundlePath,
  entryBundlesForTreeSize,
  fromBase64,
  type Hasher,
  isKeyRotation,
  openCheckpoint,
  parseVerifierKey,
  TILE_WIDTH,
  type TileId,
  tilePath,
  tilesForTreeSize,
  toBase64,
  treeRootSync,
  verifierFromKey,
  verifyEntryBundle,
  verifyTiles,
} from '@parley/merkle-log';
import {
  checkKeyHistory,
  fetchHandovers,
  followHandovers,
  type KeyEra,
  readRotation,
  type SeenRotation,
} from './key-handover.ts';
import { checkpointPath, type LogFetcher, logKeyPath } from './log-fetcher.ts';
import { LogVerificationError } from './log-verification-error.ts';
import { mapLimit } from './map-limit.ts';
import type { VerifierState } from './verifier-state.ts';

export type VerifyLogOptions = Readonly<{
  fetch: LogFetcher;
  /** The log's vkey pinned out of band; else the one in `previous`; else fetched and pinned (first use). */
  logKey?: string;
  /** cosignature/v1 vkeys of trusted witnesses. */
  witnesses?: readonly string[];
  /** How many of those witnesses must have cosigned (default 0). */
  quorum?: number;
  /**
   * The newest trusted witness cosignature must be at most this many seconds old (at `now`, Unix seconds,
   * default the current time). The log re-signs and pushes to its witnesses at least daily, so a stale
   * checkpoint means the log stopped, or is showing this verifier an old view: that silence is the alarm.
   */
  maxAge?: Readonly<{ seconds: number; now?: number }>;
  /** What this verifier saw last time; the log must extend it. */
  previous?: VerifierState;
  /** Plug a native SHA-256 in (node:crypto in the CLI); defaults to @noble/hashes. */
  hasher?: Hasher;
  /** Parallel fetches (default 16). */
  concurrency?: number;
  /** Receives every entry in order, once it is authenticated: for checks of what the entries mean. */
  onEntries?: (firstIndex: number, entries: readonly Uint8Array[]) => void;
  /** Told how many of the checkpoint's entries are verified so far, after each entry bundle. */
  onProgress?: (verified: number, total: number) => void;
}>;

export type LogVerification = Readonly<{
  checkpoint: Checkpoint;
  cosignatures: readonly Cosignature[];
  /** The state to keep for the next run (with the key now in force, after any handover it followed). */
  state: VerifierState;
  /** Which key signed the log from which entry on: one era, or one more per log-key rotation. */
  keys: readonly KeyEra[];
  /** The root of the tree's first `size` entries, from the verified tiles (`size` up to the checkpoint's). */
  rootAt: (size: number) => Uint8Array;
}>;

const text = new TextDecoder('utf-8', { fatal: true });
const where = (t: TileId) => tilePath(t);

/**
 * Verifies a whole log, isomorphically: the checkpoint's log signature and witness quorum, that it extends
 * the checkpoint seen last time (no rollback, no fork), every tile against the checkpoint root, and every
 * entry against its leaf hash. Throws LogVerificationError naming the first problem found.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<LogVerification> {
  const hasher = options.hasher ?? defaultHasher;
  const limit = options.concurrency ?? 16;
  const previous = options.previous;
  const trusted = await resolveLogKey(options);

  const checkpointBytes = await options.fetch(checkpointPath);
  if (checkpointBytes === undefined)
    throw new LogVerificationError('missing', 'the log serves no checkpoint');
  const note = text.decode(checkpointBytes);
  // A checkpoint under another origin is followed from the trusted key through the log's handovers.
  let handovers = noteOrigin(note) === originOf(trusted) ? undefined : await fetchHandovers(options.fetch);
  const logKey = handovers ? followHandovers(trusted, noteOrigin(note), handovers) : trusted;
  const { checkpoint, cosignatures } = openSigned(note, logKey, options);
  if (options.maxAge !== undefined) checkFreshness(cosignatures, options.maxAge);
  const head = { size: checkpoint.size, rootHash: checkpoint.rootHash };

  if (previous !== undefined) {
    if (checkpoint.size < previous.size) {
      throw new LogVerificationError(
        'rollback',
        `rollback: the log's checkpoint has size ${checkpoint.size}, smaller than size ${previous.size} signed earlier`,
      );
    }
    if (checkpoint.size === previous.size && toBase64(checkpoint.rootHash) !== previous.rootHash) {
      throw new LogVerificationError(
        'fork',
        `fork: two different roots are signed for size ${checkpoint.size}`,
      );
    }
  }

  const tiles = tilesForTreeSize(checkpoint.size);
  const data = new Map<string, Uint8Array>();
  await mapLimit(tiles, limit, async (t) => {
    const bytes = await options.fetch(where(t));
    if (bytes === undefined) throw new LogVerificationError('missing', `tile ${where(t)} is missing`);
    data.set(where(t), bytes);
  });
  const read = (t: TileId) => data.get(where(t));
  try {
    verifyTiles(head, read, hasher);
  } catch (error) {
    throw new LogVerificationError('tiles', `tiles do not match the checkpoint: ${message(error)}`, {
      cause: error,
    });
  }

  const nodes = createSyncTileNodeSource(checkpoint.size, read, hasher);
  const rootAt = (size: number) => treeRootSync(nodes, size, hasher);
  if (previous !== undefined && previous.size > 0 && previous.size < checkpoint.size) {
    const oldRoot = rootAt(previous.size);
    if (toBase64(oldRoot) !== toBase64(fromBase64(previous.rootHash))) {
      throw new LogVerificationError(
        'fork',
        `fork: the tree of size ${checkpoint.size} does not extend the checkpoint of size ${previous.size} seen earlier`,
      );
    }
  }

  // Bundles arrive in any order; the first bad one in log order is reported, so the message is stable.
  const bad: { index: number; error: LogVerificationError }[] = [];
  let verified = 0;
  const rotations: SeenRotation[] = [];
  await mapLimit(entryBundlesForTreeSize(checkpoint.size), limit, async (t) => {
    const path = entryBundlePath(t.index, t.width);
    const bundle = await options.fetch(path);
    if (bundle === undefined) throw new LogVerificationError('missing', `entry bundle ${path} is missing`);
    try {
      const entries = checkBundle(bundle, read({ level: 0, index: t.index, width: t.width }), t, hasher);
      entries.forEach((entry, i) => {
        if (isKeyRotation(entry)) rotations.push(readRotation(t.index * TILE_WIDTH + i, entry));
      });
      options.onEntries?.(t.index * TILE_WIDTH, entries);
      verified += entries.length;
      options.onProgress?.(verified, checkpoint.size);
    } catch (error) {
      if (!(error instanceof LogVerificationError)) throw error;
      bad.push({ index: t.index, error });
    }
  });
  const first = bad.sort((a, b) => a.index - b.index)[0];
  if (first !== undefined) throw first.error;

  rotations.sort((a, b) => a.index - b.index);
  // Fetched even with no rotation in the tree: a handover the tree does not announce is a swapped key.
  handovers ??= await fetchHandovers(options.fetch);
  const keys = checkKeyHistory({
    rotations,
    handovers,
    signer: logKey,
    size: checkpoint.size,
    rootAt,
  });
  // A key given out of band is the anchor; the one pinned before must then be in the history it leads to.
  const pinned = options.previous?.logKey;
  if (pinned !== undefined && !keys.some((era) => era.vkey === pinned))
    throw new LogVerificationError(
      'log-key',
      'the log key given differs from the one pinned in the state, and no log-key rotation in the log links them',
    );
  return {
    checkpoint,
    cosignatures,
    state: { logKey, size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash), checkpoint: note },
    keys,
    rootAt,
  };
}

async function resolveLogKey(options: VerifyLogOptions): Promise<string> {
  const pinned = options.previous?.logKey;
  // Another key under the same origin can never be a rotation (each rotation takes a new origin).
  const given = options.logKey;
  if (given !== undefined && pinned !== undefined && given !== pinned && sameName(given, pinned))
    throw new LogVerificationError('log-key', 'the log key given differs from the one pinned in the state');
  const key =
    options.logKey ?? pinned ?? text.decode((await options.fetch(logKeyPath)) ?? new Uint8Array()).trim();
  try {
    verifierFromKey(key);
  } catch (error) {
    throw new LogVerificationError('log-key', `the log key is not a valid Ed25519 vkey: ${message(error)}`);
  }
  return key;
}

function openSigned(note: string, logKey: string, options: VerifyLogOptions) {
  const witnesses = (options.witnesses ?? []).map((w) => cosignatureVerifierFromKey(w));
  const quorum = options.quorum ?? 0;
  try {
    openCheckpoint(note, { origin: parseVerifierKey(logKey).name, log: verifierFromKey(logKey) });
  } catch (error) {
    throw new LogVerificationError('checkpoint', `checkpoint rejected: ${message(error)}`, { cause: error });
  }
  try {
    return openCheckpoint(note, {
      origin: parseVerifierKey(logKey).name,
      log: verifierFromKey(logKey),
      witnesses,
      quorum,
    });
  } catch (error) {
    throw new LogVerificationError('quorum', `witness quorum not met: ${message(error)}`, { cause: error });
  }
}

function checkFreshness(
  cosignatures: readonly Cosignature[],
  maxAge: NonNullable<VerifyLogOptions['maxAge']>,
) {
  const now = maxAge.now ?? Math.floor(Date.now() / 1000);
  const newest = Math.max(...cosignatures.map((c) => c.timestamp));
  if (cosignatures.length === 0)
    throw new LogVerificationError(
      'stale',
      'stale: no trusted witness cosigned the checkpoint, so how recent it is cannot be told',
    );
  const hours = (seconds: number) => `${(seconds / 3600).toFixed(1)} h`;
  if (now - newest > maxAge.seconds)
    throw new LogVerificationError(
      'stale',
      `stale: the newest witness cosignature is ${hours(now - newest)} old, more than the ${hours(maxAge.seconds)} allowed; the log has not been re-signed and witnessed since`,
    );
}

function checkBundle(
  bundle: Uint8Array,
  tile: Uint8Array | undefined,
  t: TileId,
  hasher: Hasher,
): Uint8Array[] {
  const path = entryBundlePath(t.index, t.width);
  try {
    return verifyEntryBundle(bundle, tile ?? new Uint8Array(), hasher);
  } catch (error) {
    const m = /^entry (\d+) /.exec(message(error));
    const detail = m
      ? `entry ${t.index * TILE_WIDTH + Number(m[1])} does not match its leaf hash`
      : message(error);
    throw new LogVerificationError('entries', `entry bundle ${path}: ${detail}`, { cause: error });
  }
}

const noteOrigin = (note: string) => note.slice(0, Math.max(0, note.indexOf('\n')));
const originOf = (vkey: string) => parseVerifierKey(vkey).name;
const sameName = (a: string, b: string) => a.split('+')[0] === b.split('+')[0];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
