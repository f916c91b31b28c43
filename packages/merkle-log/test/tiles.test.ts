import { describe, expect, it } from 'vitest';
import {
  buildTiles,
  createTileNodeSource,
  decodeEntryBundle,
  decodeTileIndex,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  FormatError,
  joinTileHashes,
  MemoryTree,
  ProofError,
  parseTilePath,
  proveConsistency,
  proveInclusion,
  rootFromTiles,
  splitTileHashes,
  type TileId,
  tilePath,
  tilesChangedBetween,
  tilesForTreeSize,
  verifyEntryBundle,
  verifyTiles,
} from '../src/index.ts';
import { nodeHasher } from './node-hasher.ts';
import { prng } from './reference.ts';

const key = (t: TileId): string => `${t.level}/${t.index}/${t.width}`;

function fixture(size: number) {
  const tree = new MemoryTree(nodeHasher);
  const entries: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const e = new TextEncoder().encode(`event ${i}`);
    entries.push(e);
    tree.append(e);
  }
  const leaves = joinTileHashes(Array.from({ length: size }, (_, i) => tree.leafHash(i)));
  const tiles = new Map(buildTiles(leaves, nodeHasher).map((t) => [key(t.tile), t.data] as const));
  return { tree, entries, tiles, read: (t: TileId) => tiles.get(key(t)) };
}

describe('tile paths', () => {
  it('encodes indexes as x-prefixed 3-digit groups', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(decodeTileIndex('x001/x234/067')).toBe(1234067);
  });

  it('formats tile and entry bundle paths, full and partial', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 1, index: 1234067, width: 8 })).toBe('tile/1/x001/x234/067.p/8');
    expect(entryBundlePath(1234067, 256)).toBe('tile/entries/x001/x234/067');
    expect(entryBundlePath(0, 112)).toBe('tile/entries/000.p/112');
  });

  it('parses paths back and rejects every non-canonical form', () => {
    expect(parseTilePath('tile/1/x001/x234/067.p/8')).toEqual({
      kind: 'tile',
      tile: { level: 1, index: 1234067, width: 8 },
    });
    expect(parseTilePath('tile/entries/x001/000')).toEqual({ kind: 'entries', index: 1000, width: 256 });
    for (const bad of [
      'tile/0/1',
      'tile/00/000',
      'tile/0/x000/001',
      'tile/0/000.p/256',
      'tile/0/000.p/0',
      'tile/0/000.p/08',
      'tile/64/000',
      'tile/0/001/002',
      'tile/0/x001',
      '/tile/0/000',
    ]) {
      expect(() => parseTilePath(bad), bad).toThrow(FormatError);
    }
  });
});

