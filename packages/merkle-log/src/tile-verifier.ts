import { equalBytes } from './bytes.ts';
import { decodeEntryBundle } from './entry-bundle.ts';
import { ProofError } from './errors.ts';
import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import { treeRootSync } from './proof-builder.ts';
import { perfectRoot, splitTileHashes } from './tile-hashes.ts';
import { tilesForTreeSize } from './tile-layout.ts';
import { createSyncTileNodeSource, type TileReader } from './tile-node-source.ts';
import { TILE_WIDTH, type TileId } from './tile-path.ts';

/** The part of a checkpoint that tiles are checked against. */
export type TreeHead = Readonly<{ size: number; rootHash: Uint8Array }>;

/**
 * Root of the tree of `size` leaves from the few right-edge tiles it needs. Only the hashes used are
 * authenticated by comparing with a signed root; use verifyTiles to authenticate whole tiles.
 */
export function rootFromTiles(size: number, read: TileReader, hasher: Hasher = defaultHasher): Uint8Array {
  return treeRootSync(createSyncTileNodeSource(size, read, hasher), size, hasher);
}

function readExact(read: TileReader, tile: TileId): Uint8Array {
  const data = read(tile);
  const where = `${tile.level}/${tile.index}.p/${tile.width}`;
  if (data === undefined) throw new ProofError(`missing tile ${where}`);
  if (data.length !== tile.width * HASH_SIZE) throw new ProofError(`tile ${where} has the wrong length`);
  return data;
}

/**
 * Full audit of a tiled tree against a signed tree head: every tile (full and partial, every level)
 * must be present and sized for this tree, every hash of a level-L tile must be the MTH of the full
 * tile below it, and the root rebuilt from the tiles must equal the checkpoint root. Then every
 * hash in every tile is authenticated. Throws ProofError.
 */
export function verifyTiles(head: TreeHead, read: TileReader, hasher: Hasher = defaultHasher): void {
  const tiles = tilesForTreeSize(head.size);
  const data = new Map<string, Uint8Array>();
  for (const t of tiles) data.set(`${t.level}/${t.index}`, readExact(read, t));
  for (const t of tiles) {
    if (t.level === 0) continue;
    const upper = splitTileHashes(data.get(`${t.level}/${t.index}`) ?? new Uint8Array(0));
    upper.forEach((hash, j) => {
      const below = data.get(`${t.level - 1}/${t.index * TILE_WIDTH + j}`);
      if (below === undefined || below.length !== TILE_WIDTH * HASH_SIZE) {
        throw new ProofError(`tile ${t.level}/${t.index} hash ${j} has no full tile below`);
      }
      if (!equalBytes(perfectRoot(splitTileHashes(below), hasher), hash)) {
        throw new ProofError(`tile ${t.level}/${t.index} hash ${j} does not match the tile below`);
      }
    });
  }
  const root = head.size === 0 ? hasher.emptyRoot() : rootFromTiles(head.size, read, hasher);
  if (!equalBytes(root, head.rootHash)) throw new ProofError('tiles do not lead to the checkpoint root');
}

/** Decodes an entry bundle and checks each entry hashes to the matching hash of its (verified) level-0 tile. */
export function verifyEntryBundle(
  bundle: Uint8Array,
  tileData: Uint8Array,
  hasher: Hasher = defaultHasher,
): Uint8Array[] {
  const leafHashes = splitTileHashes(tileData);
  const entries = decodeEntryBundle(bundle, leafHashes.length);
  entries.forEach((e, i) => {
    const want = leafHashes[i];
    if (want === undefined || !equalBytes(hasher.hashLeaf(e), want)) {
      throw new ProofError(`entry ${i} does not match its leaf hash`);
    }
  });
  return entries;
}
