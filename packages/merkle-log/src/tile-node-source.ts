import { ProofError } from './errors.ts';
import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import type { NodeId } from './node-id.ts';
import type { NodeSource, SyncNodeSource } from './node-source.ts';
import { perfectRoot, splitTileHashes } from './tile-hashes.ts';
import { tileContaining } from './tile-layout.ts';
import { TILE_HEIGHT, TILE_WIDTH, type TileId } from './tile-path.ts';

/** Where a perfect subtree lives: a run of `count` hashes starting at `offset` in one tile. */
export type TileSpan = Readonly<{ tile: TileId; offset: number; count: number }>;

/** Reads one tile synchronously; undefined when it is not available. */
export type TileReader = (tile: TileId) => Uint8Array | undefined;

/** Fetches tiles in one batch (e.g. parallel HTTP or one SQL query), in request order. */
export type TileFetcher = (tiles: readonly TileId[]) => Promise<readonly Uint8Array[]>;

/**
 * The tile span holding node `id` in a tree of `size` leaves. Pass the largest size you hold tiles
 * for: a node complete at an older size is read from the same place in the newer tree.
 */
export function tileSpanForNode(size: number, id: NodeId): TileSpan {
  const level = Math.floor(id.level / TILE_HEIGHT);
  const count = 2 ** (id.level % TILE_HEIGHT);
  const first = id.index * count;
  tileContaining(size, level, first + count - 1);
  const tile = tileContaining(size, level, first);
  return { tile, offset: first - tile.index * TILE_WIDTH, count };
}

/** Hash of the node a span describes, from that tile's data; wrong-sized data is a ProofError. */
export function nodeFromTile(span: TileSpan, data: Uint8Array, hasher: Hasher = defaultHasher): Uint8Array {
  if (data.length !== span.tile.width * HASH_SIZE) {
    throw new ProofError(
      `tile ${span.tile.level}/${span.tile.index} has ${data.length} bytes, want ${span.tile.width * HASH_SIZE}`,
    );
  }
  return perfectRoot(splitTileHashes(data).slice(span.offset, span.offset + span.count), hasher);
}

const tileKey = (t: TileId): string => `${t.level}/${t.index}/${t.width}`;

/** A NodeSource over stored tiles: how the server serves RFC 9162 proofs without a tree in memory. */
export function createTileNodeSource(
  size: number,
  fetch: TileFetcher,
  hasher: Hasher = defaultHasher,
): NodeSource {
  return {
    async readNodes(ids) {
      const spans = ids.map((id) => tileSpanForNode(size, id));
      const unique = new Map<string, TileId>();
      for (const s of spans) unique.set(tileKey(s.tile), s.tile);
      const tiles = [...unique.values()];
      const data = await fetch(tiles);
      const byKey = new Map(tiles.map((t, i) => [tileKey(t), data[i]] as const));
      return spans.map((s) => {
        const d = byKey.get(tileKey(s.tile));
        if (d === undefined) throw new ProofError(`tile ${tileKey(s.tile)} was not fetched`);
        return nodeFromTile(s, d, hasher);
      });
    },
  };
}

/** Synchronous NodeSource over tiles, for verifiers that already hold the tiles. */
export function createSyncTileNodeSource(
  size: number,
  read: TileReader,
  hasher: Hasher = defaultHasher,
): SyncNodeSource {
  return {
    readNode(id) {
      const span = tileSpanForNode(size, id);
      const data = read(span.tile);
      if (data === undefined) throw new ProofError(`missing tile ${tileKey(span.tile)}`);
      return nodeFromTile(span, data, hasher);
    },
  };
}
