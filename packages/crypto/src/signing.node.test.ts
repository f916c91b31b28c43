import { createPublicKey, verify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, type SignatureLabel, signWithLabel, verifyWithLabel } from './signing.js';
import { verifyWithLabel as nativeVerify } from './signing.node.js';

const { Point } = ed25519;
const L = Point.Fn.ORDER;
const p = Point.Fp.ORDER;
const le = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const fromLe = (b: Uint8Array) => b.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
const hashToScalar = (...parts: Uint8Array[]) => fromLe(sha512(concatBytes(...parts))) % L;
const prefixed = (message: Uint8Array) => concatBytes(utf8ToBytes('parley-auth-v1\n'), message);

/** Signs as RFC 8032 does, but for any scalar and any encoded key, so bad keys can carry "valid" signatures. */
function forge(scalar: bigint, keyBytes: Uint8Array, message: Uint8Array): Uint8Array {
  const r = hashToScalar(utf8ToBytes('nonce'), message, keyBytes);
  const R = Point.BASE.multiply(r === 0n ? 1n : r).toBytes();
  const k = hashToScalar(R, keyBytes, prefixed(message));
  return concatBytes(R, le((r + k * scalar) % L));
}

/**
 * A signature that passes the cofactorless equation [S]B = R + [k]A for a key A of small order, for any
 * message: R = [S]B − [k mod 8]A, retried until the hash lands on the guessed k mod 8.
 */
function forgeSmallOrder(key: Uint8Array, message: Uint8Array): Uint8Array {
  const A = Point.fromBytes(key, true);
  for (let i = 1; ; i++) {
    const s = hashToScalar(utf8ToBytes(`s ${i}`), message);
    const guess = BigInt(i % 8);
    const R = Point.BASE.multiply(s).subtract(A.multiplyUnsafe(guess)).toBytes();
    if (hashToScalar(R, key, prefixed(message)) % 8n === guess) return concatBytes(R, le(s));
  }
}

/** Every case runs through both verifiers: the native one must never accept what the portable one refuses. */
function both(label: SignatureLabel, key: Uint8Array, message: Uint8Array, sig: Uint8Array) {
  return { native: nativeVerify(label, key, message, sig), noble: verifyWithLabel(label, key, message, sig) };
}

describe('native Ed25519 verification (server)', () => {
  const keys = generateSigningKeyPair();
  const message = utf8ToBytes('challenge\nalice\ndevice-1');
  const sig = signWithLabel('auth', keys.privateKey, message);

  it('accepts what the portable verifier accepts for real keys', () => {
    for (let i = 0; i < 20; i++) {
      const k = generateSigningKeyPair();
      const m = utf8ToBytes(`message ${i}`);
      expect(both('device-list', k.publicKey, m, signWithLabel('device-list', k.privateKey, m))).toEqual({
        native: true,
        noble: true,
      });
    }
  });

  it('refuses another key, the other label, another message, flipped bits and wrong lengths', () => {
    const refused = { native: false, noble: false };
    expect(both('auth', generateSigningKeyPair().publicKey, message, sig)).toEqual(refused);
    expect(both('device-list', keys.publicKey, message, sig)).toEqual(refused);
    expect(both('auth', keys.publicKey, utf8ToBytes('other'), sig)).toEqual(refused);
    for (const at of [0, 31, 32, 63]) {
      const flipped = sig.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 1;
      expect(both('auth', keys.publicKey, message, flipped)).toEqual(refused);
    }
    expect(both('auth', keys.publicKey, message, sig.subarray(0, 63))).toEqual(refused);
    expect(both('auth', keys.publicKey, message, concatBytes(sig, Uint8Array.of(0)))).toEqual(refused);
    expect(both('auth', keys.publicKey.subarray(0, 31), message, sig)).toEqual(refused);
    const untyped: (...args: unknown[]) => boolean = Function.prototype.call.bind(nativeVerify, undefined);
    expect(untyped('toString', keys.publicKey, message, sig)).toBe(false);
    expect(untyped('auth', 'key', message, sig)).toBe(false);
    expect(untyped('auth', keys.publicKey, 'message', sig)).toBe(false);
  });

  it('refuses a non-canonical S (S + L), which the signature equation alone would accept', () => {
    const s = fromLe(sig.subarray(32));
    const malleated = concatBytes(sig.subarray(0, 32), le(s + L));
    expect(both('auth', keys.publicKey, message, malleated)).toEqual({ native: false, noble: false });
  });

  it('refuses keys of small order, under which anyone can forge a signature OpenSSL alone accepts', () => {
    const smallOrder = Array.from({ length: 8 }, (_, i) => torsion(i));
    const encodings = new Set(smallOrder.map((pt) => Buffer.from(pt.toBytes()).toString('hex')));
    expect(encodings.size).toBe(8);
    for (const hex of encodings) {
      const key = Uint8Array.from(Buffer.from(hex, 'hex'));
      const forged = forgeSmallOrder(key, message);
      expect(opensslOnly(key, message, forged)).toBe(true);
      expect(both('auth', key, message, forged)).toEqual({ native: false, noble: false });
    }
  });

  it('refuses the second encoding (y + p) that each y below 19 has', () => {
    for (let y = 0n; y < 19n; y++) {
      const key = le(y + p);
      let onCurve: InstanceType<typeof Point> | undefined;
      try {
        onCurve = Point.fromBytes(key, true);
      } catch {}
      // Only y = 0 and 1 (small order) have a known discrete log, so only they can carry a passing signature.
      const sig = onCurve?.isSmallOrder() ? forgeSmallOrder(key, message) : forge(3n, key, message);
      expect(both('auth', key, message, sig)).toEqual({ native: false, noble: false });
    }
  });

  it('refuses a mixed-order key that only the cofactored equation accepts (stricter than noble)', () => {
    const a = 0x1234567n;
    const mixed = Point.BASE.multiply(a).add(torsion(1));
    const key = mixed.toBytes();
    let m = message;
    let forged = forge(a, key, m);
    // With k ≡ 0 (mod 8) the torsion part cancels and both accept; pick a message where it does not.
    for (let i = 0; hashToScalar(forged.subarray(0, 32), key, prefixed(m)) % 8n === 0n; i++) {
      m = utf8ToBytes(`message ${i}`);
      forged = forge(a, key, m);
    }
    expect(both('auth', key, m, forged)).toEqual({ native: false, noble: true });
  });
});

function opensslOnly(key: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key]);
  return verify(null, prefixed(message), createPublicKey({ key: der, format: 'der', type: 'spki' }), sig);
}

/** A point of the eight-element torsion subgroup: the generator of order 8 times `i`. */
function torsion(i: number): InstanceType<typeof Point> {
  const order8 = Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
  return i === 0 ? Point.ZERO : order8.multiplyUnsafe(BigInt(i));
}
