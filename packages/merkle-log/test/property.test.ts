import { describe, expect, it } from 'vitest';
import {
  MemoryTree,
  ProofError,
  proveConsistency,
  proveInclusion,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.ts';
import { bitFlips, prng, refLeaf, refMth, refPath, refProof } from './reference.ts';

const random = prng(0x9162);
const randomInt = (below: number): number => Math.floor(random() * below);
const MAX = 3000;
/** Compares proofs as one string: vitest's deep equality on thousands of Uint8Arrays is slow. */
const hexAll = (hashes: readonly Uint8Array[]): string =>
  hashes.map((h) => Buffer.from(h).toString('hex')).join(',');
const leaves: Uint8Array[] = [];
const tree = new MemoryTree();
for (let i = 0; i < MAX; i++) {
  const data = new Uint8Array(randomInt(40));
  for (let j = 0; j < data.length; j++) data[j] = randomInt(256);
  leaves.push(refLeaf(data));
  tree.append(data);
}

describe('random trees up to 3000 leaves against the RFC 9162 recursive definitions', () => {
  it('matches MTH, PATH and PROOF for every index and size pair up to 128 leaves', () => {
    for (let size = 1; size <= 128; size++) {
      const root = refMth(leaves, 0, size);
      expect(hexAll([tree.root(size)])).toBe(hexAll([root]));
      for (let m = 0; m < size; m++) {
        const proof = tree.inclusionProof(m, size);
        expect(hexAll(proof)).toBe(hexAll(refPath(m, leaves, 0, size)));
        verifyInclusion(m, size, tree.leafHash(m), proof, root);
        const c = tree.consistencyProof(m + 1, size);
        expect(hexAll(c)).toBe(hexAll(refProof(m + 1, leaves, size)));
        verifyConsistency(m + 1, size, tree.root(m + 1), root, c);
      }
    }
  });

  it('verifies random inclusion proofs and rejects every single-bit tamper', () => {
    for (let round = 0; round < 6; round++) {
      const size = 1 + randomInt(MAX);
      const index = randomInt(size);
      const root = tree.root(size);
      expect(root).toEqual(refMth(leaves, 0, size));
      const leaf = tree.leafHash(index);
      const proof = tree.inclusionProof(index, size);
      verifyInclusion(index, size, leaf, proof, root);
      for (const bad of bitFlips(root))
        expect(() => verifyInclusion(index, size, leaf, proof, bad)).toThrow(ProofError);
      for (const bad of bitFlips(leaf))
        expect(() => verifyInclusion(index, size, bad, proof, root)).toThrow(ProofError);
      proof.forEach((p, i) => {
        for (const bad of bitFlips(p)) {
          expect(() => verifyInclusion(index, size, leaf, proof.with(i, bad), root)).toThrow(ProofError);
        }
      });
    }
  });

  it('verifies random consistency proofs and rejects every single-bit tamper', () => {
    for (let round = 0; round < 6; round++) {
      const size2 = 1 + randomInt(MAX);
      const size1 = 1 + randomInt(size2);
      const root1 = tree.root(size1);
      const root2 = tree.root(size2);
      const proof = tree.consistencyProof(size1, size2);
      verifyConsistency(size1, size2, root1, root2, proof);
      for (const bad of bitFlips(root1))
        expect(() => verifyConsistency(size1, size2, bad, root2, proof)).toThrow(ProofError);
      for (const bad of bitFlips(root2))
        expect(() => verifyConsistency(size1, size2, root1, bad, proof)).toThrow(ProofError);
      proof.forEach((p, i) => {
        for (const bad of bitFlips(p)) {
          expect(() => verifyConsistency(size1, size2, root1, root2, proof.with(i, bad))).toThrow(ProofError);
        }
      });
    }
  });

  it('serves the same proofs through the async NodeSource port', async () => {
    expect(await treeRoot(tree, 2999)).toEqual(tree.root(2999));
    expect(await proveInclusion(tree, 1234, 2999)).toEqual(tree.inclusionProof(1234, 2999));
    expect(await proveConsistency(tree, 1000, 2999)).toEqual(tree.consistencyProof(1000, 2999));
  });
});
