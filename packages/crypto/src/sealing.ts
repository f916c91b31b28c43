import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { SealedDataError } from './errors.js';

/** scrypt cost parameters; exported so stored blobs can record which set derived their key. */
export type StorageKeyParams = Readonly<{ N: number; r: number; p: number }>;

/**
 * Production cost for new profiles: 128 MiB and about a second, the floor OWASP gives for scrypt, to slow
 * offline guessing by whoever copies the profile. Profiles record their own cost, so older ones (N = 2^15)
 * still open.
 */
export const STORAGE_KEY_PARAMS: StorageKeyParams = { N: 2 ** 17, r: 8, p: 1 };

/** The cost profiles were created with before 2026-12: kept so they can be recognised and still opened. */
export const LEGACY_STORAGE_KEY_PARAMS: StorageKeyParams = { N: 2 ** 15, r: 8, p: 1 };

/** Bytes scrypt needs for `params` (128·r·N for V plus 128·r·p for B), to size a native maxmem limit. */
export function storageKeyMemory(params: StorageKeyParams): number {
  return 128 * params.r * (params.N + params.p + 2);
}

/** A deliberately weak set for tests only; never use it for real data. */
export const TEST_STORAGE_KEY_PARAMS: StorageKeyParams = { N: 2 ** 10, r: 8, p: 1 };

const NONCE_BYTES = 24;
const TAG_BYTES = 16;

/** Stretches a passphrase into a 32-byte key for sealing client state at rest. The salt must be random, >= 16 bytes. */
export function deriveStorageKey(
  passphrase: string,
  salt: Uint8Array,
  params: StorageKeyParams = STORAGE_KEY_PARAMS,
): Uint8Array {
  if (salt.length < 16) throw new RangeError('salt must be at least 16 bytes');
  return scrypt(passphrase, salt, { ...params, dkLen: 32 });
}

/** Encrypts with XChaCha20-Poly1305 under a fresh random nonce (safe to reuse a key for many blobs): nonce || ciphertext. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  const out = new Uint8Array(NONCE_BYTES + ciphertext.length);
  out.set(nonce, 0);
  out.set(ciphertext, NONCE_BYTES);
  return out;
}

/** Decrypts a `seal` output; throws SealedDataError if the key, aad or any byte is wrong. */
export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new SealedDataError('sealed data is truncated');
  try {
    return xchacha20poly1305(key, sealed.subarray(0, NONCE_BYTES), aad).decrypt(sealed.subarray(NONCE_BYTES));
  } catch (cause) {
    throw new SealedDataError('sealed data failed authentication', { cause });
  }
}
