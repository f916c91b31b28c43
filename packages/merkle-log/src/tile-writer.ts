import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import { nextTileLevel } from './tile-hashes.ts';
import { tilesForTreeSize } from './tile-layout.ts';
import { TILE_WIDTH, type TileId } from './tile-path.ts';

/** A tile and its bytes, ready to publish at tilePath(tile). */
export type TileData = Readonly<{ tile: TileId; data: Uint8Array }>;

/**
 * Every tile of a tree from its concatenated leaf hashes. A server grows tiles incrementally
 * (tilesChangedBetween + nextTileLevel); this whole-tree form serves tests, mirrors and small logs.
 */
export function buildTiles(leafHashes: Uint8Array, hasher: Hasher = defaultHasher): TileData[] {
  const size = leafHashes.length / HASH_SIZE;
  const levels: Uint8Array[] = [];
  for (let level = leafHashes; level.length > 0; level = nextTileLevel(level, hasher)) levels.push(level);
  return tilesForTreeSize(Math.floor(size)).map((tile) => {
    const level = levels[tile.level] ?? new Uint8Array(0);
    const start = tile.index * TILE_WIDTH * HASH_SIZE;
    return { tile, data: level.subarray(start, start + tile.width * HASH_SIZE) };
  });
}
