import { describe, expect, it } from 'vitest';
import { KeyDirectory, type LookupProof, verifyLookup } from '../src/index.ts';
import { counterRandom, flip, refusal, smallDirectory, value, vrfSecretKey } from './world.ts';

const directory = smallDirectory();
const keys = { vrfPublicKey: directory.vrfPublicKey };
const checkpoint = directory.checkpoint();

describe('verifyLookup', () => {
  it("returns a username's newest entry at the newest epoch", () => {
    const result = verifyLookup(checkpoint, 'alice', directory.lookup('alice'), keys);
    expect(result).toEqual({ epoch: 2, entry: { version: 2, ...value('alice 2') } });
    expect(verifyLookup(checkpoint, 'carol', directory.lookup('carol'), keys).entry?.version).toBe(1);
  });

  it('proves that a username has no entry', () => {
    expect(verifyLookup(checkpoint, 'mallory', directory.lookup('mallory'), keys)).toEqual({
      epoch: 2,
      entry: null,
    });
  });

  it('shows neither usernames nor keys in the tree: labels are VRF outputs, leaves commitments', () => {
    const proof = directory.lookup('alice');
    const bytes = JSON.stringify(proof.tree, (_k, v) => (v instanceof Uint8Array ? [...v] : v));
    expect(bytes).not.toContain([...value('alice 2').accountKey].join(','));
  });
});

describe('verifyLookup refuses', () => {
  const alice = directory.lookup('alice');
  const bob = directory.lookup('bob');

  it("bob's proof offered for alice (the VRF proof is bob's)", () => {
    expect(refusal(() => verifyLookup(checkpoint, 'alice', bob, keys))).toBe('vrf_invalid');
  });

  it("bob's tree proof and entry under alice's VRF proof", () => {
    const swapped: LookupProof = { ...bob, vrfProof: alice.vrfProof };
    expect(refusal(() => verifyLookup(checkpoint, 'alice', swapped, keys))).toBe('label_mismatch');
  });

  it('a forged VRF proof', () => {
    for (const at of [0, 40, 79]) {
      const forged = { ...alice, vrfProof: flip(alice.vrfProof, at) };
      expect(refusal(() => verifyLookup(checkpoint, 'alice', forged, keys))).toBe('vrf_invalid');
    }
  });

  it('a directory run under another VRF key', () => {
    const other = new KeyDirectory({
      origin: 'x',
      vrfSecretKey: flip(vrfSecretKey),
      random: counterRandom(),
    });
    expect(
      refusal(() => verifyLookup(checkpoint, 'alice', alice, { vrfPublicKey: other.vrfPublicKey })),
    ).toBe('vrf_invalid');
  });

  it('a tampered sibling', () => {
    const siblings = alice.tree.siblings.map((s, i) => (i === 0 && s ? flip(s) : s));
    const tampered = { ...alice, tree: { ...alice.tree, siblings } };
    expect(refusal(() => verifyLookup(checkpoint, 'alice', tampered, keys))).toBe('root_mismatch');
  });

  it('another value, version or opening than the tree commits to', () => {
    const entry = alice.entry;
    if (entry === null) throw new Error('alice has an entry');
    const cases = [
      { ...entry, ...value('mallory') },
      { ...entry, version: 1 },
      { ...entry, opening: flip(entry.opening) },
      { ...entry, deviceList: new Uint8Array(0) },
    ];
    for (const forged of cases) {
      expect(refusal(() => verifyLookup(checkpoint, 'alice', { ...alice, entry: forged }, keys))).toBe(
        'commitment_mismatch',
      );
    }
  });

  it('an entry hidden: the tree holds one but none is opened', () => {
    expect(refusal(() => verifyLookup(checkpoint, 'alice', { ...alice, entry: null }, keys))).toBe(
      'commitment_mismatch',
    );
  });

  it('an entry invented for a username that has none', () => {
    const mallory = directory.lookup('mallory');
    const invented = { ...mallory, entry: alice.entry };
    expect(refusal(() => verifyLookup(checkpoint, 'mallory', invented, keys))).toBe('label_mismatch');
  });

  it('an older epoch than the checkpoint covers', () => {
    const older = new KeyDirectory({
      origin: 'kt.parley.example/test',
      vrfSecretKey,
      random: counterRandom(),
    });
    older.stage('alice', value('alice 1'));
    older.publishEpoch();
    const stale = older.lookup('alice');
    expect(refusal(() => verifyLookup(checkpoint, 'alice', stale, keys))).toBe('stale_epoch');
  });

  it('an epoch record that the log does not hold', () => {
    const record = { ...alice.epoch.record, root: bob.epoch.record.previousRoot };
    const forged = { ...alice, epoch: { ...alice.epoch, record } };
    expect(refusal(() => verifyLookup(checkpoint, 'alice', forged, keys))).toBe('epoch_not_logged');
  });
});
