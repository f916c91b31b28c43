import { FormatError } from './errors.ts';
import { defaultHasher, type Hasher } from './hasher.ts';
import { consistencyRanges, inclusionRanges, type LeafRange, type NodeId, rangeNodes } from './node-id.ts';
import type { NodeSource, SyncNodeSource } from './node-source.ts';
import { isIndex } from './tree-math.ts';

/** Which stored nodes a proof needs, and how to fold them back into proof hashes. */
export type ProofPlan = Readonly<{ ranges: readonly LeafRange[]; nodes: readonly NodeId[] }>;

function plan(ranges: readonly LeafRange[]): ProofPlan {
  return { ranges, nodes: ranges.flatMap(rangeNodes) };
}

/** Nodes needed for the inclusion proof of leaf `index` in a tree of `size` leaves. */
export function planInclusionProof(index: number, size: number): ProofPlan {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new RangeError(`no leaf ${index} in a tree of size ${size}`);
  }
  return plan(inclusionRanges(index, size));
}

/** Nodes needed for the consistency proof from `size1` to `size2` (0 < size1 <= size2). */
export function planConsistencyProof(size1: number, size2: number): ProofPlan {
  if (!isIndex(size1) || !isIndex(size2) || size1 === 0 || size1 > size2) {
    throw new RangeError(`no consistency proof from size ${size1} to ${size2}`);
  }
  return plan(consistencyRanges(size1, size2));
}

/** Nodes whose fold is the root of a tree of `size` leaves (size > 0). */
export function planTreeRoot(size: number): ProofPlan {
  if (!isIndex(size) || size === 0) throw new RangeError(`no stored root for size ${size}`);
  return plan([{ start: 0, end: size }]);
}

/** Folds the hashes read for a plan into one hash per range (right to left, as MTH nests). */
export function assembleProof(
  proofPlan: ProofPlan,
  hashes: readonly Uint8Array[],
  hasher: Hasher = defaultHasher,
): Uint8Array[] {
  if (hashes.length !== proofPlan.nodes.length) throw new FormatError('node source returned wrong count');
  const out: Uint8Array[] = [];
  let next = 0;
  for (const range of proofPlan.ranges) {
    const count = rangeNodes(range).length;
    const part = hashes.slice(next, next + count);
    next += count;
    let acc = part[part.length - 1];
    if (acc === undefined) throw new FormatError('empty proof range');
    for (let i = part.length - 2; i >= 0; i--) {
      const left = part[i];
      if (left === undefined) throw new FormatError('missing node hash');
      acc = hasher.hashChildren(left, acc);
    }
    out.push(acc);
  }
  return out;
}

async function build(source: NodeSource, p: ProofPlan, hasher: Hasher): Promise<Uint8Array[]> {
  return assembleProof(p, await source.readNodes(p.nodes), hasher);
}

function buildSync(source: SyncNodeSource, p: ProofPlan, hasher: Hasher): Uint8Array[] {
  return assembleProof(
    p,
    p.nodes.map((id) => source.readNode(id)),
    hasher,
  );
}

/** RFC 9162 §2.1.3.1 inclusion proof for leaf `index` in the tree of `size` leaves. */
export function proveInclusion(
  source: NodeSource,
  index: number,
  size: number,
  hasher: Hasher = defaultHasher,
): Promise<Uint8Array[]> {
  return build(source, planInclusionProof(index, size), hasher);
}

/** RFC 9162 §2.1.4.1 consistency proof between tree sizes; empty when the sizes are equal. */
export function proveConsistency(
  source: NodeSource,
  size1: number,
  size2: number,
  hasher: Hasher = defaultHasher,
): Promise<Uint8Array[]> {
  return build(source, planConsistencyProof(size1, size2), hasher);
}

/** MTH of the first `size` leaves from stored nodes; the empty root for size 0. */
export async function treeRoot(
  source: NodeSource,
  size: number,
  hasher: Hasher = defaultHasher,
): Promise<Uint8Array> {
  if (size === 0) return hasher.emptyRoot();
  const [root] = await build(source, planTreeRoot(size), hasher);
  if (root === undefined) throw new FormatError('empty root plan');
  return root;
}

/** Synchronous inclusion proof, for in-memory sources. */
export function proveInclusionSync(
  source: SyncNodeSource,
  index: number,
  size: number,
  hasher: Hasher = defaultHasher,
): Uint8Array[] {
  return buildSync(source, planInclusionProof(index, size), hasher);
}

/** Synchronous consistency proof, for in-memory sources. */
export function proveConsistencySync(
  source: SyncNodeSource,
  size1: number,
  size2: number,
  hasher: Hasher = defaultHasher,
): Uint8Array[] {
  return buildSync(source, planConsistencyProof(size1, size2), hasher);
}

/** Synchronous MTH of the first `size` leaves. */
export function treeRootSync(
  source: SyncNodeSource,
  size: number,
  hasher: Hasher = defaultHasher,
): Uint8Array {
  if (size === 0) return hasher.emptyRoot();
  const [root] = buildSync(source, planTreeRoot(size), hasher);
  if (root === undefined) throw new FormatError('empty root plan');
  return root;
}
