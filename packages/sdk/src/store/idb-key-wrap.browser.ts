import { deriveStorageKey, SealedDataError, STORAGE_KEY_PARAMS, type StorageKeyParams } from '@parley/crypto';
import { checkNewPassphrase } from './passphrase.ts';

/**
 * The storage key of a passphrase profile, as IndexedDB holds it: wrapped (AES-KW) under a key stretched from
 * the passphrase with scrypt. The browser's files then hold no usable key, so a copy of them is worth only
 * an offline guess at the passphrase per scrypt run.
 */
export type WrappedKeyRecord = Readonly<{ salt: Uint8Array; params: StorageKeyParams; wrapped: ArrayBuffer }>;

const usages: KeyUsage[] = ['encrypt', 'decrypt'];

async function keyEncryptionKey(passphrase: string, salt: Uint8Array, params: StorageKeyParams) {
  const bytes = deriveStorageKey(passphrase, salt, params);
  return crypto.subtle.importKey('raw', bytes.slice(), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

/** A fresh storage key and its wrapped record; the key returned is non-extractable. */
export async function createWrappedKey(
  passphrase: string,
): Promise<Readonly<{ key: CryptoKey; record: WrappedKeyRecord }>> {
  checkNewPassphrase(passphrase);
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const kek = await keyEncryptionKey(passphrase, salt, STORAGE_KEY_PARAMS);
  // Extractable only long enough to be wrapped; the store uses the non-extractable copy unwrapped below.
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, usages);
  const wrapped = await crypto.subtle.wrapKey('raw', fresh, kek, 'AES-KW');
  const record: WrappedKeyRecord = { salt, params: STORAGE_KEY_PARAMS, wrapped };
  return { key: await unwrapStorageKey(passphrase, record), record };
}

/** The storage key of a wrapped record; a wrong passphrase fails with SealedDataError. */
export async function unwrapStorageKey(passphrase: string, record: WrappedKeyRecord): Promise<CryptoKey> {
  const kek = await keyEncryptionKey(passphrase, record.salt, record.params);
  try {
    return await crypto.subtle.unwrapKey('raw', record.wrapped, kek, 'AES-KW', 'AES-GCM', false, usages);
  } catch (cause) {
    throw new SealedDataError('the passphrase does not open this profile', { cause });
  }
}

export function isWrappedKeyRecord(value: unknown): value is WrappedKeyRecord {
  if (typeof value !== 'object' || value === null) return false;
  const params: unknown = Reflect.get(value, 'params');
  return (
    Reflect.get(value, 'salt') instanceof Uint8Array &&
    Reflect.get(value, 'wrapped') instanceof ArrayBuffer &&
    typeof params === 'object' &&
    params !== null &&
    ['N', 'r', 'p'].every((k) => typeof Reflect.get(params, k) === 'number')
  );
}
