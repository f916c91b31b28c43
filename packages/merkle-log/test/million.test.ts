import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTiles, rootFromTiles, type TileId, verifyTiles } from '../src/index.ts';
import { nodeHasher } from './node-hasher.ts';

const SIZE = 1_000_000;

/** Independent streaming MTH (a stack of perfect subtrees) over node:crypto, to check the tile result. */
function streamingRoot(leaves: Uint8Array): Uint8Array {
  const stack: { size: number; hash: Uint8Array }[] = [];
  const node = (l: Uint8Array, r: Uint8Array) =>
    new Uint8Array(createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest());
  for (let i = 0; i < leaves.length; i += 32) {
    let cur = { size: 1, hash: leaves.subarray(i, i + 32) };
    for (let top = stack.at(-1); top !== undefined && top.size === cur.size; top = stack.at(-1)) {
      stack.pop();
      cur = { size: cur.size * 2, hash: node(top.hash, cur.hash) };
    }
    stack.push(cur);
  }
  let acc = stack.pop()?.hash ?? new Uint8Array(0);
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) acc = node(top.hash, acc);
  return acc;
}

describe('micro-check: MTH of 1,000,000 leaf hashes from tiles', () => {
  it('audits every tile of a million-leaf tree with the default (noble) hasher', () => {
    const leaves = new Uint8Array(randomBytes(SIZE * 32));
    const expected = streamingRoot(leaves);
    const tiles = new Map(
      buildTiles(leaves, nodeHasher).map((t) => [`${t.tile.level}/${t.tile.index}`, t.data]),
    );
    const read = (t: TileId) => tiles.get(`${t.level}/${t.index}`);
    expect(rootFromTiles(SIZE, read)).toEqual(expected);
    const start = performance.now();
    verifyTiles({ size: SIZE, rootHash: expected }, read);
    const ms = performance.now() - start;
    console.log(
      `verifyTiles: MTH of ${SIZE.toLocaleString('en')} leaf hashes from ${tiles.size} tiles in ${ms.toFixed(0)} ms`,
    );
  });
});
