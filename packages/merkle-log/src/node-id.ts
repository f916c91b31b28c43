import { splitPoint } from './tree-math.ts';

/**
 * A perfect subtree: the MTH of leaves [index * 2^level, (index + 1) * 2^level). Level 0 holds leaf
 * hashes. These are the only nodes a log ever stores, because they never change once complete.
 */
export type NodeId = Readonly<{ level: number; index: number }>;

/** A proof element: the MTH of the leaf range [start, end), which may not be a perfect subtree. */
export type LeafRange = Readonly<{ start: number; end: number }>;

/**
 * The perfect subtrees, left to right, whose right-to-left fold is MTH(D[start:end]).
 * Proof ranges are always aligned RFC 9162 subtrees, so greedy largest-aligned-power splitting works.
 */
export function rangeNodes(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  while (start < range.end) {
    let size = 1;
    let level = 0;
    while (start % (size * 2) === 0 && start + size * 2 <= range.end) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: start / size });
    start += size;
  }
  return nodes;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, leaf-side first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  const out: LeafRange[] = [];
  let offset = 0;
  let m = index;
  let n = size;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      out.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      out.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
    }
  }
  return out.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as leaf ranges, in proof order. */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  const out: LeafRange[] = [];
  let offset = 0;
  let m = size1;
  let n = size2;
  let complete = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      out.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      out.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) out.push({ start: offset, end: offset + m });
  return out.reverse();
}
