import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { KeyDirectoryError } from './errors.ts';

/**
 * ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381 §5, suite 0x03) over noble's edwards25519 point API.
 * Keys are RFC 8032 Ed25519 keys: a 32-byte seed and its 32-byte public key.
 */

type Point = InstanceType<typeof ed25519.Point>;

const Point = ed25519.Point;
const Fn = Point.Fn;
const SUITE = Uint8Array.of(0x03);
const C_LEN = 16;
const PT_LEN = 32;
const Q_LEN = 32;

/** Length of a proof pi: Gamma (32) || c (16) || s (32). */
export const VRF_PROOF_SIZE = PT_LEN + C_LEN + Q_LEN;
/** Length of the VRF output beta (SHA-512). */
export const VRF_OUTPUT_SIZE = 64;

/** Strict RFC 8032 §5.1.3 decoding (non-canonical encodings refused), as RFC 9381 §5.5 requires. */
function stringToPoint(bytes: Uint8Array): Point | undefined {
  try {
    return Point.fromBytes(bytes, false);
  } catch {
    return undefined;
  }
}

/** §5.4.1.1 encode_to_curve_try_and_increment, salted with the public key string. */
function encodeToCurve(publicKey: Uint8Array, alpha: Uint8Array): Point {
  for (let ctr = 0; ctr < 256; ctr++) {
    const hash = sha512(concatBytes(SUITE, Uint8Array.of(0x01), publicKey, alpha, Uint8Array.of(ctr, 0x00)));
    const candidate = stringToPoint(hash.subarray(0, PT_LEN));
    if (candidate === undefined) continue;
    const h = candidate.clearCofactor();
    if (!h.is0()) return h;
  }
  // Probability about 2^-256: RFC 9381 lets the implementation fail here.
  throw new KeyDirectoryError('vrf_invalid', 'no curve point found for this input');
}

/** §5.4.3 challenge generation, truncated to cLen bytes and read little-endian. */
function challenge(points: readonly Point[]): bigint {
  const parts = [SUITE, Uint8Array.of(0x02), ...points.map((p) => p.toBytes()), Uint8Array.of(0x00)];
  return bytesToNumberLE(sha512(concatBytes(...parts)).subarray(0, C_LEN));
}

function gammaToHash(gamma: Point): Uint8Array {
  return sha512(
    concatBytes(SUITE, Uint8Array.of(0x03), gamma.clearCofactor().toBytes(), Uint8Array.of(0x00)),
  );
}

type DecodedProof = Readonly<{ gamma: Point; c: bigint; s: bigint }>;

/** §5.4.4 decode_proof: Gamma must decode and s must be below the group order. */
function decodeProof(pi: Uint8Array): DecodedProof {
  if (pi.length !== VRF_PROOF_SIZE) {
    throw new KeyDirectoryError('vrf_invalid', `VRF proof is ${pi.length} bytes, want ${VRF_PROOF_SIZE}`);
  }
  const gamma = stringToPoint(pi.subarray(0, PT_LEN));
  if (gamma === undefined) throw new KeyDirectoryError('vrf_invalid', 'VRF proof Gamma is not a curve point');
  const c = bytesToNumberLE(pi.subarray(PT_LEN, PT_LEN + C_LEN));
  const s = bytesToNumberLE(pi.subarray(PT_LEN + C_LEN));
  if (s >= Fn.ORDER) throw new KeyDirectoryError('vrf_invalid', 'VRF proof scalar s is not reduced');
  return { gamma, c, s };
}

/** The RFC 8032 public key of a 32-byte seed, which is also the VRF public key. */
export function vrfPublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** ECVRF_prove (§5.1): the 80-byte proof pi that `alpha` maps to proofToHash(pi) under this key. */
export function vrfProve(secretKey: Uint8Array, alpha: Uint8Array): Uint8Array {
  const {
    scalar: x,
    prefix,
    point: y,
    pointBytes: publicKey,
  } = ed25519.utils.getExtendedPublicKey(secretKey);
  const h = encodeToCurve(publicKey, alpha);
  const hString = h.toBytes();
  const gamma = h.multiply(x);
  // §5.4.2.2: the RFC 8032 nonce, from the second half of the hashed secret key and H.
  const k = Fn.create(bytesToNumberLE(sha512(concatBytes(prefix, hString))));
  const c = challenge([y, h, gamma, Point.BASE.multiply(k), h.multiply(k)]);
  const s = Fn.create(k + c * x);
  return concatBytes(gamma.toBytes(), numberToBytesLE(c, C_LEN), numberToBytesLE(s, Q_LEN));
}

/** ECVRF_proof_to_hash (§5.2): the 64-byte output beta. Does not verify the proof. */
export function vrfProofToHash(pi: Uint8Array): Uint8Array {
  return gammaToHash(decodeProof(pi).gamma);
}

/**
 * ECVRF_verify (§5.3) with key validation (§5.4.5): returns beta, or throws KeyDirectoryError
 * 'vrf_invalid'. A small-order or malformed public key is refused, so no key can map many inputs to
 * one output.
 */
export function vrfVerify(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): Uint8Array {
  const y = publicKey.length === PT_LEN ? stringToPoint(publicKey) : undefined;
  if (y === undefined) throw new KeyDirectoryError('vrf_invalid', 'VRF public key is not a curve point');
  if (y.isSmallOrder()) throw new KeyDirectoryError('vrf_invalid', 'VRF public key has small order');
  const { gamma, c, s } = decodeProof(pi);
  const h = encodeToCurve(publicKey, alpha);
  const u = Point.BASE.multiplyUnsafe(s).subtract(y.multiplyUnsafe(c));
  const v = h.multiplyUnsafe(s).subtract(gamma.multiplyUnsafe(c));
  if (c !== challenge([y, h, gamma, u, v])) {
    throw new KeyDirectoryError('vrf_invalid', 'VRF proof does not verify for this input and key');
  }
  return gammaToHash(gamma);
}
