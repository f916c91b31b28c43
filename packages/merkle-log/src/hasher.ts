import { sha256 } from '@noble/hashes/sha2.js';

/** Every hash in the log is a 32-byte SHA-256 digest (RFC 9162 §2.1 with SHA-256, as C2SP tlogs use). */
export const HASH_SIZE = 32;

/**
 * The RFC 9162 §2.1.1 hash functions as a port, so the server can plug a native SHA-256 in without
 * touching the tree code. Implementations must use the 0x00 / 0x01 domain-separation prefixes.
 */
export interface Hasher {
  /** MTH({}) = SHA-256(""): the root of an empty tree. */
  emptyRoot(): Uint8Array;
  /** SHA-256(0x00 || data). */
  hashLeaf(data: Uint8Array): Uint8Array;
  /** SHA-256(0x01 || left || right). */
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/** Builds an RFC 9162 hasher from any one-shot SHA-256 function. */
export function rfc9162Hasher(digest: (data: Uint8Array) => Uint8Array): Hasher {
  return {
    emptyRoot: () => digest(new Uint8Array(0)),
    hashLeaf(data) {
      const buf = new Uint8Array(1 + data.length);
      buf.set(data, 1);
      return digest(buf);
    },
    hashChildren(left, right) {
      const buf = new Uint8Array(1 + left.length + right.length);
      buf[0] = 0x01;
      buf.set(left, 1);
      buf.set(right, 1 + left.length);
      return digest(buf);
    },
  };
}

/** The default hasher: audited @noble/hashes SHA-256, works in every runtime. */
export const defaultHasher: Hasher = rfc9162Hasher((data) => sha256(data));
