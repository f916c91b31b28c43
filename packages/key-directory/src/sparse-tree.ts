import { equalBytes } from '@noble/curves/utils.js';
import type { AuditStep } from './epoch-audit.ts';
import { checkHash, labelBit } from './hashing.ts';
import { find, hashOf, insert, type Leaf, type TreeNode } from './tree-nodes.ts';
import type { TreeProof } from './tree-proof.ts';

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
    const node = find(this.#root, label);
    return node?.kind === 'leaf' && equalBytes(node.label, label) ? node.commitment : undefined;
  }

  /** This tree pruned to the paths of `labels`, in preorder, for an epoch audit. */
  pruned(labels: readonly Uint8Array[]): AuditStep[] {
    const steps: AuditStep[] = [];
    const visit = (node: TreeNode | undefined, depth: number, here: readonly Uint8Array[]) => {
      if (node === undefined) steps.push({ kind: 'empty' });
      else if (here.length === 0) steps.push({ kind: 'hash', hash: hashOf(node) });
      else if (node.kind === 'leaf')
        steps.push({ kind: 'leaf', label: node.label, commitment: node.commitment });
      else if (node.kind === 'stub') throw new RangeError('a full tree holds no stubs');
      else {
        steps.push({ kind: 'branch' });
        visit(
          node.left,
          depth + 1,
          here.filter((l) => labelBit(l, depth) === 0),
        );
        visit(
          node.right,
          depth + 1,
          here.filter((l) => labelBit(l, depth) === 1),
        );
      }
    };
    visit(this.#root, 0, labels);
    return steps;
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
    const terminal = node?.kind === 'leaf' ? { label: node.label, commitment: node.commitment } : null;
    return { siblings, terminal };
  }
}
