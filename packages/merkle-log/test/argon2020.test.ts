import { describe, expect, it } from 'vitest';
import { defaultHasher, ProofError, verifyConsistency, verifyInclusion } from '../src/index.ts';
import { b64, readVector } from './vectors.ts';

const sth = readVector('golang-mod-argon2020/sth.json') as { tree_size: number; sha256_root_hash: string };
const proof = readVector('golang-mod-argon2020/proof.json') as { leaf_index: number; audit_path: string[] };
const entries = readVector('golang-mod-argon2020/entries.json') as { entries: { leaf_input: string }[] };
const consistency = readVector('golang-mod-argon2020/consistency.json') as { consistency: string[] };
/** From SOURCE.txt: golang/mod's ct_test.go checks the tree against this older root. */
const oldSize = 3_654_490;
const oldRoot = b64('AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=');

describe('Google Argon2020 CT log (real proofs, 961,984,013 leaves)', () => {
  const root = b64(sth.sha256_root_hash);
  const leafInput = b64(entries.entries[0]?.leaf_input ?? '');
  const leaf = defaultHasher.hashLeaf(leafInput);
  const path = proof.audit_path.map(b64);

  it('verifies inclusion of leaf 10000', () => {
    expect(sth.tree_size).toBe(961_984_013);
    expect(proof.leaf_index).toBe(10_000);
    verifyInclusion(proof.leaf_index, sth.tree_size, leaf, path, root);
  });

  // size + 1 shares this leaf's path shape, so only sizes that change the shape must fail.
  it('rejects the inclusion proof at a neighbouring index or a doubled size', () => {
    expect(() => verifyInclusion(10_001, sth.tree_size, leaf, path, root)).toThrow(ProofError);
    expect(() => verifyInclusion(10_000, sth.tree_size * 2, leaf, path, root)).toThrow(ProofError);
  });

  it('verifies consistency from size 3,654,490', () => {
    verifyConsistency(oldSize, sth.tree_size, oldRoot, root, consistency.consistency.map(b64));
  });

  it('rejects consistency against a different old size', () => {
    const c = consistency.consistency.map(b64);
    expect(() => verifyConsistency(oldSize + 1, sth.tree_size, oldRoot, root, c)).toThrow(ProofError);
  });
});
