import { describe, expect, it } from 'vitest';
import { decodeLookupProof, encodeLookupProof, verifyLookup } from '../src/index.ts';
import { refusal, smallDirectory, value } from './world.ts';

const directory = smallDirectory();
const keys = { vrfPublicKey: directory.vrfPublicKey };
const checkpoint = directory.checkpoint();

describe('lookup proof encoding', () => {
  it.each(['alice', 'bob', 'carol', 'mallory', 'nobody'])('round-trips and still verifies for %s', (name) => {
    const proof = directory.lookup(name);
    const bytes = encodeLookupProof(proof);
    const decoded = decodeLookupProof(bytes);
    expect(decoded).toEqual(proof);
    expect(encodeLookupProof(decoded)).toEqual(bytes);
    expect(verifyLookup(checkpoint, name, decoded, keys)).toEqual(
      verifyLookup(checkpoint, name, proof, keys),
    );
  });

  it('has the documented layout and size', () => {
    const proof = directory.lookup('alice');
    const entry = value('alice 2');
    const siblings = proof.tree.siblings;
    const tree = 2 + Math.ceil(siblings.length / 8) + 32 * siblings.filter((h) => h !== null).length + 1 + 64;
    const opened = 1 + 8 + 32 + 2 + entry.accountKey.length + 4 + entry.deviceList.length;
    const size = 80 + 112 + 1 + 32 * proof.epoch.inclusion.length + tree + opened;
    expect(encodeLookupProof(proof).length).toBe(size);
  });

  it('refuses trailing, missing and out-of-range bytes', () => {
    const bytes = encodeLookupProof(directory.lookup('alice'));
    expect(refusal(() => decodeLookupProof(new Uint8Array([...bytes, 0])))).toBe('malformed');
    expect(refusal(() => decodeLookupProof(bytes.subarray(0, bytes.length - 1)))).toBe('malformed');
    expect(refusal(() => decodeLookupProof(new Uint8Array(0)))).toBe('malformed');
    const flagAt = bytes.length - (1 + 8 + 32 + 2 + 32 + 4 + value('alice 2').deviceList.length);
    expect(bytes[flagAt]).toBe(1);
    const badFlag = bytes.slice();
    badFlag[flagAt] = 2;
    expect(refusal(() => decodeLookupProof(badFlag))).toBe('malformed');
  });

  it('refuses bitmap bits past the proof depth', () => {
    const proof = directory.lookup('alice');
    const bytes = encodeLookupProof(proof);
    const depthAt = 80 + 112 + 1 + 32 * proof.epoch.inclusion.length;
    const depth = ((bytes[depthAt] ?? 0) << 8) | (bytes[depthAt + 1] ?? 0);
    expect(depth).toBe(proof.tree.siblings.length);
    expect(depth % 8).not.toBe(0);
    const stray = bytes.slice();
    const last = depthAt + 2 + Math.ceil(depth / 8) - 1;
    stray[last] = (stray[last] ?? 0) | 1;
    expect(refusal(() => decodeLookupProof(stray))).toBe('malformed');
  });
});
