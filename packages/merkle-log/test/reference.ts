import { createHash } from 'node:crypto';

/**
 * A direct transcription of RFC 9162 §2.1 recursive definitions over node:crypto, independent of the
 * code under test, used to cross-check roots and proofs byte for byte.
 */
const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 leaf hash. */
export const refLeaf = (data: Uint8Array): Uint8Array => sha(Uint8Array.of(0), data);

const memo = new WeakMap<readonly Uint8Array[], Map<string, Uint8Array>>();

/** RFC 9162 MTH(D[start:end]) over leaf hashes, memoised per leaf array. */
export function refMth(leaves: readonly Uint8Array[], start = 0, end = leaves.length): Uint8Array {
  let cache = memo.get(leaves);
  if (cache === undefined) {
    cache = new Map();
    memo.set(leaves, cache);
  }
  const key = `${start}:${end}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const n = end - start;
  let out: Uint8Array;
  if (n === 0) out = sha();
  else if (n === 1) out = leaves[start] ?? sha();
  else {
    const k = split(n);
    out = sha(Uint8Array.of(1), refMth(leaves, start, start + k), refMth(leaves, start + k, end));
  }
  cache.set(key, out);
  return out;
}

/** RFC 9162 PATH(m, D[start:end]). */
export function refPath(
  m: number,
  leaves: readonly Uint8Array[],
  start = 0,
  end = leaves.length,
): Uint8Array[] {
  const n = end - start;
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...refPath(m, leaves, start, start + k), refMth(leaves, start + k, end)]
    : [...refPath(m - k, leaves, start + k, end), refMth(leaves, start, start + k)];
}

function subproof(
  m: number,
  leaves: readonly Uint8Array[],
  start: number,
  end: number,
  b: boolean,
): Uint8Array[] {
  const n = end - start;
  if (m === n) return b ? [] : [refMth(leaves, start, end)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves, start, start + k, b), refMth(leaves, start + k, end)]
    : [...subproof(m - k, leaves, start + k, end, false), refMth(leaves, start, start + k)];
}

/** RFC 9162 PROOF(m, D[0:n]). */
export const refProof = (m: number, leaves: readonly Uint8Array[], n = leaves.length): Uint8Array[] =>
  subproof(m, leaves, 0, n, true);

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every single-bit flip of `bytes`, as fresh copies. */
export function* bitFlips(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length * 8; i++) {
    const copy = bytes.slice();
    copy[i >> 3] = (copy[i >> 3] ?? 0) ^ (1 << (i & 7));
    yield copy;
  }
}
