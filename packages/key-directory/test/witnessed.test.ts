import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  addSignatures,
  type Checkpoint,
  createCosignatureVerifier,
  createCosigner,
  createEd25519Signer,
  createEd25519Verifier,
  formatCheckpoint,
  formatSignedNote,
  openCheckpoint,
  parseSignedNote,
  SignatureError,
  signNote,
} from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { KeyDirectory, verifyEpochExtension, verifyHistory, verifyLookup } from '../src/index.ts';
import { counterRandom, refusal, smallDirectory, value, vrfSecretKey } from './world.ts';

/**
 * The whole path of a client, with the log's note key and a witness that cosigns an epoch only when it
 * extends the last one it cosigned (what `parley witness` checks before answering).
 */
const origin = 'kt.parley.example/test';
const seed = (n: number) => sha256(Uint8Array.of(n));
const logSigner = createEd25519Signer(origin, seed(1));
const logVerifier = createEd25519Verifier(origin, ed25519.getPublicKey(seed(1)));
const witnessName = 'witness.example/w1';
const cosigner = createCosigner(witnessName, seed(2), () => 1_800_000_000);
const policy = {
  origin,
  log: logVerifier,
  witnesses: [createCosignatureVerifier(witnessName, ed25519.getPublicKey(seed(2)))],
  quorum: 1,
};

function witness() {
  let seen: Checkpoint = { origin, size: 0, rootHash: new Uint8Array(32), extensions: [] };
  return (signed: string, proof: readonly Uint8Array[]): string => {
    const { checkpoint } = openCheckpoint(signed, { ...policy, quorum: 0 });
    verifyEpochExtension(seen, checkpoint, proof);
    seen = checkpoint;
    return formatSignedNote(addSignatures(parseSignedNote(signed), [cosigner]));
  };
}

const publish = (directory: KeyDirectory) => signNote(formatCheckpoint(directory.checkpoint()), [logSigner]);

describe('a witnessed directory', () => {
  it('gives a client a lookup it can check end to end', () => {
    const directory = smallDirectory();
    const cosign = witness();
    const note = cosign(publish(directory), []);
    const { checkpoint } = openCheckpoint(note, policy);
    const result = verifyLookup(checkpoint, 'bob', directory.lookup('bob'), {
      vrfPublicKey: directory.vrfPublicKey,
    });
    expect(result.entry).toEqual({ version: 1, ...value('bob 1') });
  });

  it('refuses to cosign a log that rewrites an epoch it cosigned, and clients refuse it uncosigned', () => {
    const honest = smallDirectory();
    const cosign = witness();
    const seen = honest.checkpoint();
    cosign(publish(honest), []);
    // The same first epoch, then bob shown with the server's key where carol joined.
    const rewritten = new KeyDirectory({ origin, vrfSecretKey, random: counterRandom() });
    rewritten.stage('alice', value('alice 1'));
    rewritten.stage('bob', value('bob 1'));
    rewritten.publishEpoch();
    rewritten.stage('bob', value('mallory'));
    rewritten.publishEpoch();
    rewritten.publishEpoch();
    rewritten.publishEpoch();
    const proof = rewritten.consistencyProof(seen.size);
    expect(refusal(() => cosign(publish(rewritten), proof))).toBe('fork');
    expect(() => openCheckpoint(publish(rewritten), policy)).toThrow(SignatureError);
    expect(refusal(() => verifyEpochExtension(seen, rewritten.checkpoint(), proof))).toBe('fork');
  });

  it("puts a key the server adds for bob on record, where bob's own history shows it", () => {
    const directory = smallDirectory();
    const cosign = witness();
    cosign(publish(directory), []);
    const before = directory.checkpoint();
    directory.stage('bob', value('mallory'));
    directory.publishEpoch();
    const { checkpoint } = openCheckpoint(
      cosign(publish(directory), directory.consistencyProof(before.size)),
      policy,
    );
    const keys = { vrfPublicKey: directory.vrfPublicKey };
    const { versions } = verifyHistory(checkpoint, 'bob', directory.history('bob'), keys);
    expect(versions.map((v) => v.accountKey)).toEqual([
      value('bob 1').accountKey,
      value('mallory').accountKey,
    ]);
  });
});
