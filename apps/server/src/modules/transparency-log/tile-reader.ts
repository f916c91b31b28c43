import {
  encodeEntryBundle,
  hashesAtLevel,
  joinTileHashes,
  TILE_WIDTH,
  type TileId,
} from '@parley/merkle-log';
import type { Db } from '../../db/database.ts';
import { logStore } from './store.ts';

/**
 * Reads a hash tile of the tree of `size` leaves, or undefined when the tree does not hold that many
 * hashes. A full tile comes from log_tiles; a partial one is built from the leaf hashes (level 0) or the
 * roots of the full tiles below. Any width up to what exists is served, since it is a prefix of the tile.
 */
export async function readTile(db: Db, size: number, tile: TileId): Promise<Uint8Array | undefined> {
  const start = tile.index * TILE_WIDTH;
  const count = hashesAtLevel(size, tile.level);
  if (start + tile.width > count) return undefined;
  if (start + TILE_WIDTH <= count) {
    const full = await logStore.fullTile(db, tile.level, tile.index);
    return full?.subarray(0, tile.width * 32);
  }
  const hashes =
    tile.level === 0
      ? await logStore.leafHashes(db, start, start + tile.width)
      : await logStore.tileRoots(db, tile.level - 1, start, start + tile.width);
  return joinTileHashes(hashes);
}

/** The entry bundle `index` of width `width`, or undefined beyond the tree. */
export async function readEntryBundle(
  db: Db,
  size: number,
  index: number,
  width: number,
): Promise<Uint8Array | undefined> {
  const start = index * TILE_WIDTH;
  if (start + width > size) return undefined;
  return encodeEntryBundle(await logStore.entries(db, start, start + width));
}
