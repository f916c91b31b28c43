import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_HASH,
  KeyDirectoryError,
  SparseMerkleTree,
  type TreeProof,
  verifyTreeProof,
} from '../src/index.ts';

const te = new TextEncoder();
const label = (i: number) => sha256(te.encode(`label ${i}`));
const commitment = (i: number, v = 0) => sha256(te.encode(`commitment ${i} ${v}`));
const tagged = (name: string) => te.encode(`parley/key-directory/v1/${name}\u0000`);

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

function bit(l: Uint8Array, i: number): number {
  return ((l[i >> 3] ?? 0) >> (7 - (i % 8))) & 1;
}

/** An independent recursive definition of the root, from the sorted entries, for comparison. */
function referenceRoot(entries: readonly [Uint8Array, Uint8Array][], depth = 0): Uint8Array {
  if (entries.length === 0) return sha256(tagged('empty'));
  const [only] = entries;
  if (entries.length === 1 && only) return sha256(concat(tagged('leaf'), only[0], only[1]));
  const left = entries.filter(([l]) => bit(l, depth) === 0);
  const right = entries.filter(([l]) => bit(l, depth) === 1);
  return sha256(concat(tagged('node'), referenceRoot(left, depth + 1), referenceRoot(right, depth + 1)));
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof KeyDirectoryError) return e.code;
    throw e;
  }
  return 'accepted';
}

const N = 2000;
const entries = Array.from({ length: N }, (_, i) => ({ label: label(i), commitment: commitment(i) }));
const tree = SparseMerkleTree.empty().apply(entries);

describe('SparseMerkleTree', () => {
  it('has the root of the recursive definition, whatever the insertion order', () => {
    const expected = referenceRoot(entries.map((e) => [e.label, e.commitment]));
    expect(tree.root()).toEqual(expected);
    expect(
      SparseMerkleTree.empty()
        .apply([...entries].reverse())
        .root(),
    ).toEqual(expected);
    const stepwise = entries.reduce((t, e) => t.apply([e]), SparseMerkleTree.empty());
    expect(stepwise.root()).toEqual(expected);
    expect(tree.size).toBe(N);
  });

  it('hashes the empty tree to EMPTY_HASH and proves absence in it', () => {
    const empty = SparseMerkleTree.empty();
    expect(empty.root()).toEqual(EMPTY_HASH);
    expect(verifyTreeProof(empty.root(), label(1), empty.prove(label(1)))).toEqual({ found: false });
  });

  it('proves every entry it holds', () => {
    for (let i = 0; i < N; i += 37) {
      const answer = verifyTreeProof(tree.root(), label(i), tree.prove(label(i)));
      expect(answer).toEqual({ found: true, commitment: commitment(i) });
    }
  });

  it('proves the absence of labels it does not hold, by empty subtree or by a leaf on the path', () => {
    const kinds = new Set<string>();
    for (let i = N; i < N + 200; i++) {
      const proof = tree.prove(label(i));
      kinds.add(proof.terminal === null ? 'empty' : 'other leaf');
      expect(verifyTreeProof(tree.root(), label(i), proof)).toEqual({ found: false });
    }
    expect(kinds).toEqual(new Set(['empty', 'other leaf']));
  });

  it('leaves the earlier tree unchanged when applying updates', () => {
    const before = tree.root();
    const added = { label: label(N + 1), commitment: commitment(N + 1) };
    const next = tree.apply([{ label: label(5), commitment: commitment(5, 1) }, added]);
    expect(tree.root()).toEqual(before);
    expect(tree.get(label(5))).toEqual(commitment(5));
    expect(tree.get(added.label)).toBeUndefined();
    expect(next.get(label(5))).toEqual(commitment(5, 1));
    expect(next.size).toBe(N + 1);
    const old = verifyTreeProof(before, label(5), tree.prove(label(5)));
    expect(old).toEqual({ found: true, commitment: commitment(5) });
  });

  it('keeps paths short: about log2(n) levels', () => {
    const depths = entries.slice(0, 200).map((e) => tree.prove(e.label).siblings.length);
    expect(Math.max(...depths)).toBeLessThan(2 * Math.log2(N) + 4);
  });
});

describe('verifyTreeProof refuses', () => {
  const target = label(7);
  const proof = tree.prove(target);
  const root = tree.root();

  it('a tampered sibling', () => {
    const siblings = proof.siblings.map((s, i) =>
      i === 3 && s ? s.map((b, j) => (j === 0 ? b ^ 1 : b)) : s,
    );
    expect(refusal(() => verifyTreeProof(root, target, { ...proof, siblings }))).toBe('root_mismatch');
  });

  it('a sibling dropped or added', () => {
    expect(
      refusal(() => verifyTreeProof(root, target, { ...proof, siblings: proof.siblings.slice(1) })),
    ).not.toBe('accepted');
    const longer = { ...proof, siblings: [...proof.siblings, null] };
    expect(refusal(() => verifyTreeProof(root, target, longer))).toBe('root_mismatch');
  });

  it('an entry turned into an absence', () => {
    expect(refusal(() => verifyTreeProof(root, target, { ...proof, terminal: null }))).toBe('root_mismatch');
  });

  it('another commitment for the same label', () => {
    const forged: TreeProof = { ...proof, terminal: { label: target, commitment: commitment(8) } };
    expect(refusal(() => verifyTreeProof(root, target, forged))).toBe('root_mismatch');
  });

  it("another label's proof", () => {
    expect(refusal(() => verifyTreeProof(root, target, tree.prove(label(8))))).toBe('label_mismatch');
  });

  it('a proof against another root', () => {
    expect(refusal(() => verifyTreeProof(EMPTY_HASH, target, proof))).toBe('root_mismatch');
  });
});
