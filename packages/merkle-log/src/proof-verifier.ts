import { equalBytes } from './bytes.ts';
import { ProofError } from './errors.ts';
import { defaultHasher, HASH_SIZE, type Hasher } from './hasher.ts';
import { half, isIndex, isOdd, isPowerOfTwo } from './tree-math.ts';

/**
 * Every hash must be exactly 32 bytes. Stricter than transparency-dev/merkle, which compares roots of
 * any length when the sizes are equal; see docs/adr/0003-merkle-log.md.
 */
function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) throw new ProofError(`${what} is ${hash.length} bytes, want ${HASH_SIZE}`);
}

/** RFC 9162 §2.1.3.2: the root implied by an inclusion proof; throws ProofError if malformed. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  hasher: Hasher = defaultHasher,
): Uint8Array {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new ProofError(`leaf index ${index} is outside a tree of size ${size}`);
  }
  checkHash(leafHash, 'leaf hash');
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    checkHash(p, 'proof hash');
    if (sn === 0) throw new ProofError('inclusion proof is too long');
    if (isOdd(fn) || fn === sn) {
      r = hasher.hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError('inclusion proof is too short');
  return r;
}

/** Checks that `leafHash` is leaf `index` of the tree of `size` leaves with `root`; throws ProofError. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hasher: Hasher = defaultHasher,
): void {
  checkHash(root, 'root');
  const computed = rootFromInclusionProof(index, size, leafHash, proof, hasher);
  if (!equalBytes(computed, root)) throw new ProofError('inclusion proof does not lead to the root');
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size2` leaves with `root2` extends the tree of `size1`
 * leaves with `root1`. Equal sizes need an empty proof and equal roots; size1 = 0 is refused because
 * it proves nothing. Throws ProofError.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
  hasher: Hasher = defaultHasher,
): void {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) {
    throw new ProofError(`size1 ${size1} must not exceed size2 ${size2}`);
  }
  if (size1 === 0) throw new ProofError('consistency with the empty tree proves nothing');
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');
  for (const p of proof) checkHash(p, 'proof hash');
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('equal sizes need an empty proof');
    if (!equalBytes(root1, root2)) throw new ProofError('equal sizes but different roots');
    return;
  }
  if (proof.length === 0) throw new ProofError('different sizes need a non-empty proof');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  const [first, ...rest] = path;
  if (first === undefined) throw new ProofError('empty consistency proof');
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) throw new ProofError('consistency proof is too long');
    if (isOdd(fn) || fn === sn) {
      fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hasher.hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError('consistency proof is too short');
  if (!equalBytes(fr, root1)) throw new ProofError('consistency proof does not lead to root1');
  if (!equalBytes(sr, root2)) throw new ProofError('consistency proof does not lead to root2');
}
