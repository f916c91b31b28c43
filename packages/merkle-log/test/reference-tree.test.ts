import { describe, expect, it } from 'vitest';
import { MemoryTree, ProofError, verifyConsistency, verifyInclusion } from '../src/index.ts';
import { bitFlips } from './reference.ts';
import { hex, readVector, toHex } from './vectors.ts';

type ReferenceTree = { leafInputs: string[]; nodeHashesByLevel: string[][]; rootHashesBySize: string[] };

const ref = readVector('transparency-dev-merkle/reference-tree.json') as ReferenceTree;
const tree = new MemoryTree();
for (const input of ref.leafInputs) tree.append(hex(input));

describe('RFC 6962 reference tree (transparency-dev/merkle testonly)', () => {
  it('has 8 leaves, 4 levels and 9 roots', () => {
    expect(ref.leafInputs).toHaveLength(8);
    expect(ref.nodeHashesByLevel).toHaveLength(4);
    expect(ref.rootHashesBySize).toHaveLength(9);
  });

  it.each(ref.rootHashesBySize.map((root, size) => [size, root] as const))(
    'root of size %i',
    (size, root) => {
      expect(toHex(tree.root(size))).toBe(root);
    },
  );

  it('stores every perfect subtree hash', () => {
    ref.nodeHashesByLevel.forEach((hashes, level) => {
      hashes.forEach((h, index) => {
        expect(toHex(tree.readNode({ level, index }))).toBe(h);
      });
    });
  });

  it('every inclusion proof verifies and every tampered one fails', () => {
    let checked = 0;
    for (let size = 1; size <= 8; size++) {
      const root = hex(ref.rootHashesBySize[size] ?? '');
      for (let index = 0; index < size; index++) {
        const leaf = tree.leafHash(index);
        const proof = tree.inclusionProof(index, size);
        verifyInclusion(index, size, leaf, proof, root);
        for (const bad of bitFlips(root))
          expect(() => verifyInclusion(index, size, leaf, proof, bad)).toThrow(ProofError);
        for (const bad of bitFlips(leaf))
          expect(() => verifyInclusion(index, size, bad, proof, root)).toThrow(ProofError);
        proof.forEach((p, i) => {
          for (const bad of bitFlips(p)) {
            const tampered = proof.with(i, bad);
            expect(() => verifyInclusion(index, size, leaf, tampered, root)).toThrow(ProofError);
          }
        });
        expect(() => verifyInclusion(index, size, leaf, [...proof, root], root)).toThrow(ProofError);
        if (proof.length > 0) {
          expect(() => verifyInclusion(index, size, leaf, proof.slice(1), root)).toThrow(ProofError);
        }
        checked++;
      }
    }
    expect(checked).toBe(36);
  });

  it('every consistency proof verifies and every tampered one fails', () => {
    let checked = 0;
    for (let size2 = 1; size2 <= 8; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const root1 = hex(ref.rootHashesBySize[size1] ?? '');
        const root2 = hex(ref.rootHashesBySize[size2] ?? '');
        const proof = tree.consistencyProof(size1, size2);
        verifyConsistency(size1, size2, root1, root2, proof);
        for (const bad of bitFlips(root1))
          expect(() => verifyConsistency(size1, size2, bad, root2, proof)).toThrow(ProofError);
        for (const bad of bitFlips(root2))
          expect(() => verifyConsistency(size1, size2, root1, bad, proof)).toThrow(ProofError);
        proof.forEach((p, i) => {
          for (const bad of bitFlips(p)) {
            expect(() => verifyConsistency(size1, size2, root1, root2, proof.with(i, bad))).toThrow(
              ProofError,
            );
          }
        });
        expect(() => verifyConsistency(size1, size2, root1, root2, [...proof, root1])).toThrow(ProofError);
        checked++;
      }
    }
    expect(checked).toBe(36);
  });
});
