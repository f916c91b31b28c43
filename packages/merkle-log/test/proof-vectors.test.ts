import { describe, expect, it } from 'vitest';
import { ProofError, verifyConsistency, verifyInclusion } from '../src/index.ts';
import { b64, listVectors, readVector } from './vectors.ts';

type InclusionProbe = {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
};
type ConsistencyProbe = {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
};

/** The one probe where we deliberately differ from Go: 12-byte roots, which we refuse (ADR 0003). */
const deviation =
  'transparency-dev-merkle/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json';

function outcome(run: () => void): boolean {
  try {
    run();
    return false;
  } catch (e) {
    if (!(e instanceof ProofError)) throw e;
    return true;
  }
}

describe('transparency-dev/merkle inclusion probes', () => {
  const files = listVectors('transparency-dev-merkle/inclusion');
  it('finds all 98 probes', () => expect(files).toHaveLength(98));
  it.each(files)('%s', (file) => {
    const v = readVector(file) as InclusionProbe;
    const failed = outcome(() =>
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)),
    );
    expect(failed).toBe(v.wantErr);
  });
});

describe('transparency-dev/merkle consistency probes', () => {
  const files = listVectors('transparency-dev-merkle/consistency');
  it('finds all 98 probes', () => expect(files).toHaveLength(98));
  it.each(files)('%s', (file) => {
    const v = readVector(file) as ConsistencyProbe;
    const failed = outcome(() =>
      verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64)),
    );
    expect(failed).toBe(file === deviation ? true : v.wantErr);
  });

  it('deviation: equal sizes with equal 12-byte roots is rejected, unlike Go which accepts it', () => {
    const v = readVector(deviation) as ConsistencyProbe;
    expect(v.wantErr).toBe(false);
    expect(b64(v.root1)).toHaveLength(12);
    expect(() => verifyConsistency(1, 1, b64(v.root1), b64(v.root2), [])).toThrow(/root1 is 12 bytes/);
    const real = new Uint8Array(32).fill(7);
    expect(() => verifyConsistency(1, 1, real, real, [])).not.toThrow();
  });
});
