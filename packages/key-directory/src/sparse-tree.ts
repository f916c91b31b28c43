import { equalBytes } from '@noble/curves/utils.js';
import { checkHash, EMPTY_HASH, labelBit, leafHash, MAX_DEPTH, nodeHash } from './hashing.ts';
import type { TreeProof } from './tree-proof.ts';

type Leaf = { readonly kind: 'leaf'; readonly label: Uint8Array; readonly commitment: Uint8Array };
type Branch = {
  readonly kind: 'branch';
  /** The batch that created this node; only that batch may change it in place. */
  readonly owner: object;
  left: TreeNode | undefined;
  right: TreeNode | undefined;
  hash: Uint8Array | undefined;
};
type TreeNode = Leaf | Branch;

function hashOf(node: TreeNode | undefined): Uint8Array {
  if (node === undefined) return EMPTY_HASH;
  if (node.kind === 'leaf') return leafHash(node.label, node.commitment);
  if (node.hash === undefined) node.hash = nodeHash(hashOf(node.left), hashOf(node.right));
  return node.hash;
}

/**
 * A sparse Merkle tree over 256-bit labels with shortcut leaves: a subtree holding one entry is that
 * leaf, so a path is as deep as the labels' shared prefix (about log2 n), not 256. Empty subtrees hash
 * to EMPTY_HASH. Immutable: `apply` returns a new tree that shares every unchanged node with this one,
 * so a directory keeps every epoch's tree for proofs at the cost of the changed paths only.
 */
export class SparseMerkleTree {
  readonly #root: TreeNode | undefined;
  readonly #size: number;

  private constructor(root: TreeNode | undefined, size: number) {
    this.#root = root;
    this.#size = size;
  }

  static empty(): SparseMerkleTree {
    return new SparseMerkleTree(undefined, 0);
  }

  /** Number of labels held. */
  get size(): number {
    return this.#size;
  }

  /** The root hash; EMPTY_HASH for the empty tree. */
  root(): Uint8Array {
    return hashOf(this.#root);
  }

  /** A tree with each label set to its commitment (inserted or replaced); this tree is unchanged. */
  apply(updates: Iterable<Readonly<{ label: Uint8Array; commitment: Uint8Array }>>): SparseMerkleTree {
    const batch = {};
    let root = this.#root;
    let size = this.#size;
    for (const { label, commitment } of updates) {
      checkHash(label, 'label');
      checkHash(commitment, 'commitment');
      const leaf: Leaf = { kind: 'leaf', label, commitment };
      const result = insert(root, leaf, 0, batch);
      root = result.node;
      if (result.added) size++;
    }
    hashOf(root);
    return new SparseMerkleTree(root, size);
  }

  /** The commitment held for a label, if any. */
  get(label: Uint8Array): Uint8Array | undefined {
    let node = this.#root;
    for (let depth = 0; node?.kind === 'branch'; depth++) {
      node = labelBit(label, depth) === 0 ? node.left : node.right;
    }
    return node !== undefined && equalBytes(node.label, label) ? node.commitment : undefined;
  }

  /** Proof of the label's commitment, or of its absence: the path from the root to where it would be. */
  prove(label: Uint8Array): TreeProof {
    checkHash(label, 'label');
    const siblings: (Uint8Array | null)[] = [];
    let node = this.#root;
    for (let depth = 0; node?.kind === 'branch'; depth++) {
      const goRight = labelBit(label, depth) === 1;
      const sibling = goRight ? node.left : node.right;
      siblings.push(sibling === undefined ? null : hashOf(sibling));
      node = goRight ? node.right : node.left;
    }
    const terminal = node === undefined ? null : { label: node.label, commitment: node.commitment };
    return { siblings, terminal };
  }
}

function branch(owner: object, left: TreeNode | undefined, right: TreeNode | undefined): Branch {
  return { kind: 'branch', owner, left, right, hash: undefined };
}

/** Two leaves that share a path down to `depth`: branches until their labels first differ. */
function join(a: Leaf, b: Leaf, depth: number, owner: object): Branch {
  if (depth >= MAX_DEPTH) throw new RangeError('two different labels cannot share 256 bits');
  const bitA = labelBit(a.label, depth);
  if (bitA !== labelBit(b.label, depth)) {
    return bitA === 0 ? branch(owner, a, b) : branch(owner, b, a);
  }
  const child = join(a, b, depth + 1, owner);
  return bitA === 0 ? branch(owner, child, undefined) : branch(owner, undefined, child);
}

function insert(
  node: TreeNode | undefined,
  leaf: Leaf,
  depth: number,
  owner: object,
): { node: TreeNode; added: boolean } {
  if (node === undefined) return { node: leaf, added: true };
  if (node.kind === 'leaf') {
    if (equalBytes(node.label, leaf.label)) return { node: leaf, added: false };
    return { node: join(node, leaf, depth, owner), added: true };
  }
  const target = node.owner === owner ? node : branch(owner, node.left, node.right);
  target.hash = undefined;
  if (labelBit(leaf.label, depth) === 0) {
    const result = insert(target.left, leaf, depth + 1, owner);
    target.left = result.node;
    return { node: target, added: result.added };
  }
  const result = insert(target.right, leaf, depth + 1, owner);
  target.right = result.node;
  return { node: target, added: result.added };
}
