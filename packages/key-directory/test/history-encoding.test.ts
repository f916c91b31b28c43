import { describe, expect, it } from 'vitest';
import { decodeHistoryProof, encodeHistoryProof, encodeLookupProof, verifyHistory } from '../src/index.ts';
import { refusal, smallDirectory } from './world.ts';

const directory = smallDirectory();
const keys = { vrfPublicKey: directory.vrfPublicKey };
const checkpoint = directory.checkpoint();

describe('history proof encoding', () => {
  it.each(['alice', 'bob', 'carol', 'mallory'])(
    'round-trips the history of %s, which still verifies',
    (name) => {
      const history = directory.history(name);
      const bytes = encodeHistoryProof(history);
      const decoded = decodeHistoryProof(bytes);
      expect(decoded).toEqual(history);
      expect(encodeHistoryProof(decoded)).toEqual(bytes);
      expect(verifyHistory(checkpoint, name, decoded, keys).versions).toHaveLength(history.versions.length);
    },
  );

  it('starts with the lookup proof, then the number of versions', () => {
    const history = directory.history('alice');
    const bytes = encodeHistoryProof(history);
    const lookup = encodeLookupProof(history.current);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)).toBe(lookup.length);
    expect(bytes.subarray(4, 4 + lookup.length)).toEqual(lookup);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(4 + lookup.length)).toBe(2);
  });

  it('refuses trailing and missing bytes, a version without its entry and a count past the bytes', () => {
    const bytes = encodeHistoryProof(directory.history('alice'));
    expect(refusal(() => decodeHistoryProof(new Uint8Array([...bytes, 0])))).toBe('malformed');
    expect(refusal(() => decodeHistoryProof(bytes.subarray(0, bytes.length - 1)))).toBe('malformed');
    expect(refusal(() => decodeHistoryProof(new Uint8Array(0)))).toBe('malformed');
    const lookupLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
    const firstVersion = 4 + lookupLength + 2;
    const noEntry = bytes.slice();
    expect(noEntry[firstVersion]).toBe(1);
    noEntry[firstVersion] = 0;
    expect(refusal(() => decodeHistoryProof(noEntry))).toBe('malformed');
    const moreVersions = bytes.slice();
    moreVersions.set([0xff, 0xff], 4 + lookupLength);
    expect(refusal(() => decodeHistoryProof(moreVersions))).toBe('malformed');
  });
});
