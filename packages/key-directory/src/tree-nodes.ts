import { equalBytes } from '@noble/curves/utils.js';
import { KeyDirectoryError } from './errors.ts';
import { EMPTY_HASH, labelBit, leafHash, MAX_DEPTH, nodeHash } from './hashing.ts';

export type Leaf = { readonly kind: 'leaf'; readonly label: Uint8Array; readonly commitment: Uint8Array };
export type Branch = {
  readonly kind: 'branch';
  /** The batch that created this node; only that batch may change it in place. */
  readonly owner: object;
  left: TreeNode | undefined;
  right: TreeNode | undefined;
  hash: Uint8Array | undefined;
};
/** A non-empty subtree known only by its hash, as an audit proof shows the parts no update touches. */
export type Stub = { readonly kind: 'stub'; readonly hash: Uint8Array };
export type TreeNode = Leaf | Branch | Stub;

export function hashOf(node: TreeNode | undefined): Uint8Array {
  if (node === undefined) return EMPTY_HASH;
  if (node.kind === 'leaf') return leafHash(node.label, node.commitment);
  if (node.kind === 'stub') return node.hash;
  if (node.hash === undefined) node.hash = nodeHash(hashOf(node.left), hashOf(node.right));
  return node.hash;
}

export function branch(owner: object, left: TreeNode | undefined, right: TreeNode | undefined): Branch {
  return { kind: 'branch', owner, left, right, hash: undefined };
}

/** Walks a label's path: the leaf or empty subtree it ends at. */
export function find(root: TreeNode | undefined, label: Uint8Array): TreeNode | undefined {
  let node = root;
  for (let depth = 0; node?.kind === 'branch'; depth++) {
    node = labelBit(label, depth) === 0 ? node.left : node.right;
  }
  return node;
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

/**
 * Sets `leaf` under `node` at `depth`, copying every branch on the path that `owner` did not create.
 * Reaching a stub means the path was not shown: the tree is partial there.
 */
export function insert(
  node: TreeNode | undefined,
  leaf: Leaf,
  depth: number,
  owner: object,
): { node: TreeNode; added: boolean } {
  if (node === undefined) return { node: leaf, added: true };
  if (node.kind === 'stub') throw new KeyDirectoryError('malformed', 'the proof hides a path it must show');
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
