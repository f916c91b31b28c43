import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checkpoint } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { KeyDirectory, verifyEpochExtension, verifyEpochSuccession } from '../src/index.ts';
import { counterRandom, flip, refusal, smallDirectory, value, vrfSecretKey } from './world.ts';

/** The transparency-dev/merkle consistency probes that merkle-log carries (its test/vectors/SOURCES.md). */
const probesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../merkle-log/test/vectors/transparency-dev-merkle/consistency',
);
type Probe = {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
};
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const origin = 'kt.parley.example/test';
const head = (size: number, rootHash: Uint8Array): Checkpoint => ({ origin, size, rootHash, extensions: [] });

describe('verifyEpochExtension', () => {
  const directory = smallDirectory();
  const seen = directory.checkpoint(1);

  it('accepts every later epoch of the same log', () => {
    for (const size of [1, 2, 3]) {
      verifyEpochExtension(seen, directory.checkpoint(size), directory.consistencyProof(1, size));
    }
    verifyEpochExtension(head(0, new Uint8Array(32)), directory.checkpoint(), []);
  });

  it('refuses a log that forks from the epoch seen before', () => {
    const forked = new KeyDirectory({ origin, vrfSecretKey, random: counterRandom() });
    forked.stage('alice', value('alice 1'));
    forked.stage('bob', value('bob 1'));
    forked.publishEpoch();
    forked.stage('carol', value('mallory'));
    forked.publishEpoch();
    forked.publishEpoch();
    const twoEpochsSeen = directory.checkpoint(2);
    expect(
      refusal(() => verifyEpochExtension(twoEpochsSeen, forked.checkpoint(), forked.consistencyProof(2))),
    ).toBe('fork');
    expect(refusal(() => verifyEpochExtension(twoEpochsSeen, forked.checkpoint(2), []))).toBe('fork');
  });

  it('refuses a log rolled back to fewer epochs', () => {
    expect(refusal(() => verifyEpochExtension(directory.checkpoint(), seen, []))).toBe('rollback');
  });

  it('refuses a checkpoint of another log', () => {
    const other = { ...directory.checkpoint(), origin: 'elsewhere.example/kt' };
    expect(refusal(() => verifyEpochExtension(seen, other, directory.consistencyProof(1)))).toBe('fork');
  });

  it('refuses a tampered consistency proof', () => {
    const proof = directory.consistencyProof(1).map((h, i) => (i === 0 ? flip(h) : h));
    expect(refusal(() => verifyEpochExtension(seen, directory.checkpoint(), proof))).toBe('fork');
  });
});

describe('verifyEpochExtension against the transparency-dev/merkle consistency probes', () => {
  const files = readdirSync(probesDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.json'),
  );
  it('finds the 98 probes', () => expect(files).toHaveLength(98));

  it.each(files)('%s', (file) => {
    const v = JSON.parse(readFileSync(path.join(probesDir, file), 'utf8')) as Probe;
    const run = () =>
      verifyEpochExtension(
        head(v.size1, b64(v.root1)),
        head(v.size2, b64(v.root2)),
        (v.proof ?? []).map(b64),
      );
    const code = refusal(run);
    if (v.size1 === 0) {
      // A client that has seen no epoch has nothing to be consistent with (Go refuses these as useless).
      expect(code).toBe('accepted');
      return;
    }
    const rootsAreHashes = b64(v.root1).length === 32 && b64(v.root2).length === 32;
    const expected = v.wantErr || !rootsAreHashes ? (v.size2 < v.size1 ? 'rollback' : 'fork') : 'accepted';
    expect(code).toBe(expected);
  });
});

describe('verifyEpochSuccession', () => {
  const directory = smallDirectory();

  it('links each epoch to the root of the one before', () => {
    const history = directory.history('alice');
    const [first, second] = history.versions;
    const before = second?.before?.epoch.record;
    if (!first || !second || !before) throw new Error('alice has two versions');
    verifyEpochSuccession(before, second.at.epoch.record);
    expect(refusal(() => verifyEpochSuccession(first.at.epoch.record, second.at.epoch.record))).toBe(
      'history_invalid',
    );
    const rewritten = { ...second.at.epoch.record, previousRoot: flip(second.at.epoch.record.previousRoot) };
    expect(refusal(() => verifyEpochSuccession(before, rewritten))).toBe('fork');
  });
});
