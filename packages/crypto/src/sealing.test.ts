import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SealedDataError } from './errors.js';
import { deriveStorageKey, open, STORAGE_KEY_PARAMS, seal, TEST_STORAGE_KEY_PARAMS } from './sealing.js';

const salt = new Uint8Array(16).fill(7);
const aad = utf8ToBytes('parley-state:alice');

describe('sealing client state at rest', () => {
  const key = deriveStorageKey('correct horse', salt, TEST_STORAGE_KEY_PARAMS);

  it('round-trips and uses a fresh nonce each time', () => {
    const plaintext = utf8ToBytes('group state');
    const a = seal(key, plaintext, aad);
    const b = seal(key, plaintext, aad);
    expect(a).not.toEqual(b);
    expect(open(key, a, aad)).toEqual(plaintext);
  });

  it('rejects any tampered byte', () => {
    const sealed = seal(key, utf8ToBytes('group state'), aad);
    for (const index of [0, 24, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => open(key, tampered, aad)).toThrow(SealedDataError);
    }
    expect(() => open(key, sealed.subarray(0, 20), aad)).toThrow(SealedDataError);
  });

  it('rejects the wrong aad and the wrong passphrase', () => {
    const sealed = seal(key, utf8ToBytes('group state'), aad);
    expect(() => open(key, sealed, utf8ToBytes('parley-state:bob'))).toThrow(SealedDataError);
    const other = deriveStorageKey('wrong horse', salt, TEST_STORAGE_KEY_PARAMS);
    expect(() => open(other, sealed, aad)).toThrow(SealedDataError);
  });

  it('derives deterministically, and the production cost is the documented one', () => {
    expect(deriveStorageKey('correct horse', salt, TEST_STORAGE_KEY_PARAMS)).toEqual(key);
    expect(STORAGE_KEY_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    expect(() => deriveStorageKey('x', new Uint8Array(8), TEST_STORAGE_KEY_PARAMS)).toThrow(RangeError);
  });
});
