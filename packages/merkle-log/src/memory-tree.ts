import { FormatError } from './errors.ts';
import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import type { NodeId } from './node-id.ts';
import type { NodeSource, SyncNodeSource } from './node-source.ts';
import { proveConsistencySync, proveInclusionSync, treeRootSync } from './proof-builder.ts';
import { half } from './tree-math.ts';

/**
 * An append-only Merkle tree held in memory: every perfect subtree hash, level by level. For tests,
 * the CLI and small logs; a server stores the same nodes as tiles and serves them via NodeSource.
 */
export class MemoryTree implements NodeSource, SyncNodeSource {
  readonly #hasher: Hasher;
  readonly #levels: Uint8Array[][] = [[]];

  constructor(hasher: Hasher = defaultHasher) {
    this.#hasher = hasher;
  }

  /** Number of leaves. */
  get size(): number {
    return this.#levels[0]?.length ?? 0;
  }

  /** Appends an entry (hashed as an RFC 9162 leaf) and returns its index. */
  append(entry: Uint8Array): number {
    return this.appendLeafHash(this.#hasher.hashLeaf(entry));
  }

  /** Appends an already-hashed leaf, completing every perfect subtree it closes. */
  appendLeafHash(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH_SIZE) throw new FormatError('leaf hash must be 32 bytes');
    const index = this.size;
    let hash = leafHash;
    let i = index;
    for (let level = 0; ; level++) {
      const row = this.#level(level);
      row.push(hash);
      if (i % 2 === 0) break;
      const left = row[i - 1];
      if (left === undefined) throw new FormatError('corrupt tree');
      hash = this.#hasher.hashChildren(left, hash);
      i = half(i);
    }
    return index;
  }

  /** Hash of a perfect subtree; throws RangeError for a node that is not complete yet. */
  readNode(id: NodeId): Uint8Array {
    const hash = this.#levels[id.level]?.[id.index];
    if (hash === undefined) throw new RangeError(`node ${id.level}/${id.index} is not in the tree`);
    return hash;
  }

  /** NodeSource port, so generic proof code runs against the in-memory tree. */
  readNodes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]> {
    return Promise.resolve(ids.map((id) => this.readNode(id)));
  }

  /** Leaf hash at `index`. */
  leafHash(index: number): Uint8Array {
    return this.readNode({ level: 0, index });
  }

  /** MTH of the first `size` leaves (defaults to the whole tree). */
  root(size: number = this.size): Uint8Array {
    this.#checkSize(size);
    return treeRootSync(this, size, this.#hasher);
  }

  /** Inclusion proof of leaf `index` in the tree of the first `size` leaves. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.#checkSize(size);
    return proveInclusionSync(this, index, size, this.#hasher);
  }

  /** Consistency proof from `size1` to `size2` leaves. */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.#checkSize(size2);
    return proveConsistencySync(this, size1, size2, this.#hasher);
  }

  #checkSize(size: number): void {
    if (size > this.size) throw new RangeError(`tree has ${this.size} leaves, not ${size}`);
  }

  #level(level: number): Uint8Array[] {
    let row = this.#levels[level];
    if (row === undefined) {
      row = [];
      this.#levels[level] = row;
    }
    return row;
  }
}
