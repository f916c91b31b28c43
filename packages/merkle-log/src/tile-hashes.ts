import { FormatError } from './errors.ts';
import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import { TILE_WIDTH } from './tile-path.ts';

/** Splits tile data into 32-byte hash views; rejects data whose length is not a whole number of hashes. */
export function splitTileHashes(data: Uint8Array): Uint8Array[] {
  if (data.length % HASH_SIZE !== 0) throw new FormatError('tile data is not a multiple of 32 bytes');
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += HASH_SIZE) out.push(data.subarray(i, i + HASH_SIZE));
  return out;
}

/** Concatenates hashes into tile data. */
export function joinTileHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new FormatError('tile hash must be 32 bytes');
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** One tree level up: pairs (2i, 2i+1) hashed together; an odd last hash has no parent yet. */
export function parentHashes(hashes: readonly Uint8Array[], hasher: Hasher = defaultHasher): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i + 1 < hashes.length; i += 2) {
    const left = hashes[i];
    const right = hashes[i + 1];
    if (left === undefined || right === undefined) throw new FormatError('missing hash');
    out.push(hasher.hashChildren(left, right));
  }
  return out;
}

/** MTH of a power-of-two run of hashes at the same height (a perfect subtree). */
export function perfectRoot(hashes: readonly Uint8Array[], hasher: Hasher = defaultHasher): Uint8Array {
  let level: readonly Uint8Array[] = hashes;
  while (level.length > 1) {
    if (level.length % 2 !== 0) throw new FormatError('perfect subtree needs a power-of-two count');
    level = parentHashes(level, hasher);
  }
  const [root] = level;
  if (root === undefined) throw new FormatError('perfect subtree needs at least one hash');
  return root;
}

/**
 * Tile data of the next tile level from the hashes of this one: one hash per *full* 256-hash group
 * (partial tiles are never hashed upward). This is the server tile writer's inner step.
 */
export function nextTileLevel(levelData: Uint8Array, hasher: Hasher = defaultHasher): Uint8Array {
  const hashes = splitTileHashes(levelData);
  const parents: Uint8Array[] = [];
  for (let i = 0; i + TILE_WIDTH <= hashes.length; i += TILE_WIDTH) {
    parents.push(perfectRoot(hashes.slice(i, i + TILE_WIDTH), hasher));
  }
  return joinTileHashes(parents);
}
