import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { KeyDirectoryError } from './errors.ts';

/** Size of every tree label, node hash and commitment. */
export const HASH_SIZE = 32;

/** Labels are 256-bit, so no path is longer than this. */
export const MAX_DEPTH = 256;

/**
 * Every hash in the directory starts with its own NUL-terminated tag, so no leaf, node, commitment or
 * event can be read as another, and none collides with the RFC 9162 0x00/0x01 hashes of the epoch log.
 */
const tag = (name: string) => utf8ToBytes(`parley/key-directory/v1/${name}\u0000`);
const LABEL = tag('label');
const LEAF = tag('leaf');
const NODE = tag('node');
const EMPTY = tag('empty');
const COMMITMENT = tag('commitment');

/** Hash of a subtree holding no entry. */
export const EMPTY_HASH: Uint8Array = sha256(EMPTY);

/** Big-endian u64 of a safe integer. */
export function u64(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new KeyDirectoryError('malformed', `${n} is not a u64 here`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

export function checkHash(bytes: Uint8Array, what: string): void {
  if (bytes.length !== HASH_SIZE) {
    throw new KeyDirectoryError('malformed', `${what} is ${bytes.length} bytes, want ${HASH_SIZE}`);
  }
}

/** The tree label of a username: a hash of its 64-byte VRF output, so labels are uniform 256-bit keys. */
export function labelFromVrfOutput(beta: Uint8Array): Uint8Array {
  return sha256(concatBytes(LABEL, beta));
}

/** A leaf binds its label, so a leaf moved to another position or shown for another label fails. */
export function leafHash(label: Uint8Array, commitment: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF, label, commitment));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE, left, right));
}

/**
 * Hiding commitment to one version of an entry: without the 32-byte random opening the tree, audits
 * and proofs for neighbouring labels reveal nothing about the keys, not even whether two are equal.
 */
export function commitmentHash(
  opening: Uint8Array,
  label: Uint8Array,
  version: number,
  value: Uint8Array,
): Uint8Array {
  checkHash(opening, 'opening');
  checkHash(label, 'label');
  return sha256(concatBytes(COMMITMENT, opening, label, u64(version), value));
}

/** Bit `index` of a label, most significant bit of byte 0 first: the path from the root. */
export function labelBit(label: Uint8Array, index: number): 0 | 1 {
  const byte = label[index >> 3] ?? 0;
  return (byte >> (7 - (index & 7))) & 1 ? 1 : 0;
}

/** True when the first `bits` bits of two labels agree. */
export function sharePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i++) if (labelBit(a, i) !== labelBit(b, i)) return false;
  return true;
}
