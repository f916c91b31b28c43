import { describe, expect, it } from 'vitest';
import { type HistoryProof, KeyDirectory, verifyHistory } from '../src/index.ts';
import { counterRandom, flip, refusal, smallDirectory, value, vrfSecretKey } from './world.ts';

const directory = smallDirectory();
const keys = { vrfPublicKey: directory.vrfPublicKey };
const checkpoint = directory.checkpoint();
const alice = directory.history('alice');

describe('verifyHistory', () => {
  it('returns every version with the epoch that set it', () => {
    const { current, versions } = verifyHistory(checkpoint, 'alice', alice, keys);
    expect(current.entry?.version).toBe(2);
    expect(versions).toEqual([
      { version: 1, epoch: 0, ...value('alice 1') },
      { version: 2, epoch: 2, ...value('alice 2') },
    ]);
  });

  it('accepts a single version and an empty history', () => {
    expect(verifyHistory(checkpoint, 'carol', directory.history('carol'), keys).versions).toHaveLength(1);
    expect(verifyHistory(checkpoint, 'mallory', directory.history('mallory'), keys).versions).toEqual([]);
  });
});

describe('verifyHistory refuses', () => {
  const [first, second] = alice.versions;
  if (!first || !second) throw new Error('alice has two versions');

  it('a version left out', () => {
    expect(refusal(() => verifyHistory(checkpoint, 'alice', { ...alice, versions: [second] }, keys))).toBe(
      'history_invalid',
    );
  });

  it('a history that stops before the current entry', () => {
    expect(refusal(() => verifyHistory(checkpoint, 'alice', { ...alice, versions: [first] }, keys))).toBe(
      'history_invalid',
    );
  });

  it('a version whose key event is not logged in its epoch', () => {
    // Epoch 0 logged two events, alice's and bob's: point at bob's, or alter the path to alice's.
    expect(first.at.epoch.record.eventCount).toBe(2);
    const cases = [
      { ...first, eventIndex: 1 - first.eventIndex },
      { ...first, eventInclusion: first.eventInclusion.map((h) => flip(h)) },
      { ...first, eventIndex: 2 },
    ];
    for (const unlogged of cases) {
      const proof: HistoryProof = { ...alice, versions: [unlogged, second] };
      expect(refusal(() => verifyHistory(checkpoint, 'alice', proof, keys))).toBe('event_not_logged');
    }
  });

  it('a version that does not replace the one before it', () => {
    // carol's epoch-1 tree shown as alice's "before": another label's path.
    const carol = directory.history('carol').versions[0];
    if (!carol) throw new Error('carol has a version');
    const wrong = { ...second, before: carol.at };
    const code = refusal(() =>
      verifyHistory(checkpoint, 'alice', { ...alice, versions: [first, wrong] }, keys),
    );
    expect(code).toBe('label_mismatch');
  });

  it('a version renumbered to hide a change alice did not make', () => {
    // The server set alice's entry to its own key in epoch 1; to show alice only her own versions it
    // must call epoch 2's entry version 2, which its commitment does not say.
    const silent = new KeyDirectory({
      origin: 'kt.parley.example/test',
      vrfSecretKey,
      random: counterRandom(),
    });
    silent.stage('alice', value('alice 1'));
    silent.stage('bob', value('bob 1'));
    silent.publishEpoch();
    silent.stage('alice', value('mallory'));
    silent.stage('carol', value('carol 1'));
    silent.publishEpoch();
    silent.stage('alice', value('alice 2'));
    silent.publishEpoch();
    const proof = silent.history('alice');
    const [v1, , v3] = proof.versions;
    if (!v1 || !v3) throw new Error('three versions');
    const hidden = { ...v3, entry: { ...v3.entry, version: 2 } };
    const forged: HistoryProof = { ...proof, versions: [v1, hidden] };
    expect(refusal(() => verifyHistory(silent.checkpoint(), 'alice', forged, keys))).toBe(
      'commitment_mismatch',
    );
  });

  it('a history of another username', () => {
    expect(refusal(() => verifyHistory(checkpoint, 'bob', alice, keys))).toBe('vrf_invalid');
  });
});