describe('tile layout', () => {
  it('matches the tlog-tiles example for a tree of 70,000 entries', () => {
    const tiles = tilesForTreeSize(70_000);
    const at = (level: number) => tiles.filter((t) => t.level === level);
    expect(at(0).filter((t) => t.width === 256)).toHaveLength(273);
    expect(at(0).at(-1)).toEqual({ level: 0, index: 273, width: 112 });
    expect(at(1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(at(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(at(3)).toEqual([]);
  });

  it('represents 256 entries as one full level-0 tile and a level-1 tile of width 1', () => {
    expect(tilesForTreeSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForTreeSize(0)).toEqual([]);
  });

  it('lists only new or grown tiles when the tree grows', () => {
    expect(tilesChangedBetween(256, 300)).toEqual([{ level: 0, index: 1, width: 44 }]);
    expect(tilesChangedBetween(255, 256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });
});

describe('tiles as a tree store', () => {
  const f = fixture(70_000);

  /** Reads any tile of a smaller tree as a prefix of the 70,000-leaf tiles, as a server does. */
  const prefixRead = (t: TileId): Uint8Array | undefined => {
    const full = [...f.tiles].find(([k]) => k.startsWith(`${t.level}/${t.index}/`))?.[1];
    return full && full.length >= t.width * 32 ? full.subarray(0, t.width * 32) : undefined;
  };

  it('rebuilds and audits the root for many sizes from tiles', () => {
    for (const size of [1, 2, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 69_999, 70_000]) {
      expect(rootFromTiles(size, prefixRead, nodeHasher)).toEqual(f.tree.root(size));
      verifyTiles({ size, rootHash: f.tree.root(size) }, prefixRead, nodeHasher);
    }
    verifyTiles({ size: 0, rootHash: nodeHasher.emptyRoot() }, prefixRead, nodeHasher);
  });

  it('serves the same inclusion and consistency proofs as the in-memory tree', async () => {
    const fetched: number[] = [];
    const source = createTileNodeSource(
      70_000,
      async (tiles) => {
        fetched.push(tiles.length);
        return tiles.map((t) => f.tiles.get(key(t)) ?? new Uint8Array(0));
      },
      nodeHasher,
    );
    const random = prng(42);
    for (let i = 0; i < 40; i++) {
      const size = 1 + Math.floor(random() * 70_000);
      const index = Math.floor(random() * size);
      const size1 = 1 + Math.floor(random() * size);
      expect(await proveInclusion(source, index, size, nodeHasher)).toEqual(
        f.tree.inclusionProof(index, size),
      );
      expect(await proveConsistency(source, size1, size, nodeHasher)).toEqual(
        f.tree.consistencyProof(size1, size),
      );
    }
    expect(Math.max(...fetched)).toBeLessThanOrEqual(8);
  });

  it('rejects a flipped bit in any tile, a missing tile or a wrongly sized one', () => {
    const head = { size: 70_000, rootHash: f.tree.root() };
    verifyTiles(head, f.read, nodeHasher);
    const sample = [...f.tiles].filter(
      ([k]) => !k.startsWith('0/') || ['0/0/256', '0/136/256', '0/273/112'].includes(k),
    );
    expect(sample).toHaveLength(6);
    for (const [k, data] of sample) {
      const bad = data.slice();
      bad[Math.floor(bad.length / 2)] = (bad[Math.floor(bad.length / 2)] ?? 0) ^ 1;
      const read = (t: TileId) => (key(t) === k ? bad : f.read(t));
      expect(() => verifyTiles(head, read, nodeHasher), k).toThrow(ProofError);
    }
    expect(() =>
      verifyTiles(head, (t) => (t.level === 1 && t.index === 1 ? undefined : f.read(t)), nodeHasher),
    ).toThrow(/missing tile/);
    expect(() => verifyTiles({ size: 69_999, rootHash: f.tree.root(69_999) }, f.read, nodeHasher)).toThrow(
      ProofError,
    );
  });
});

describe('entry bundles', () => {
  const f = fixture(300);

  it('round-trips and matches the level-0 tiles', () => {
    const bundle = encodeEntryBundle(f.entries.slice(256, 300));
    expect(decodeEntryBundle(bundle)).toEqual(f.entries.slice(256, 300));
    const tile = f.tiles.get('0/1/44') ?? new Uint8Array(0);
    expect(splitTileHashes(tile)).toHaveLength(44);
    expect(verifyEntryBundle(bundle, tile, nodeHasher)).toHaveLength(44);
  });

  it('uses big-endian uint16 length prefixes', () => {
    const big = new Uint8Array(0x1234);
    const bundle = encodeEntryBundle([Uint8Array.of(7), big]);
    expect([...bundle.subarray(0, 3)]).toEqual([0, 1, 7]);
    expect([...bundle.subarray(3, 5)]).toEqual([0x12, 0x34]);
    expect(() => encodeEntryBundle([new Uint8Array(0x10000)])).toThrow(FormatError);
    encodeEntryBundle([new Uint8Array(0xffff)]);
  });

  it('rejects truncated bundles, trailing bytes, wrong counts and swapped entries', () => {
    const bundle = encodeEntryBundle(f.entries.slice(0, 256));
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(FormatError);
    const trailing = new Uint8Array([...bundle, 0]);
    expect(() => decodeEntryBundle(trailing)).toThrow(FormatError);
    expect(() => decodeEntryBundle(bundle, 255)).toThrow(FormatError);
    const tile = f.tiles.get('0/0/256') ?? new Uint8Array(0);
    const swapped = encodeEntryBundle([
      f.entries[1] ?? new Uint8Array(0),
      f.entries[0] ?? new Uint8Array(0),
      ...f.entries.slice(2, 256),
    ]);
    expect(() => verifyEntryBundle(swapped, tile, nodeHasher)).toThrow(ProofError);
  });
});
