import { describe, expect, it } from 'vitest';
import { encodeEpochRecord, KeyDirectory, verifyLookup } from '../src/index.ts';
import { counterRandom, smallDirectory, value, vrfSecretKey } from './world.ts';

describe('restoring stored VRF proofs and labels', () => {
  it('rebuilds the same epochs and proofs without proving a name again', () => {
    const original = smallDirectory();
    const rebuilt = new KeyDirectory({
      origin: 'kt.parley.example/test',
      vrfSecretKey,
      random: counterRandom(),
    });
    for (const name of ['alice', 'bob', 'carol']) {
      rebuilt.restoreVrfProof(name, original.vrfProofOf(name), original.labelOf(name));
    }
    rebuilt.stage('alice', value('alice 1'));
    rebuilt.stage('bob', value('bob 1'));
    rebuilt.publishEpoch();
    rebuilt.stage('carol', value('carol 1'));
    rebuilt.publishEpoch();
    rebuilt.stage('alice', value('alice 2'));
    rebuilt.publishEpoch();
    expect(rebuilt.checkpoint()).toEqual(original.checkpoint());
    const proof = rebuilt.lookup('alice');
    expect(proof.vrfProof).toEqual(original.vrfProofOf('alice'));
    expect(
      verifyLookup(rebuilt.checkpoint(), 'alice', proof, { vrfPublicKey: rebuilt.vrfPublicKey }).entry
        ?.version,
    ).toBe(2);
  });

  it('gives another root when a stored label is wrong, which the operator sees against what it signed', () => {
    const original = smallDirectory();
    const rebuilt = new KeyDirectory({
      origin: 'kt.parley.example/test',
      vrfSecretKey,
      random: counterRandom(),
    });
    rebuilt.restoreVrfProof('alice', original.vrfProofOf('alice'), original.labelOf('bob'));
    rebuilt.stage('alice', value('alice 1'));
    rebuilt.stage('bob', value('bob 1'));
    const record = rebuilt.publishEpoch();
    const first = new KeyDirectory({
      origin: 'kt.parley.example/test',
      vrfSecretKey,
      random: counterRandom(),
    });
    first.stage('alice', value('alice 1'));
    first.stage('bob', value('bob 1'));
    expect(encodeEpochRecord(record)).not.toEqual(encodeEpochRecord(first.publishEpoch()));
  });
});
