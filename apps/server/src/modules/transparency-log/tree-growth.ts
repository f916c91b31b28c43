import {
  type Hasher,
  hashesAtLevel,
  joinTileHashes,
  perfectRoot,
  rootFromTiles,
  TILE_WIDTH,
  type TileId,
} from '@parley/merkle-log';

/** A full tile produced by integration, with its root (hash `idx` of the next tile level). */
export type FullTile = Readonly<{ level: number; idx: number; data: Uint8Array; root: Uint8Array }>;

/**
 * The right edge of a tree: for each tile level, the hashes of its partial (not yet full) tile. This is
 * all integration needs, since the tree root and every new full tile depend only on it.
 */
export type RightEdge = readonly (readonly Uint8Array[])[];

/** Where each level's partial tile starts, for a tree of `size` leaves: [level, first hash index, count]. */
export function partialRanges(size: number): { level: number; start: number; end: number }[] {
  const out: { level: number; start: number; end: number }[] = [];
  for (let level = 0; hashesAtLevel(size, level) > 0; level++) {
    const end = hashesAtLevel(size, level);
    out.push({ level, start: end - (end % TILE_WIDTH), end });
  }
  return out;
}

export type Growth = Readonly<{ size: number; rootHash: Uint8Array; tiles: readonly FullTile[] }>;

/**
 * Appends leaf hashes to a tree given its right edge: every tile that fills up is emitted once (full tiles
 * never change again), its root carried to the level above, and the new root folded from the new right edge.
 */
export function growTree(
  size: number,
  edge: RightEdge,
  leafHashes: readonly Uint8Array[],
  hasher: Hasher,
): Growth {
  const newSize = size + leafHashes.length;
  const tiles: FullTile[] = [];
  const newEdge: Uint8Array[][] = [];
  let incoming: readonly Uint8Array[] = leafHashes;
  for (let level = 0; incoming.length > 0 || (edge[level]?.length ?? 0) > 0; level++) {
    const pending = [...(edge[level] ?? []), ...incoming];
    const firstTile = Math.floor(hashesAtLevel(size, level) / TILE_WIDTH);
    const roots: Uint8Array[] = [];
    let t = 0;
    for (; (t + 1) * TILE_WIDTH <= pending.length; t++) {
      const hashes = pending.slice(t * TILE_WIDTH, (t + 1) * TILE_WIDTH);
      const root = perfectRoot(hashes, hasher);
      tiles.push({ level, idx: firstTile + t, data: joinTileHashes(hashes), root });
      roots.push(root);
    }
    newEdge[level] = pending.slice(t * TILE_WIDTH);
    incoming = roots;
  }
  const rootHash =
    newSize === 0 ? hasher.emptyRoot() : rootFromTiles(newSize, edgeReader(newSize, newEdge), hasher);
  return { size: newSize, rootHash, tiles };
}

/** Reads the partial tiles of a right edge; the root of a tree never needs a full tile. */
function edgeReader(size: number, edge: RightEdge): (tile: TileId) => Uint8Array | undefined {
  return (tile) => {
    const hashes = edge[tile.level];
    const start = hashesAtLevel(size, tile.level) - (hashes?.length ?? 0);
    if (hashes === undefined || tile.index * TILE_WIDTH !== start || tile.width !== hashes.length)
      return undefined;
    return joinTileHashes(hashes);
  };
}
