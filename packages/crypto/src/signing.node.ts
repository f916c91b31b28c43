import { createPublicKey, verify } from 'node:crypto';
import { labelledInput, type SignatureLabel } from './signing.js';

/** y-coordinates (little-endian, sign bit cleared) of the eight points of small order: 0, 1, p − 1, two of order 8. */
const smallOrderY = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map((hex) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16)));

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const groupOrder = Uint8Array.from(
  'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'.match(/../g) ?? [],
  (byte) => Number.parseInt(byte, 16),
);

/** Compares two 32-byte little-endian numbers, the top bit of `a` masked off when `maskSign` is set. */
function compareLE(a: Uint8Array, b: Uint8Array, maskSign: boolean): number {
  for (let i = 31; i >= 0; i--) {
    const x = (a[i] ?? 0) & (i === 31 && maskSign ? 0x7f : 0xff);
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const fieldPrime = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xed : i === 31 ? 0x7f : 0xff));

/**
 * The key checks of RFC 8032's strict decoding that OpenSSL leaves out: the encoding of y must be below p,
 * and the point must not have small order (noble's strict mode refuses both too).
 */
function isStrictPublicKey(publicKey: Uint8Array): boolean {
  if (compareLE(publicKey, fieldPrime, true) >= 0) return false;
  return !smallOrderY.some((y) => compareLE(publicKey, y, true) === 0);
}

/**
 * Verifies a labelled signature with OpenSSL's Ed25519 (Node's `crypto.verify`), over the same bytes as
 * `verifyWithLabel` in `signing.ts`. Never throws. At least as strict as the portable verifier: S must be
 * below L, R is compared as canonical bytes, the key must be canonical and not of small order, and the
 * equation is the cofactorless one, which accepts a subset of what the cofactored equation accepts.
 */
export function verifyWithLabel(
  label: SignatureLabel,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const input = labelledInput(label, publicKey, message, signature);
  if (input === undefined || !isStrictPublicKey(publicKey)) return false;
  if (compareLE(signature.subarray(32), groupOrder, false) >= 0) return false;
  try {
    // A JWK imports the raw key directly; the DER (SPKI) decoder costs several times more than the check.
    const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, 32).toString('base64url');
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    return verify(null, input, key, signature);
  } catch {
    return false;
  }
}
