import { TILE_WIDTH, type TileId } from './tile-path.ts';
import { isIndex } from './tree-math.ts';

/** 256^level without overflowing 32-bit operators. */
function scale(level: number): number {
  return TILE_WIDTH ** level;
}

/** Number of hashes at tile level `level` in a tree of `size` leaves: floor(size / 256^level). */
export function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / scale(level));
}

/** The tile (full, or partial with the width this tree size implies) holding hash `index` of tile level `level`. */
export function tileContaining(size: number, level: number, index: number): TileId {
  const count = hashesAtLevel(size, level);
  if (!isIndex(index) || index >= count)
    throw new RangeError(`no hash ${index} at tile level ${level} of size ${size}`);
  const tileIndex = Math.floor(index / TILE_WIDTH);
  return { level, index: tileIndex, width: Math.min(TILE_WIDTH, count - tileIndex * TILE_WIDTH) };
}

/** Every tile of a tree of `size` leaves, level by level: what a mirror fetches or a writer publishes. */
export function tilesForTreeSize(size: number): TileId[] {
  if (!isIndex(size)) throw new RangeError(`bad tree size ${size}`);
  const tiles: TileId[] = [];
  for (let level = 0; hashesAtLevel(size, level) > 0; level++) {
    const count = hashesAtLevel(size, level);
    for (let index = 0; index * TILE_WIDTH < count; index++) {
      tiles.push({ level, index, width: Math.min(TILE_WIDTH, count - index * TILE_WIDTH) });
    }
  }
  return tiles;
}

/** Only the tiles that change when a tree grows from `oldSize` to `newSize`: what a writer must upload. */
export function tilesChangedBetween(oldSize: number, newSize: number): TileId[] {
  const old = new Set(tilesForTreeSize(oldSize).map((t) => `${t.level}/${t.index}/${t.width}`));
  return tilesForTreeSize(newSize).filter((t) => !old.has(`${t.level}/${t.index}/${t.width}`));
}

/** Entry bundles (index, width) of a tree of `size` leaves. */
export function entryBundlesForTreeSize(size: number): TileId[] {
  return tilesForTreeSize(size).filter((t) => t.level === 0);
}
